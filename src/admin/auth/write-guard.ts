import { timingSafeEqual } from 'node:crypto';
import type { Request } from 'express';
import type { AdminIdentity } from './admin-users';

/** Why a write was refused (logged and audited; the answer is `403 {"error":"forbidden"}`). */
export type WriteRefusal = 'read_only_role' | 'cross_site_request' | 'missing_or_invalid_csrf_token';

/** The form field and the header that carry the CSRF token. */
export const CSRF_FIELD = '_csrf';
export const CSRF_HEADER = 'x-csrf-token';

/**
 * A request a browser marked as coming from another site: `Sec-Fetch-Site` other than
 * `same-origin`/`none`, or an `Origin` whose host is not this request's `Host` (`null` included).
 * Clients that are not browsers send neither and are not refused here.
 */
export function isCrossSite(req: Request): boolean {
  const site = req.get('sec-fetch-site');
  if (site !== undefined && site !== 'same-origin' && site !== 'none') return true;
  const origin = req.get('origin');
  if (origin === undefined) return false;
  try {
    return new URL(origin).host !== req.get('host');
  } catch {
    return true;
  }
}

/** No body at all: no `Content-Type`, no length, no chunked encoding. */
function hasNoBody(req: Request): boolean {
  const length = req.get('content-length');
  return (
    req.get('content-type') === undefined &&
    (length === undefined || length === '0') &&
    req.get('transfer-encoding') === undefined
  );
}

/**
 * JSON and empty bodies need no token: a cross-site page can send neither with the browser's
 * remembered credentials (JSON needs a CORS preflight, which this server never grants; an empty
 * cross-site `fetch` carries an `Origin`, refused above). Any other body is what an HTML form can
 * send, so it must carry the token.
 */
function needsToken(req: Request): boolean {
  return !req.is('application/json') && !hasNoBody(req);
}

export function tokenMatches(given: unknown, expected: string): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function givenToken(req: Request): unknown {
  const header = req.get(CSRF_HEADER);
  if (header !== undefined) return header;
  const body = req.body as Record<string, unknown> | undefined;
  return body && typeof body === 'object' ? body[CSRF_FIELD] : undefined;
}

/** Undefined when the write may go ahead; else why not. Runs after authentication and body parsing. */
export function refuseWrite(req: Request, identity: AdminIdentity): WriteRefusal | undefined {
  if (identity.role !== 'hr-admin') return 'read_only_role';
  if (isCrossSite(req)) return 'cross_site_request';
  if (needsToken(req) && !tokenMatches(givenToken(req), identity.csrfToken)) {
    return 'missing_or_invalid_csrf_token';
  }
  return undefined;
}
