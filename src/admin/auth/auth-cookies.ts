import type { CookieOptions, Request, Response } from 'express';

/** The session cookie's name over plain http; in an https deployment it is `__Host-dit-session`. */
export const SESSION_COOKIE = 'dit-session';
/** The cookie that ties a sign-in in progress to the browser that started it (login CSRF). */
export const SIGN_IN_COOKIE = 'dit-sign-in';
/** How long a sign-in at the provider may take, milliseconds. */
export const SIGN_IN_TTL_MS = 10 * 60 * 1000;

/** A deployment's cookies: read, set and cleared with the same name and attributes. */
export interface AuthCookies {
  /** The cookie's value from the request's `Cookie` header (first of that name); undefined when absent. */
  read(req: Request, base: string): string | undefined;
  set(req: Request, res: Response, base: string, value: string, maxAgeMs: number): void;
  clear(req: Request, res: Response, base: string): void;
}

/**
 * The cookies of a deployment whose people use `publicBaseUrl` (PUBLIC_BASE_URL). When it is https,
 * every cookie is `Secure` with the `__Host-` prefix (path `/`, no `Domain`: no other host or
 * plain-http page can set or shadow it), whatever the request looks like: behind a TLS proxy the
 * receiver is reached over plain http, and believes the proxy's `X-Forwarded-Proto` only under
 * TRUST_PROXY. A request that came over https (`req.secure`) gets them too.
 */
export function createAuthCookies(publicBaseUrl: string): AuthCookies {
  const httpsDeployment = new URL(publicBaseUrl).protocol === 'https:';
  const secure = (req: Request): boolean => httpsDeployment || req.secure;
  const nameOf = (req: Request, base: string): string => (secure(req) ? `__Host-${base}` : base);
  /** `HttpOnly`, `SameSite=Lax` (the provider's redirect back is a top-level GET), `Secure` over https. */
  const optionsOf = (req: Request, maxAgeMs?: number): CookieOptions => ({
    httpOnly: true,
    sameSite: 'lax',
    secure: secure(req),
    path: '/',
    ...(maxAgeMs !== undefined ? { maxAge: maxAgeMs } : {}),
  });

  return {
    read(req, base) {
      const name = nameOf(req, base);
      for (const part of (req.get('cookie') ?? '').split(';')) {
        const at = part.indexOf('=');
        if (at < 0 || part.slice(0, at).trim() !== name) continue;
        const value = part.slice(at + 1).trim();
        return value === '' ? undefined : value;
      }
      return undefined;
    },
    set(req, res, base, value, maxAgeMs) {
      res.cookie(nameOf(req, base), value, optionsOf(req, maxAgeMs));
    },
    clear(req, res, base) {
      res.clearCookie(nameOf(req, base), optionsOf(req));
    },
  };
}
