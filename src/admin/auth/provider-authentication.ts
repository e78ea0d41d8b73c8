import type { Request, Response } from 'express';
import { wantsHtml } from '../transfers/transfer-pages-router';
import type { AdminIdentity } from './admin-users';
import { SESSION_COOKIE } from './auth-cookies';
import { InvalidBearerTokenError } from './bearer-tokens';
import { signInHref } from './auth-pages-html';
import { identityFromClaims } from './identity-claims';
import { randomToken } from './sessions';
import type { SignIn } from './sign-in';

/**
 * What the provider's credentials made of a request: an identity, a refusal to answer (`401` for
 * a token or session that proves nothing, `403` for one without a role here), a redirect already
 * sent (a browser off to sign in), or nothing to go on (no bearer token, no session cookie).
 */
export type ProviderOutcome =
  | { kind: 'identity'; identity: AdminIdentity }
  | { kind: 'refused'; status: 401 | 403; error: string }
  | { kind: 'redirected' }
  | { kind: 'none' };

/** A browser opening a page (not a script, not a form post): it can be sent to sign in. */
const isPageVisit = (req: Request): boolean =>
  (req.method === 'GET' || req.method === 'HEAD') && wantsHtml(req);

async function fromBearer(token: string, signIn: SignIn): Promise<ProviderOutcome> {
  let claims;
  try {
    claims = await signIn.bearer.verify(token);
  } catch (error) {
    if (error instanceof InvalidBearerTokenError)
      return { kind: 'refused', status: 401, error: 'invalid_token' };
    throw error; // the provider's keys unreachable: 503, never let through
  }
  const identity = identityFromClaims(claims, signIn.claimNames);
  if (typeof identity === 'string') return { kind: 'refused', status: 403, error: 'not_authorised' };
  // programs post JSON (no form token needed); a random token keeps forms closed to them
  return { kind: 'identity', identity: { ...identity, csrfToken: randomToken() } };
}

async function fromSession(req: Request, res: Response, signIn: SignIn): Promise<ProviderOutcome> {
  const id = signIn.cookies.read(req, SESSION_COOKIE);
  if (id === undefined) {
    if (!isPageVisit(req)) return { kind: 'none' };
    res.redirect(303, signInHref(req.originalUrl));
    return { kind: 'redirected' };
  }
  const session = await signIn.sessions.read(id);
  if (session) {
    const { subject, user, name, role, organisations, csrfToken } = session;
    const identity: AdminIdentity = {
      subject,
      user,
      role,
      organisations,
      csrfToken,
      ...(name ? { name } : {}),
    };
    // the page's forms may lead on to the provider's sign-out (page-policy.ts form-action)
    res.locals.formActionOrigin = signIn.provider.signOutOrigin();
    return { kind: 'identity', identity };
  }
  signIn.cookies.clear(req, res, SESSION_COOKIE);
  if (!isPageVisit(req)) return { kind: 'refused', status: 401, error: 'session_expired' };
  res.redirect(303, `/auth/session-expired?returnTo=${encodeURIComponent(req.originalUrl)}`);
  return { kind: 'redirected' };
}

/**
 * The provider's side of admin authentication: `Authorization: Bearer` (a program's access
 * token), else the session cookie (a person signed in through `/auth`). A browser without either
 * is sent to sign in; one whose session ended, to the page that says so. HTTP Basic is left to
 * the caller.
 */
export function authenticateWithProvider(
  req: Request,
  res: Response,
  signIn: SignIn,
): Promise<ProviderOutcome> {
  const bearer = /^Bearer\s+(\S+)\s*$/i.exec(req.get('authorization') ?? '');
  if (bearer?.[1]) return fromBearer(bearer[1], signIn);
  if (/^Bearer\b/i.test(req.get('authorization') ?? '')) {
    return Promise.resolve({ kind: 'refused', status: 401, error: 'invalid_token' });
  }
  if (req.get('authorization') !== undefined) return Promise.resolve({ kind: 'none' });
  return fromSession(req, res, signIn);
}
