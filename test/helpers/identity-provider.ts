import { createSign, type JsonWebKey } from 'node:crypto';
import type { IdentityProviderOptions } from '../../sandbox/identity/identity-provider';
import { anRsaSigningKey } from '../../sandbox/identity/signing-key';
import { buildAdminTestApp, type AdminTestAppOptions } from './admin';
import type { TestApp } from './app';
import { builtInBeforeAll } from './built-in-before-all';
import { startTsProcess, type ManagedProcess } from './processes';

/** The demo people's passwords in tests (the provider is given these, not generated ones). */
export const PASSWORDS = {
  'hr-r0a': 'r0a-password-1',
  'hr-7a1': '7a1-password-1',
  'hr-all': 'all-password-1',
  support: 'support-password-1',
  'no-role': 'no-role-password-1',
} as const;
export type DemoLogin = keyof typeof PASSWORDS;

export const CLIENT_ID = 'dit-checks-connector-web';
export const CLIENT_SECRET = 'test-client-secret-1';
export const PROGRAM_SECRETS = { 'demo-program': 'program-secret-1', 'demo-program-r0a': 'program-secret-2' };
export const API_AUDIENCE = 'dit-checks-connector';

export interface TestIdentityProvider {
  issuer: string;
  /** The provider's private signing key (JWK): tests sign tokens of their own with it. */
  signingKey: JsonWebKey & { kid: string };
  process: ManagedProcess;
  stop(): Promise<void>;
}

/**
 * The local OpenID provider (sandbox/identity, a real oidc-provider) as a process of its own,
 * with the test passwords and secrets above and a signing key the test knows.
 */
export async function startTestIdentityProvider(
  connectorUrls: readonly string[],
  options: Partial<IdentityProviderOptions> = {},
): Promise<TestIdentityProvider> {
  const signingKey = { ...anRsaSigningKey(), kid: 'test-key-1', alg: 'RS256', use: 'sig' };
  const all: IdentityProviderOptions = {
    connectorUrls,
    clientId: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
    passwords: PASSWORDS,
    programSecrets: PROGRAM_SECRETS,
    signingKeys: [signingKey],
    apiAudience: API_AUDIENCE,
    ...options,
  };
  const child = startTsProcess('sandbox/identity/identity-provider-main.ts', {
    IDENTITY_PROVIDER_OPTIONS: JSON.stringify(all),
  });
  const line = await child.waitFor('identity provider listening', 30_000);
  const { issuer } = JSON.parse(line) as { issuer: string };
  return { issuer, signingKey, process: child, stop: () => child.kill() };
}

/** The connector's environment for sign-in with the test provider. */
export function oidcEnv(issuer: string, publicBaseUrl: string): Record<string, string> {
  return {
    OIDC_ISSUER_URL: issuer,
    OIDC_CLIENT_ID: CLIENT_ID,
    OIDC_CLIENT_SECRET: CLIENT_SECRET,
    PUBLIC_BASE_URL: publicBaseUrl,
  };
}

/** A program's access token from the provider's token endpoint (client credentials). */
export async function programToken(issuer: string, clientId: keyof typeof PROGRAM_SECRETS): Promise<string> {
  const answer = await fetch(`${issuer}/token`, {
    method: 'POST',
    headers: {
      authorization: `Basic ${Buffer.from(`${clientId}:${PROGRAM_SECRETS[clientId]}`).toString('base64')}`,
      'content-type': 'application/x-www-form-urlencoded',
    },
    body: 'grant_type=client_credentials',
  });
  const body = (await answer.json()) as { access_token?: string };
  if (!answer.ok || !body.access_token)
    throw new Error(`token endpoint: ${answer.status} ${JSON.stringify(body)}`);
  return body.access_token;
}

const base64url = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');

/** A JWT signed RS256 with `key` (the provider's own, or another): header fields and claims as given. */
export function signJwt(
  key: JsonWebKey & { kid?: string },
  claims: Record<string, unknown>,
  header: Record<string, unknown> = {},
): string {
  const input = `${base64url({ alg: 'RS256', typ: 'at+jwt', kid: key.kid, ...header })}.${base64url(claims)}`;
  const signature = createSign('RSA-SHA256').update(input).sign({ key, format: 'jwk' });
  return `${input}.${signature.toString('base64url')}`;
}

/** Claims of a valid program token for the test provider, valid for 5 minutes from now. */
export function programClaims(issuer: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  const now = Math.floor(Date.now() / 1000);
  return {
    iss: issuer,
    sub: 'demo-program',
    aud: API_AUDIENCE,
    iat: now,
    exp: now + 300,
    client_id: 'demo-program',
    roles: ['hr-admin'],
    organisations: '*',
    ...extra,
  };
}

/**
 * The test provider and an admin app signing in with it (local accounts `hr1` and `support1` too),
 * for a test file: started in `beforeAll` (the app listens first, so the provider registers its
 * address), stopped in `afterAll`.
 */
export function withProviderAndApp(options: AdminTestAppOptions = {}): {
  idp: TestIdentityProvider;
  t: TestApp;
} {
  let built: { idp: TestIdentityProvider; t: TestApp } | undefined;
  beforeAll(async () => {
    let idp: TestIdentityProvider | undefined;
    try {
      const t = await buildAdminTestApp({
        ...options,
        envForUrl: async (url) => {
          idp = await startTestIdentityProvider([url]);
          return oidcEnv(idp.issuer, url);
        },
      });
      if (!idp) throw new Error('the provider did not start');
      built = { idp, t };
    } catch (error) {
      await idp?.stop();
      throw error;
    }
  }, 60_000);
  afterAll(async () => {
    await built?.t.close();
    await built?.idp.stop();
    built = undefined;
  });
  return {
    idp: builtInBeforeAll('withProviderAndApp()', () => built?.idp),
    t: builtInBeforeAll('withProviderAndApp()', () => built?.t),
  };
}
