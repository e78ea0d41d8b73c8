import type { Request, RequestHandler, Response } from 'express';
import type { Logger } from '../../platform/logger';
import type { Metrics } from '../../platform/metrics';
import type { AdminDirectory } from './admin-users';
import type { AuditLog } from '../audit/audit-log';
import type { LoginRateLimit } from './login-rate-limit';
import { authenticateWithProvider } from './provider-authentication';
import type { SignIn } from './sign-in';

/** The realm of the `WWW-Authenticate` challenge (connector.md). */
export const ADMIN_REALM = 'dit-checks-connector';

export interface AuthenticateDeps {
  directory: AdminDirectory;
  rateLimit: LoginRateLimit;
  /** Counts the refusals (`401`, `429`). */
  audit: Pick<AuditLog, 'refused'>;
  metrics: Metrics;
  logger: Logger;
  /** Sign-in with a provider (bearer tokens, sessions); undefined: HTTP Basic only. */
  signIn?: SignIn;
}

/** `Authorization: Basic base64(user:password)`; undefined when absent or malformed. */
export function parseBasicAuthorization(header: string | undefined) {
  const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header ?? '');
  if (!match?.[1]) return undefined;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return undefined;
  return { user: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

const clientAddress = (req: Request): string => req.ip ?? req.socket.remoteAddress ?? 'unknown';

/**
 * HTTP Basic against ADMIN_USERS and SUPPORT_USERS for everything under `/admin`: `401` with a
 * challenge without valid credentials, `429` with `Retry-After` while that user has failed too
 * often from this address (checked before the password; at an address that has failed under more
 * names than it counts one by one, a wrong password may be answered `429` too: login-rate-limit.ts).
 * Requests without any credentials (a browser's first request) are not failures. Every refusal is
 * counted; when Redis cannot answer the check, the request fails (`503` from the app's error
 * handler) rather than going unchecked. With a provider configured, a bearer token or a session
 * cookie is tried first (auth/provider-authentication.ts): a browser without credentials is sent to
 * sign in there.
 */
export function createAuthenticator(deps: AuthenticateDeps): RequestHandler {
  const challenges = [
    ...(deps.signIn ? [`Bearer realm="${ADMIN_REALM}"`] : []),
    `Basic realm="${ADMIN_REALM}"`,
  ].join(', ');
  function challenge(res: Response, error = 'unauthorized'): void {
    res.set('WWW-Authenticate', challenges).status(401).json({ error });
  }
  async function tooMany(res: Response, wait: number): Promise<void> {
    await deps.audit.refused(429);
    res.set('Retry-After', String(wait)).status(429).json({ error: 'too_many_failed_logins' });
  }

  return async (req, res, next) => {
    if (deps.signIn) {
      const outcome = await authenticateWithProvider(req, res, deps.signIn);
      if (outcome.kind === 'redirected') return;
      if (outcome.kind === 'identity') {
        res.locals.admin = outcome.identity;
        return next();
      }
      if (outcome.kind === 'refused') {
        await deps.audit.refused(outcome.status);
        if (outcome.status === 401) return challenge(res, outcome.error);
        return void res.status(403).json({ error: outcome.error });
      }
    }
    const credentials = parseBasicAuthorization(req.get('authorization'));
    if (!credentials) {
      await deps.audit.refused(401);
      return challenge(res);
    }
    const address = clientAddress(req);
    const wait = await deps.rateLimit.retryAfterSeconds(credentials.user, address);
    if (wait !== undefined) return tooMany(res, wait);
    const identity = deps.directory.authenticate(credentials.user, credentials.password);
    if (identity) {
      res.locals.admin = identity;
      return next();
    }
    const configuredUser = deps.directory.isKnownUser(credentials.user);
    const failure = await deps.rateLimit.recordFailure(credentials.user, address, configuredUser);
    deps.metrics.adminLoginFailures.inc();
    if (failure.lockedNow) {
      // a name that is not a configured user may be a password typed into the wrong field
      const user = configuredUser ? credentials.user : '(not a configured user)';
      deps.logger.warn('admin logins refused for a while: too many failures', { user, clientIp: address });
    }
    if (failure.retryAfterSeconds !== undefined) return tooMany(res, failure.retryAfterSeconds);
    await deps.audit.refused(401);
    challenge(res);
  };
}
