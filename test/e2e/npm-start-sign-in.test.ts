import { SANDBOX_CREDENTIALS } from '../../config';
import { startTsProcess, type ManagedProcess } from '../helpers/processes';
import { aFreshPrefix, testRedisUrl } from '../helpers/redis';
import { withSandboxes } from '../helpers/sandbox';
import { aBrowser, signIn } from '../helpers/sign-in-walk';

const sandboxes = withSandboxes();

/** `npm start` in development with Trac, ESR and Redis given: it starts the local OpenID provider itself. */
let connector: ManagedProcess;
let banner: string;
beforeAll(async () => {
  connector = startTsProcess('scripts/start.ts', {
    NODE_ENV: 'development',
    PORT: '0',
    QUEUE_PREFIX: aFreshPrefix('start-oidc'),
    REDIS_URL: testRedisUrl(),
    TRAC_BASE_URL: sandboxes.tracUrl,
    TRAC_CLIENT_ID: SANDBOX_CREDENTIALS.trac.clientId,
    TRAC_CLIENT_SECRET: SANDBOX_CREDENTIALS.trac.clientSecret,
    ESR_BASE_URL: sandboxes.esrUrl,
    ESR_CLIENT_ID: SANDBOX_CREDENTIALS.esr.clientId,
    ESR_CLIENT_SECRET: SANDBOX_CREDENTIALS.esr.clientSecret,
    SMTP_URL: 'smtp://127.0.0.1:1',
  });
  await connector.waitFor('Ctrl-C stops everything', 90_000);
  banner = connector.output.join('\n');
}, 100_000);
afterAll(() => connector.kill());

const found = (pattern: RegExp): string => {
  const value = pattern.exec(banner)?.[1];
  if (!value) throw new Error(`the banner has no ${String(pattern)}:\n${banner}`);
  return value;
};

describe('npm start prints the demo sign-ins, and each works', () => {
  const PEOPLE = [
    { login: 'hr-r0a', lands: '/admin', sees: 'Demo HR admin (R0A)' },
    { login: 'hr-7a1', lands: '/admin', sees: 'Demo HR admin (7A1)' },
    { login: 'hr-all', lands: '/admin', sees: 'Demo HR admin (all)' },
    { login: 'support', lands: '/admin', sees: 'support (read-only)' },
    { login: 'no-role', lands: '/auth/not-authorised', sees: 'You are not authorised to use this service' },
  ];

  it.each(PEOPLE)(
    'when $login signs in with the password the banner printed, then they reach $lands',
    async (person) => {
      const receiver = found(/Receiver\s+(http:\/\/\S+)/);
      const password = found(new RegExp(`^\\s+${person.login}\\s+password (\\S+)`, 'm'));
      const browser = aBrowser();

      const { answer } = await signIn(browser, `${receiver}/admin`, person.login, password);
      const page = await browser.request(`${receiver}${answer.headers.get('location') ?? ''}`);

      expect(answer.headers.get('location')).toBe(person.lands);
      expect(await page.text()).toContain(person.sees);
    },
    30_000,
  );

  it('when the banner’s curl for a bearer token is followed, then the token opens the API', async () => {
    const receiver = found(/Receiver\s+(http:\/\/\S+)/);
    const issuer = found(/local OpenID provider (http:\/\/[^\s)]+)\)/);
    const credentials = found(/curl -s -u '(demo-program:[^']+)'/);

    const token = (await (
      await fetch(`${issuer}/token`, {
        method: 'POST',
        headers: {
          authorization: `Basic ${Buffer.from(credentials).toString('base64')}`,
          'content-type': 'application/x-www-form-urlencoded',
        },
        body: 'grant_type=client_credentials',
      })
    ).json()) as { access_token: string };
    const api = await fetch(`${receiver}/admin/transfers`, {
      headers: { authorization: `Bearer ${token.access_token}` },
    });

    expect(api.status).toBe(200);
    expect(banner).not.toContain(token.access_token);
  }, 30_000);

  it('when people signed in and a token was used, then no log line holds a password, secret, token or cookie', () => {
    const logLines = connector.output.filter((line) => line.startsWith('{')).join('\n');
    const secrets = [...banner.matchAll(/password (\S+)/g), ...banner.matchAll(/-u '[^:]+:([^']+)'/g)].map(
      (match) => match[1] ?? '',
    );

    expect(logLines).toContain('signed in');
    expect(secrets.length).toBeGreaterThanOrEqual(6);
    for (const secret of secrets) expect(logLines).not.toContain(secret);
    expect(logLines).not.toMatch(/eyJ[\w-]+\.eyJ/);
    expect(logLines).not.toMatch(/dit-session=/);
  });
});
