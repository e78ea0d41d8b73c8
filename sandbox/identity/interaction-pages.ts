import { createHash, timingSafeEqual } from 'node:crypto';
import express, { Router } from 'express';
import type Provider from 'oidc-provider';

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};
export const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);

/** A plain page of the local provider: no script, no outside resource. */
export function providerPage(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} — local OpenID provider</title></head>
<body>
<main>
<h1>${escapeHtml(title)}</h1>
${body}
<p><small>Local OpenID provider for development (npm start): not for real people.</small></p>
</main>
</body>
</html>`;
}

function loginForm(uid: string, login: string, problem?: string): string {
  const error = problem ? `<p role="alert" id="problem"><strong>${escapeHtml(problem)}</strong></p>` : '';
  return providerPage(
    'Sign in to DiT employment checks',
    `${error}
<form method="post" action="/interaction/${escapeHtml(uid)}/login" autocomplete="off">
  <p><label for="login">User name</label><br>
  <input id="login" name="login" type="text" value="${escapeHtml(login)}" required autofocus></p>
  <p><label for="password">Password</label><br>
  <input id="password" name="password" type="password" required></p>
  <p><button type="submit">Sign in</button></p>
</form>
<p><a href="/interaction/${escapeHtml(uid)}/abort">Cancel</a></p>`,
  );
}

const digest = (value: string): Buffer => createHash('sha256').update(value, 'utf8').digest();

/**
 * The provider's own sign-in pages, by oidc-provider's documented interaction API
 * (`interactionDetails`, `interactionFinished`): a user name and password checked against the
 * demo people. Consent is never asked: every client here is the connector's own.
 */
export function createInteractionRouter(provider: Provider, passwords: ReadonlyMap<string, string>): Router {
  const router = Router();
  const checkPassword = (login: string, password: string): boolean => {
    const expected = passwords.get(login);
    return expected !== undefined && timingSafeEqual(digest(expected), digest(password));
  };

  router.get('/:uid', async (req, res) => {
    const details = await provider.interactionDetails(req, res);
    res.type('html').send(loginForm(details.uid, ''));
  });

  router.post('/:uid/login', express.urlencoded({ extended: false }), async (req, res) => {
    const details = await provider.interactionDetails(req, res);
    const body = req.body as Record<string, unknown>;
    const login = typeof body.login === 'string' ? body.login.trim() : '';
    const password = typeof body.password === 'string' ? body.password : '';
    if (!checkPassword(login, password)) {
      res
        .status(401)
        .type('html')
        .send(loginForm(details.uid, login, 'The user name or password is wrong.'));
      return;
    }
    await provider.interactionFinished(
      req,
      res,
      { login: { accountId: login } },
      { mergeWithLastSubmission: false },
    );
  });

  router.get('/:uid/abort', async (req, res) => {
    await provider.interactionFinished(
      req,
      res,
      { error: 'access_denied', error_description: 'The person cancelled the sign-in' },
      { mergeWithLastSubmission: false },
    );
  });
  return router;
}
