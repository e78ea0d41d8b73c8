import type { Config } from '../../../config';
import type { Logger } from '../../platform/logger';
import type { SessionStore } from '../../store/session-store';
import { createBearerTokens, type BearerTokens } from './bearer-tokens';
import type { ClaimNames } from './identity-claims';
import { createIdentityProvider, type IdentityProvider } from './identity-provider';
import { createSessions, type Sessions, type SessionTimeouts } from './sessions';
import type { SignInStartLimit } from './sign-in-start-limit';
import { createAuthCookies, type AuthCookies } from './auth-cookies';

/** Where the provider sends a browser back after sign-in, under PUBLIC_BASE_URL. */
export const CALLBACK_PATH = '/auth/callback';
/** Where the provider sends a browser back after sign-out, under PUBLIC_BASE_URL. */
export const SIGNED_OUT_PATH = '/auth/signed-out';

/** Everything sign-in with a provider needs, shared by `/auth` and the admin authenticator. */
export interface SignIn {
  provider: IdentityProvider;
  bearer: BearerTokens;
  sessions: Sessions;
  pending: Pick<SessionStore, 'savePending' | 'takePending'>;
  /** Sign-ins started per client address. */
  startLimit: SignInStartLimit;
  claimNames: ClaimNames;
  /** PUBLIC_BASE_URL, no trailing slash. */
  publicBaseUrl: string;
  /** The sign-in and session cookies: `Secure` with `__Host-` whenever PUBLIC_BASE_URL is https. */
  cookies: AuthCookies;
  logger: Logger;
}

export interface SignInDeps {
  config: Readonly<
    Pick<Config, 'oidc' | 'publicBaseUrl' | 'httpTimeoutMs' | 'sessionIdleMinutes' | 'sessionMaxHours'>
  >;
  /** Sessions and sign-ins in progress (`createSessionStore`). */
  sessionStore: SessionStore;
  /** Sign-ins started per client address (`createSignInStartLimit`). */
  startLimit: SignInStartLimit;
  logger: Logger;
  now: () => Date;
  /** Session time-outs other than the config's (tests), milliseconds. */
  sessionTimeouts?: Partial<SessionTimeouts>;
}

/** Sign-in with the configured provider; undefined when none is configured (local accounts only). */
export function createSignIn(deps: SignInDeps): SignIn | undefined {
  const { config } = deps;
  if (!config.oidc) return undefined;
  const provider = createIdentityProvider({
    config: config.oidc,
    redirectUri: `${config.publicBaseUrl}${CALLBACK_PATH}`,
    timeoutMs: config.httpTimeoutMs,
  });
  const store = deps.sessionStore;
  const timeouts: SessionTimeouts = {
    idleMs: deps.sessionTimeouts?.idleMs ?? config.sessionIdleMinutes * 60_000,
    maxMs: deps.sessionTimeouts?.maxMs ?? config.sessionMaxHours * 3_600_000,
  };
  return {
    provider,
    bearer: createBearerTokens(provider, config.httpTimeoutMs),
    sessions: createSessions(store, timeouts, deps.now),
    pending: store,
    startLimit: deps.startLimit,
    claimNames: config.oidc,
    publicBaseUrl: config.publicBaseUrl,
    cookies: createAuthCookies(config.publicBaseUrl),
    logger: deps.logger.child({ component: 'sign-in' }),
  };
}

/** A path under `/admin` to return to after sign-in; anything else (another site included) is `/admin`. */
export function safeReturnTo(value: unknown): string {
  if (typeof value !== 'string' || value.length > 2000) return '/admin';
  return /^\/admin(?:[/?#]|$)/.test(value) && !/[\\\s]/.test(value) && !value.includes('//')
    ? value
    : '/admin';
}
