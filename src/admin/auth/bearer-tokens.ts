import { AppError } from '../../platform/errors';
import type { IdentityProvider } from './identity-provider';
import { IdentityProviderUnavailableError } from './identity-provider';
import { loadJose, type Jose } from './openid-libraries';

/** A bearer token that proves nothing: unsigned, tampered, expired, for another audience or issuer. */
export class InvalidBearerTokenError extends AppError {}

/**
 * Signatures a provider's access tokens may carry: asymmetric only. `none` and the HMAC family
 * are never accepted (an HMAC "signed" with the provider's public key is a known forgery).
 */
const ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA'];
/** Clock difference allowed between the provider and this receiver, seconds. */
const CLOCK_TOLERANCE_SECONDS = 30;

export interface BearerTokens {
  /** The verified token's claims; throws InvalidBearerTokenError, or IdentityProviderUnavailableError. */
  verify(token: string): Promise<Record<string, unknown>>;
}

/** Whether jose refused the token itself, as opposed to failing to fetch the provider's keys. */
function refusesToken(jose: typeof Jose, error: unknown): boolean {
  const { errors } = jose;
  if (error instanceof errors.JWKSTimeout || error instanceof errors.JWKSInvalid) return false;
  return error instanceof errors.JOSEError;
}

/**
 * Access tokens of programs (`Authorization: Bearer …`): a JWT signed with a key of the provider's
 * JWKS (fetched and cached by jose, re-fetched for an unknown key id), issued by the configured
 * issuer, with `aud` = OIDC_API_AUDIENCE, unexpired. An ID token is refused even when its
 * audience matches (the connector's own client id, e.g. in Entra ID): it carries the `nonce`
 * of a sign-in, which an access token never does.
 */
export function createBearerTokens(provider: IdentityProvider, timeoutMs: number): BearerTokens {
  let keys: Promise<{ jose: typeof Jose; jwks: Jose.JWTVerifyGetKey; issuer: string }> | undefined;

  function keySet() {
    keys ??= (async () => {
      const jose = await loadJose();
      const metadata = await provider.metadata();
      if (!metadata.jwks_uri) throw new IdentityProviderUnavailableError('the provider names no jwks_uri');
      const jwks = jose.createRemoteJWKSet(new URL(metadata.jwks_uri), { timeoutDuration: timeoutMs });
      return { jose, jwks, issuer: metadata.issuer };
    })().catch((error: unknown) => {
      keys = undefined;
      throw error;
    });
    return keys;
  }

  return {
    async verify(token) {
      const { jose, jwks, issuer } = await keySet();
      try {
        const { payload } = await jose.jwtVerify(token, jwks, {
          issuer,
          audience: provider.config.apiAudience,
          algorithms: ALGORITHMS,
          requiredClaims: ['exp', 'sub'],
          clockTolerance: CLOCK_TOLERANCE_SECONDS,
        });
        if (payload.nonce !== undefined)
          throw new InvalidBearerTokenError('an ID token is not an access token');
        return { ...payload };
      } catch (error) {
        if (error instanceof InvalidBearerTokenError) throw error;
        if (refusesToken(jose, error)) {
          throw new InvalidBearerTokenError('the bearer token was refused', { cause: error });
        }
        throw new IdentityProviderUnavailableError("the provider's keys could not be fetched", {
          cause: error,
        });
      }
    },
  };
}
