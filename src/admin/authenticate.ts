import type { Request, RequestHandler } from 'express';
import type { Logger } from '../platform/logger';
import type { Metrics } from '../platform/metrics';
import type { AdminDirectory } from './admin-users';
import type { LoginRateLimit } from './login-rate-limit';

/** The realm of the `WWW-Authenticate` challenge (connector.md). */
export const ADMIN_REALM = 'dit-checks-connector';

export interface AuthenticateDeps {
  directory: AdminDirectory;
  rateLimit: LoginRateLimit;
  metrics: Metrics;
  logger: Logger;
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
 * challenge without valid credentials, `429` with `Retry-After` once an address has failed too
 * often. Requests without any credentials (a browser's first request) are not failures.
 */
export function createAuthenticator(deps: AuthenticateDeps): RequestHandler {
  return (req, res, next) => {
    const address = clientAddress(req);
    const wait = deps.rateLimit.retryAfterSeconds(address);
    if (wait !== undefined) {
      res.set('Retry-After', String(wait)).status(429).json({ error: 'too_many_failed_logins' });
      return;
    }
    const credentials = parseBasicAuthorization(req.get('authorization'));
    const identity = credentials && deps.directory.authenticate(credentials.user, credentials.password);
    if (identity) {
      res.locals.admin = identity;
      next();
      return;
    }
    if (credentials) {
      deps.rateLimit.recordFailure(address);
      deps.metrics.adminLoginFailures.inc();
      if (deps.rateLimit.retryAfterSeconds(address) !== undefined) {
        deps.logger.warn('admin logins refused for a while: too many failures', { clientIp: address });
      }
    }
    res.set('WWW-Authenticate', `Basic realm="${ADMIN_REALM}"`).status(401).json({ error: 'unauthorized' });
  };
}
