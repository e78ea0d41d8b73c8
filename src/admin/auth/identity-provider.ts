import type { OidcConfig } from '../../../config/sign-in-env';
import { AppError } from '../../platform/errors';
import { loadOpenIdClient, type OpenIdClient } from './openid-libraries';

/** What a sign-in keeps while the browser is at the provider: checked when it comes back. */
export interface PendingSignIn {
  state: string;
  nonce: string;
  codeVerifier: string;
  /** The HR page to open once signed in (a path under `/admin`). */
  returnTo: string;
}

/** The provider could not be reached or described itself wrongly: sign-in waits (`503`). */
export class IdentityProviderUnavailableError extends AppError {}

/**
 * A sign-in that came back wrong: the provider's own error, a `state` that is not this browser's,
 * or a code the provider would not exchange (replayed, expired, without its PKCE verifier). The
 * person is asked to sign in again; the reason is logged, never the code or a token.
 */
export class SignInFailedError extends AppError {
  constructor(
    readonly failure: 'provider_error' | 'invalid_response' | 'code_refused',
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export interface IdentityProvider {
  readonly config: OidcConfig;
  /** The provider's metadata (`/.well-known/openid-configuration`), fetched once. */
  metadata(): Promise<OpenIdClient.ServerMetadata>;
  /** A new sign-in's secrets, and the provider's address to send the browser to with them. */
  beginSignIn(returnTo: string): Promise<{ pending: PendingSignIn; url: string }>;
  /** The ID token's claims, once the callback's code is exchanged with `pending`'s checks. */
  completeSignIn(callbackUrl: URL, pending: PendingSignIn): Promise<Record<string, unknown>>;
  /** The provider's RP-initiated logout address (back to `afterUrl`); undefined when it has none. */
  signOutUrl(afterUrl: string): Promise<string | undefined>;
  /** The origin sign-out may lead to (a page's CSP `form-action`): the provider's end-session origin. */
  signOutOrigin(): string;
}

export interface IdentityProviderOptions {
  config: OidcConfig;
  /** Where the provider sends the browser back: `${PUBLIC_BASE_URL}/auth/callback`. */
  redirectUri: string;
  /** Each request to the provider gives up after this long, milliseconds. */
  timeoutMs: number;
}

/**
 * The connector as an OpenID Connect client (openid-client): authorization code flow with PKCE
 * (S256), `state` and `nonce`, client authentication by secret. Discovery runs on first use and
 * again after a failure, so a receiver that starts before its provider recovers by itself.
 */
export function createIdentityProvider(options: IdentityProviderOptions): IdentityProvider {
  const { config, redirectUri } = options;
  let discovered:
    Promise<{ lib: typeof OpenIdClient; configuration: OpenIdClient.Configuration }> | undefined;
  let endSessionOrigin: string | undefined;

  function discover() {
    discovered ??= (async () => {
      const lib = await loadOpenIdClient();
      const issuer = new URL(config.issuerUrl);
      const configuration = await lib.discovery(
        issuer,
        config.clientId,
        { redirect_uris: [redirectUri], response_types: ['code'] },
        lib.ClientSecretPost(config.clientSecret),
        {
          // plain http only for a local provider (config refuses it in production)
          ...(issuer.protocol === 'http:' ? { execute: [lib.allowInsecureRequests] } : {}),
          timeout: Math.ceil(options.timeoutMs / 1000),
        },
      );
      const endSession = configuration.serverMetadata().end_session_endpoint;
      endSessionOrigin = endSession ? new URL(endSession).origin : undefined;
      return { lib, configuration };
    })().catch((error: unknown) => {
      discovered = undefined;
      throw new IdentityProviderUnavailableError('the OpenID provider could not be reached or described', {
        cause: error,
      });
    });
    return discovered;
  }

  return {
    config,
    async metadata() {
      return (await discover()).configuration.serverMetadata();
    },
    async beginSignIn(returnTo) {
      const { lib, configuration } = await discover();
      const pending = {
        state: lib.randomState(),
        nonce: lib.randomNonce(),
        codeVerifier: lib.randomPKCECodeVerifier(),
        returnTo,
      };
      const url = lib.buildAuthorizationUrl(configuration, {
        redirect_uri: redirectUri,
        scope: 'openid profile',
        state: pending.state,
        nonce: pending.nonce,
        code_challenge: await lib.calculatePKCECodeChallenge(pending.codeVerifier),
        code_challenge_method: 'S256',
      });
      return { pending, url: url.href };
    },
    async completeSignIn(callbackUrl, pending) {
      const { lib, configuration } = await discover();
      if (callbackUrl.searchParams.has('error')) {
        throw new SignInFailedError(
          'provider_error',
          `the provider refused: ${callbackUrl.searchParams.get('error')}`,
        );
      }
      try {
        const tokens = await lib.authorizationCodeGrant(
          configuration,
          callbackUrl,
          {
            pkceCodeVerifier: pending.codeVerifier,
            expectedState: pending.state,
            expectedNonce: pending.nonce,
            idTokenExpected: true,
          },
          { redirect_uri: redirectUri },
        );
        const claims = tokens.claims();
        if (!claims) throw new Error('no ID token');
        return { ...claims };
      } catch (error) {
        const refused = error instanceof lib.ResponseBodyError;
        throw new SignInFailedError(
          refused ? 'code_refused' : 'invalid_response',
          refused
            ? `the provider refused the code: ${error.error}`
            : 'the sign-in response failed its checks',
          { cause: error },
        );
      }
    },
    async signOutUrl(afterUrl) {
      const { lib, configuration } = await discover();
      if (!configuration.serverMetadata().end_session_endpoint) return undefined;
      return lib.buildEndSessionUrl(configuration, { post_logout_redirect_uri: afterUrl }).href;
    },
    signOutOrigin() {
      return endSessionOrigin ?? new URL(config.issuerUrl).origin;
    },
  };
}
