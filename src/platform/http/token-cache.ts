import type { AxiosInstance } from 'axios';
import { z } from 'zod';

const TokenResponseSchema = z.object({
  access_token: z.string().min(1),
  token_type: z.string().optional(),
  expires_in: z.number().positive(),
});

export interface TokenCacheOptions {
  http: AxiosInstance;
  tokenPath: string;
  form: Record<string, string>;
  /** Renew this long before expiry so a request never leaves with a token about to lapse (ms). */
  renewBeforeMs?: number;
  now?: () => number;
}

export interface TokenCache {
  /** A valid bearer token, fetched when missing or close to expiry; concurrent callers share one fetch. */
  get(): Promise<string>;
  /** Forget the token (after a `401`), so the next `get()` fetches a new one. */
  invalidate(token: string): void;
}

/**
 * OAuth2 client-credentials token cache. Errors from the token endpoint propagate as axios errors
 * for the API client to classify.
 */
export function createTokenCache(options: TokenCacheOptions): TokenCache {
  const now = options.now ?? Date.now;
  const renewBeforeMs = options.renewBeforeMs ?? 60_000;
  let cached: { token: string; expiresAt: number } | undefined;
  let inFlight: Promise<string> | undefined;

  async function fetchToken(): Promise<string> {
    const response = await options.http.post(
      options.tokenPath,
      new URLSearchParams(options.form).toString(),
      {
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      },
    );
    const parsed = TokenResponseSchema.parse(response.data);
    const lifetimeMs = parsed.expires_in * 1000;
    cached = {
      token: parsed.access_token,
      expiresAt: now() + lifetimeMs - Math.min(renewBeforeMs, lifetimeMs / 2),
    };
    return parsed.access_token;
  }

  return {
    get() {
      if (cached && now() < cached.expiresAt) return Promise.resolve(cached.token);
      inFlight ??= fetchToken().finally(() => {
        inFlight = undefined;
      });
      return inFlight;
    },
    invalidate(token) {
      if (cached?.token === token) cached = undefined;
    },
  };
}
