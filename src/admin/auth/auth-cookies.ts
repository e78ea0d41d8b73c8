import type { CookieOptions, Request, Response } from 'express';

/** The session cookie's name over plain http; over https it is `__Host-dit-session`. */
export const SESSION_COOKIE = 'dit-session';
/** The cookie that ties a sign-in in progress to the browser that started it (login CSRF). */
export const SIGN_IN_COOKIE = 'dit-sign-in';
/** How long a sign-in at the provider may take, milliseconds. */
export const SIGN_IN_TTL_MS = 10 * 60 * 1000;

/**
 * A cookie's name for this request: with the `__Host-` prefix over https (`Secure`, path `/`, no
 * `Domain`: no other host or plain-http page can set or shadow it). https is `req.secure`, which
 * believes a proxy's `X-Forwarded-Proto` only under TRUST_PROXY.
 */
export const cookieName = (req: Request, base: string): string => (req.secure ? `__Host-${base}` : base);

/** `HttpOnly`, `SameSite=Lax` (the provider's redirect back is a top-level GET), `Secure` over https. */
export function cookieOptions(req: Request, maxAgeMs?: number): CookieOptions {
  return {
    httpOnly: true,
    sameSite: 'lax',
    secure: req.secure,
    path: '/',
    ...(maxAgeMs !== undefined ? { maxAge: maxAgeMs } : {}),
  };
}

/** A cookie's value from the request's `Cookie` header (first of that name); undefined when absent. */
export function readCookie(req: Request, base: string): string | undefined {
  const name = cookieName(req, base);
  for (const part of (req.get('cookie') ?? '').split(';')) {
    const at = part.indexOf('=');
    if (at < 0 || part.slice(0, at).trim() !== name) continue;
    const value = part.slice(at + 1).trim();
    return value === '' ? undefined : value;
  }
  return undefined;
}

export function setCookie(req: Request, res: Response, base: string, value: string, maxAgeMs: number): void {
  res.cookie(cookieName(req, base), value, cookieOptions(req, maxAgeMs));
}

export function clearCookie(req: Request, res: Response, base: string): void {
  res.clearCookie(cookieName(req, base), cookieOptions(req));
}
