import { randomBytes } from 'node:crypto';
import type { Request } from 'express';
import { z } from 'zod';

/** The client id and secret a sandbox accepts on its token endpoint. */
export interface ClientCredentials {
  clientId: string;
  clientSecret: string;
}

export interface IssuedToken {
  accessToken: string;
  expiresIn: number;
}

export interface TokenStore {
  issue(): IssuedToken;
  /** True while the token exists, has not expired and was not revoked. */
  isValid(token: string | undefined): boolean;
  /** Forgets every token, as an identity provider does when it rotates keys. */
  revokeAll(): void;
  stats(): { issued: number; active: number };
}

/**
 * Bearer tokens that really expire: each is valid for `ttlSeconds` of the injected clock, so a
 * test can move time past expiry and watch the client fetch a new one.
 */
export function createTokenStore(ttlSeconds: number, now: () => number): TokenStore {
  const expiryByToken = new Map<string, number>();
  let issued = 0;

  function forgetExpired(): void {
    const at = now();
    for (const [token, expiresAt] of expiryByToken) if (expiresAt <= at) expiryByToken.delete(token);
  }

  return {
    issue() {
      forgetExpired();
      const accessToken = randomBytes(24).toString('base64url');
      expiryByToken.set(accessToken, now() + ttlSeconds * 1000);
      issued += 1;
      return { accessToken, expiresIn: ttlSeconds };
    },
    isValid(token) {
      if (token === undefined) return false;
      const expiresAt = expiryByToken.get(token);
      return expiresAt !== undefined && now() < expiresAt;
    },
    revokeAll() {
      expiryByToken.clear();
    },
    stats() {
      forgetExpired();
      return { issued, active: expiryByToken.size };
    },
  };
}

const TokenRequestSchema = z.object({
  grant_type: z.string().optional(),
  client_id: z.string().optional(),
  client_secret: z.string().optional(),
  scope: z.string().optional(),
});

export type TokenRequestProblem =
  'invalid_request' | 'unsupported_grant_type' | 'invalid_client' | 'invalid_scope';

export type TokenRequestCheck = { ok: true } | { ok: false; problem: TokenRequestProblem };

/**
 * RFC 6749 client-credentials checks, credentials in the form body only (what both contracts
 * specify), so a client that sends them another way fails here as it would against the real API.
 * `requiredScope` set: the scope must be absent (default scope) or exactly that value.
 */
export function checkTokenRequest(
  body: unknown,
  expected: ClientCredentials,
  requiredScope?: string,
): TokenRequestCheck {
  const parsed = TokenRequestSchema.safeParse(body ?? {});
  if (!parsed.success || parsed.data.grant_type === undefined)
    return { ok: false, problem: 'invalid_request' };
  const form = parsed.data;
  if (form.grant_type !== 'client_credentials') return { ok: false, problem: 'unsupported_grant_type' };
  if (form.client_id !== expected.clientId || form.client_secret !== expected.clientSecret) {
    return { ok: false, problem: 'invalid_client' };
  }
  if (requiredScope !== undefined && form.scope !== undefined && form.scope !== requiredScope) {
    return { ok: false, problem: 'invalid_scope' };
  }
  return { ok: true };
}

/** The token of an `Authorization: Bearer …` header (scheme case-insensitive), else undefined. */
export function bearerTokenOf(req: Request): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(req.get('authorization') ?? '');
  return match?.[1];
}
