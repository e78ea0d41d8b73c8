import express, { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import { describeError } from '../../platform/error-handler';
import { readerLimitAbove, readWithin } from '../../platform/http/body-limit';
import { pagePolicy } from '../pages/page-policy';
import { CSRF_FIELD, isCrossSite, tokenMatches } from './write-guard';
import { SESSION_COOKIE, SIGN_IN_COOKIE, SIGN_IN_TTL_MS } from './auth-cookies';
import {
  renderNotAuthorisedPage,
  renderSessionExpiredPage,
  renderSignedOutPage,
  renderSignInFailedPage,
  renderSignInUnavailablePage,
  renderSignOutRefusedPage,
  renderTooManySignInsPage,
} from './auth-pages-html';
import { identityFromClaims } from './identity-claims';
import { IdentityProviderUnavailableError, SignInFailedError, type PendingSignIn } from './identity-provider';
import { randomToken } from './sessions';
import { CALLBACK_PATH, safeReturnTo, SIGNED_OUT_PATH, type SignIn } from './sign-in';

const PendingSchema = z.object({
  state: z.string(),
  nonce: z.string(),
  codeVerifier: z.string(),
  returnTo: z.string(),
});

function parsePending(stored: string | undefined): PendingSignIn | undefined {
  if (stored === undefined) return undefined;
  try {
    const parsed = PendingSchema.safeParse(JSON.parse(stored));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/** A form token as the session wrote it (`randomToken`): the sign-out form always carries one. */
const isFormToken = (given: unknown): boolean =>
  typeof given === 'string' && /^[A-Za-z0-9_-]{43}$/.test(given);

const page = (res: Response, status: number, body: string) => void res.status(status).type('html').send(body);

/** The sign-out form: its token field, 4 KiB at most; a longer body is refused as it arrives, unread. */
const SIGN_OUT_BODY_BYTES = 4 * 1024;
const readSignOutForm = readWithin(
  SIGN_OUT_BODY_BYTES,
  express.urlencoded({ extended: false, limit: readerLimitAbove(SIGN_OUT_BODY_BYTES) }),
);

/**
 * `/auth`: sign-in with the provider (`GET /auth/sign-in` → the provider → `GET /auth/callback`),
 * `POST /auth/sign-out`, and the pages a person sees around them. Failures are logged by kind
 * only: never a code, a token, a cookie or a claim.
 */
export function createAuthRouter(signIn: SignIn): Router {
  const { provider, sessions, logger, cookies } = signIn;
  const router = Router();
  router.use(pagePolicy);

  router.get('/sign-in', async (req, res) => {
    // rejects when the count cannot be kept: 503
    const allowed = await signIn.startLimit.allow(req.ip ?? 'unknown');
    if (!allowed) {
      res.set('Retry-After', '60');
      return page(res, 429, renderTooManySignInsPage());
    }
    let begun;
    try {
      begun = await provider.beginSignIn(safeReturnTo(req.query.returnTo));
    } catch (error) {
      if (!(error instanceof IdentityProviderUnavailableError)) throw error;
      logger.warn('sign-in unavailable: the OpenID provider cannot be reached', {
        error: describeError(error),
      });
      return page(res, 503, renderSignInUnavailablePage());
    }
    const id = randomToken();
    await signIn.pending.savePending(id, JSON.stringify(begun.pending), SIGN_IN_TTL_MS);
    cookies.set(req, res, SIGN_IN_COOKIE, id, SIGN_IN_TTL_MS);
    res.redirect(303, begun.url);
  });

  router.get('/callback', async (req, res) => {
    const id = cookies.read(req, SIGN_IN_COOKIE);
    cookies.clear(req, res, SIGN_IN_COOKIE);
    const pending = parsePending(id === undefined ? undefined : await signIn.pending.takePending(id));
    if (!pending) {
      logger.info('sign-in refused: no sign-in in progress for this browser (expired, replayed or forged)');
      return page(res, 400, renderSignInFailedPage());
    }
    let claims;
    try {
      const query = new URL(req.originalUrl, 'http://callback').search;
      claims = await provider.completeSignIn(
        new URL(`${signIn.publicBaseUrl}${CALLBACK_PATH}${query}`),
        pending,
      );
    } catch (error) {
      if (error instanceof IdentityProviderUnavailableError)
        return page(res, 503, renderSignInUnavailablePage());
      if (!(error instanceof SignInFailedError)) throw error;
      logger.info('sign-in refused', { failure: error.failure, error: describeError(error) });
      return page(res, 400, renderSignInFailedPage());
    }
    const identity = identityFromClaims(claims, signIn.claimNames);
    if (typeof identity === 'string') {
      logger.info('sign-in refused: not authorised for this service', { failure: identity });
      return void res.redirect(303, '/auth/not-authorised');
    }
    const previous = cookies.read(req, SESSION_COOKIE);
    if (previous !== undefined) await sessions.end(previous);
    const started = await sessions.start(identity);
    cookies.set(req, res, SESSION_COOKIE, started.id, sessions.maxMs);
    logger.info('signed in', { role: identity.role, organisations: identity.organisations });
    res.redirect(303, pending.returnTo);
  });

  // Checked whatever the session: a browser withholds the SameSite=Lax cookie from another site's
  // form, so a forged sign-out arrives without one and would otherwise clear the cookie and send
  // the person to the provider's sign-out.
  router.post('/sign-out', readSignOutForm, async (req, res) => {
    const given = (req.body as Record<string, unknown> | undefined)?.[CSRF_FIELD];
    const id = cookies.read(req, SESSION_COOKIE);
    const session = isCrossSite(req) || id === undefined ? undefined : await sessions.read(id);
    // with no session left (it ended or expired), its token cannot be compared: the form's is
    // enough, from this site only, so that the person can still end the provider's session
    const allowed = session
      ? tokenMatches(given, session.csrfToken)
      : !isCrossSite(req) && isFormToken(given);
    if (!allowed) {
      logger.warn('sign-out refused: cross-site or without the session’s form token');
      return page(res, 403, renderSignOutRefusedPage());
    }
    if (session && id !== undefined) {
      await sessions.end(id);
      logger.info('signed out');
    }
    cookies.clear(req, res, SESSION_COOKIE);
    const afterUrl = `${signIn.publicBaseUrl}${SIGNED_OUT_PATH}`;
    const providerUrl = await provider.signOutUrl(afterUrl).catch((error: unknown) => {
      logger.warn('the provider’s sign-out could not be reached: signed out here only', {
        error: describeError(error),
      });
      return undefined;
    });
    res.redirect(303, providerUrl ?? SIGNED_OUT_PATH);
  });

  router.get('/signed-out', (_req, res) => page(res, 200, renderSignedOutPage()));
  router.get('/session-expired', (req: Request, res) => {
    const idle = Math.round(sessions.idleMs / 60_000);
    const hours = Math.round(sessions.maxMs / 3_600_000);
    page(res, 200, renderSessionExpiredPage({ idle, hours }, safeReturnTo(req.query.returnTo)));
  });
  router.get('/not-authorised', async (_req, res) => {
    const signOutUrl = await provider
      .signOutUrl(`${signIn.publicBaseUrl}${SIGNED_OUT_PATH}`)
      .catch(() => undefined);
    page(res, 403, renderNotAuthorisedPage(signOutUrl));
  });
  return router;
}
