import { ConfigError, loadConfig } from '../../config';
import { aProductionEnv } from './production-config-env';

const PROVIDER = {
  OIDC_ISSUER_URL: 'https://login.example.org/tenant/v2.0',
  OIDC_CLIENT_ID: 'connector-client',
  OIDC_CLIENT_SECRET: 'client-secret-value',
};

function problemsOf(load: () => unknown): string[] {
  try {
    load();
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected a ConfigError, but the configuration loaded');
}

describe('sign-in with a provider: configuration', () => {
  it('when no provider is set, then there is no sign-in with one and the session time-outs are the contract’s', () => {
    const config = loadConfig({ NODE_ENV: 'test' });

    expect(config.oidc).toBeUndefined();
    expect(config.sessionIdleMinutes).toBe(30);
    expect(config.sessionMaxHours).toBe(10);
  });

  it('when the three provider variables are set, then the claims and audience have their defaults', () => {
    const config = loadConfig({ NODE_ENV: 'test', ...PROVIDER });

    expect(config.oidc).toEqual({
      issuerUrl: PROVIDER.OIDC_ISSUER_URL,
      clientId: PROVIDER.OIDC_CLIENT_ID,
      clientSecret: PROVIDER.OIDC_CLIENT_SECRET,
      rolesClaim: 'roles',
      organisationsClaim: 'organisations',
      apiAudience: 'dit-checks-connector',
    });
  });

  it('when the claims, audience and time-outs are set, then they are used', () => {
    const config = loadConfig({
      NODE_ENV: 'test',
      ...PROVIDER,
      OIDC_ROLES_CLAIM: 'realm_access.roles',
      OIDC_ORGANISATIONS_CLAIM: 'extn.organisations',
      OIDC_API_AUDIENCE: 'api://4f1c0d7e-connector',
      SESSION_IDLE_MINUTES: '15',
      SESSION_MAX_HOURS: '8',
    });

    expect(config.oidc).toMatchObject({
      rolesClaim: 'realm_access.roles',
      organisationsClaim: 'extn.organisations',
      apiAudience: 'api://4f1c0d7e-connector',
    });
    expect([config.sessionIdleMinutes, config.sessionMaxHours]).toEqual([15, 8]);
  });

  it.each([['OIDC_ISSUER_URL', 'OIDC_CLIENT_ID'], ['OIDC_CLIENT_SECRET']])(
    'when only %s of the three are set, then the configuration names all three',
    (...given) => {
      const env = Object.fromEntries(given.map((name) => [name, PROVIDER[name as keyof typeof PROVIDER]]));

      expect(problemsOf(() => loadConfig({ NODE_ENV: 'test', ...env }))).toEqual([
        'OIDC_ISSUER_URL, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET: set all three (sign-in with a provider) or none',
      ]);
    },
  );

  it.each([
    ['SESSION_IDLE_MINUTES', '0'],
    ['SESSION_MAX_HOURS', '200'],
    ['OIDC_ROLES_CLAIM', 'two words'],
    ['OIDC_ISSUER_URL', 'ftp://login.example.org'],
  ])('when %s is %p, then the configuration refuses it', (variable, value) => {
    const problems = problemsOf(() => loadConfig({ NODE_ENV: 'test', ...PROVIDER, [variable]: value }));

    expect(problems.map((problem) => problem.split(':')[0])).toEqual([variable]);
  });
});

describe('sign-in with a provider in production', () => {
  it('when the receiver has a provider and PUBLIC_BASE_URL, then local accounts are not required', () => {
    const env = aProductionEnv({
      ...PROVIDER,
      PUBLIC_BASE_URL: 'https://dit.example.org',
      ADMIN_USERS: undefined,
      SUPPORT_USERS: undefined,
    });

    const config = loadConfig(env, 'receiver');

    expect(config.oidc?.issuerUrl).toBe(PROVIDER.OIDC_ISSUER_URL);
    expect(config.adminUsers).toEqual([]);
  });

  it('when the receiver has neither a provider nor local accounts, then the local accounts are required as before', () => {
    const env = aProductionEnv({ ADMIN_USERS: undefined, SUPPORT_USERS: undefined });

    expect(problemsOf(() => loadConfig(env, 'receiver'))).toEqual([
      'ADMIN_USERS: is required',
      'SUPPORT_USERS: is required',
    ]);
  });

  it('when the provider is plain http or PUBLIC_BASE_URL is missing, then production refuses to start', () => {
    const env = aProductionEnv({ ...PROVIDER, OIDC_ISSUER_URL: 'http://login.example.org' });

    expect(problemsOf(() => loadConfig(env, 'receiver'))).toEqual([
      'OIDC_ISSUER_URL: must be an https:// URL in production',
      'PUBLIC_BASE_URL: is required with OIDC_ISSUER_URL in production (the sign-in comes back to PUBLIC_BASE_URL/auth/callback)',
    ]);
  });
});
