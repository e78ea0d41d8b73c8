import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig, SANDBOX_CREDENTIALS, type ProcessRole } from '../../config';
import { aProductionEnv } from './production-config-env';
import {
  createOrganisationDirectory,
  OrganisationsSchema,
  readOrganisationsFile,
} from '../../config/organisations';

const RECEIVER_VARIABLES = [
  'REDIS_URL',
  'WEBHOOK_SECRETS',
  'ADMIN_USERS',
  'SUPPORT_USERS',
  'TRAC_BASE_URL',
  'TRAC_CLIENT_ID',
  'TRAC_CLIENT_SECRET',
] as const;
const WORKER_VARIABLES = [
  'REDIS_URL',
  'TRAC_BASE_URL',
  'TRAC_CLIENT_ID',
  'TRAC_CLIENT_SECRET',
  'ESR_BASE_URL',
  'ESR_CLIENT_ID',
  'ESR_CLIENT_SECRET',
] as const;
const ALL_VARIABLES = [...new Set([...RECEIVER_VARIABLES, ...WORKER_VARIABLES])];

/** How start-up names a missing variable; REDIS_URL's message names the Sentinel alternative too. */
function requiredProblem(variable: string): string {
  const alternative = variable === 'REDIS_URL' ? ' (or REDIS_SENTINELS with REDIS_SENTINEL_NAME)' : '';
  return `${variable}: is required${alternative}`;
}

function problemsOf(load: () => unknown): string[] {
  try {
    load();
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected a ConfigError, but the configuration loaded');
}

function withoutVariable(variable: string): NodeJS.ProcessEnv {
  const env = aProductionEnv();
  delete env[variable];
  return env;
}

describe('config outside production', () => {
  it('when nothing is set, then every tunable has the default of the contract table', () => {
    const config = loadConfig({});

    expect(config).toMatchObject({
      nodeEnv: 'development',
      isProduction: false,
      port: 3000,
      host: '127.0.0.1',
      queuePrefix: 'dit',
      webhookToleranceSeconds: 300,
      triggerStatuses: ['Outcome: Recruited'],
      organisationsFile: 'config/organisations.json',
      workerConcurrency: 10,
      esrRateLimitPerSecond: 50,
      transferAttempts: 8,
      httpTimeoutMs: 10_000,
      logLevel: 'info',
      trustProxy: false,
    });
  });

  it.each([
    ['false', false],
    ['1', 1],
    ['loopback', ['loopback']],
    ['10.0.0.0/8, 192.0.2.10', ['10.0.0.0/8', '192.0.2.10']],
  ])('when TRUST_PROXY is %p, then the receiver trusts %p', (value, expected) => {
    expect(loadConfig({ TRUST_PROXY: value }).trustProxy).toEqual(expected);
  });

  it('when no connection is set, then Redis, Trac and ESR are left to npm start with sandbox credentials', () => {
    const config = loadConfig({ NODE_ENV: 'development' });

    expect(config.redisUrl).toBeUndefined();
    expect(config.trac).toEqual({ baseUrl: undefined, ...SANDBOX_CREDENTIALS.trac });
    expect(config.esr).toEqual({ baseUrl: undefined, ...SANDBOX_CREDENTIALS.esr });
  });

  it('when secrets and users are unset, then they are generated, valid, and reported as generated', () => {
    const config = loadConfig({});

    expect(config.webhookSecrets).toHaveLength(1);
    expect(config.webhookSecrets[0]).toMatch(/^whsec_[A-Za-z0-9+/=]{32,}$/);
    expect(config.adminUsers.map((u) => u.user)).toEqual(['hr-admin']);
    expect(config.supportUsers.map((u) => u.user)).toEqual(['support']);
    for (const { password } of [...config.adminUsers, ...config.supportUsers])
      expect(password).toMatch(/^\S{16}$/);
    expect(config.generated).toEqual({
      WEBHOOK_SECRETS: config.webhookSecrets[0],
      ADMIN_USERS: `hr-admin:${config.adminUsers[0]?.password}`,
      SUPPORT_USERS: `support:${config.supportUsers[0]?.password}`,
    });
  });

  it('when loaded twice, then each load generates different secrets and passwords', () => {
    const first = loadConfig({});
    const second = loadConfig({});

    expect(second.webhookSecrets[0]).not.toBe(first.webhookSecrets[0]);
    expect(second.adminUsers[0]?.password).not.toBe(first.adminUsers[0]?.password);
  });

  it('when secrets and users are set, then they are used and nothing is generated', () => {
    const config = loadConfig({
      WEBHOOK_SECRETS: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw, whsec_OTHERsecretOTHERsecret==',
      ADMIN_USERS: 'hr1:correct-horse,hr2:correct-horse2',
      SUPPORT_USERS: 'support1:battery-staple',
    });

    expect(config.webhookSecrets).toEqual([
      'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
      'whsec_OTHERsecretOTHERsecret==',
    ]);
    expect(config.adminUsers.map((u) => u.user)).toEqual(['hr1', 'hr2']);
    expect(config.supportUsers).toEqual([
      { user: 'support1', password: 'battery-staple', organisations: '*' },
    ]);
    expect(config.generated).toEqual({});
  });

  it.each([
    ['hr1:correct-horse', 'correct-horse', '*'],
    ['hr1:correct-horse:*', 'correct-horse', '*'],
    ['hr1:correct-horse:R0A', 'correct-horse', ['R0A']],
    ['hr1:correct-horse:R0A+7A1', 'correct-horse', ['R0A', '7A1']],
    ['hr1:correct:horse:R0A', 'correct:horse', ['R0A']],
    ['hr1:correct:horse-battery', 'correct:horse-battery', '*'],
    ['hr1:correct:horse:*', 'correct:horse', '*'],
    ['hr1:correct:r0a:R0A', 'correct:r0a', ['R0A']],
  ])(
    'when a local account is %p, then its password and organisations are read from it',
    (entry, password, organisations) => {
      const config = loadConfig({ ADMIN_USERS: entry, SUPPORT_USERS: entry });

      expect(config.adminUsers).toEqual([{ user: 'hr1', password, organisations }]);
      expect(config.supportUsers).toEqual([{ user: 'hr1', password, organisations }]);
    },
  );

  it('when a variable is set to an empty string, then it counts as unset', () => {
    const config = loadConfig({ PORT: '', REDIS_URL: ' ', WEBHOOK_SECRETS: '' });

    expect(config.port).toBe(3000);
    expect(config.redisUrl).toBeUndefined();
    expect(config.generated.WEBHOOK_SECRETS).toBeDefined();
  });

  it('when tunables are set, then lists are split on commas and numbers parsed', () => {
    const config = loadConfig({
      PORT: '8080',
      TRIGGER_STATUSES: 'Outcome: Recruited, Offer: Accepted ,',
      WORKER_CONCURRENCY: '25',
      LOG_LEVEL: 'debug',
    });

    expect(config.port).toBe(8080);
    expect(config.triggerStatuses).toEqual(['Outcome: Recruited', 'Offer: Accepted']);
    expect(config.workerConcurrency).toBe(25);
    expect(config.logLevel).toBe('debug');
  });

  it('when loaded, then the config is frozen', () => {
    const config = loadConfig({});

    expect(Object.isFrozen(config)).toBe(true);
  });
});

describe('config in production', () => {
  it('when everything is set, then every role loads and nothing is generated', () => {
    for (const role of ['receiver', 'worker', 'all'] as const) {
      const config = loadConfig(aProductionEnv(), role);

      expect(config.isProduction).toBe(true);
      expect(config.generated).toEqual({});
    }
  });

  it('when only tunables are left unset, then they keep their defaults', () => {
    const config = loadConfig(aProductionEnv(), 'all');

    expect(config).toMatchObject({ port: 3000, host: '127.0.0.1', queuePrefix: 'dit', transferAttempts: 8 });
  });

  it.each(RECEIVER_VARIABLES)(
    'when %s is missing, then the receiver refuses to start, naming it',
    (variable) => {
      expect(problemsOf(() => loadConfig(withoutVariable(variable), 'receiver'))).toEqual([
        requiredProblem(variable),
      ]);
    },
  );

  it.each(WORKER_VARIABLES)('when %s is missing, then the worker refuses to start, naming it', (variable) => {
    expect(problemsOf(() => loadConfig(withoutVariable(variable), 'worker'))).toEqual([
      requiredProblem(variable),
    ]);
  });

  it.each(ALL_VARIABLES)('when %s is missing, then npm start refuses to start, naming it', (variable) => {
    expect(problemsOf(() => loadConfig(withoutVariable(variable), 'all'))).toEqual([
      requiredProblem(variable),
    ]);
  });

  it('when the ESR variables are missing, then the receiver still starts (it never calls ESR)', () => {
    const env = aProductionEnv({
      ESR_BASE_URL: undefined,
      ESR_CLIENT_ID: undefined,
      ESR_CLIENT_SECRET: undefined,
    });

    expect(loadConfig(env, 'receiver').esr.baseUrl).toBeUndefined();
  });

  it('when the webhook secrets and users are missing, then the worker still starts (it serves no HTTP)', () => {
    const env = aProductionEnv({
      WEBHOOK_SECRETS: undefined,
      ADMIN_USERS: undefined,
      SUPPORT_USERS: undefined,
    });

    const config = loadConfig(env, 'worker');

    expect(config.webhookSecrets).toEqual([]);
    expect(config.generated).toEqual({});
  });

  it.each<[string, ProcessRole, readonly string[]]>([
    ['the receiver', 'receiver', RECEIVER_VARIABLES],
    ['the worker', 'worker', WORKER_VARIABLES],
    ['npm start', 'all', ALL_VARIABLES],
  ])(
    'when nothing is set for %s, then every variable it needs is named at once',
    (_label, role, variables) => {
      const problems = problemsOf(() => loadConfig({ NODE_ENV: 'production' }, role));

      expect([...problems].sort()).toEqual(variables.map(requiredProblem).sort());
    },
  );

  it('when a variable is missing, then the error message lists it under "Invalid configuration"', () => {
    expect(() => loadConfig(withoutVariable('REDIS_URL'), 'worker')).toThrow(
      'Invalid configuration:\n  - REDIS_URL: is required',
    );
  });
});

describe('local accounts whose organisations are mistyped', () => {
  it.each([
    ['lower-case codes', 'hr1:password1:r0a'],
    ['lower-case codes joined with +', 'hr1:password1:r0a+7a1'],
    ['codes in mixed case', 'hr1:password1:R0a+7A1'],
    ['codes joined with ;', 'hr1:password1:R0A;7A1'],
    ['codes joined with /', 'hr1:password1:R0A/7A1'],
    ['codes joined with -', 'hr1:password1:R0A-7A1'],
    ['codes run together', 'hr1:password1:R0A7A1'],
    ['a trailing +', 'hr1:password1:R0A+'],
    ['a word for all', 'hr1:password1:all'],
    ['nothing after the last colon', 'hr1:password1:'],
  ])(
    'when an account ends with %s, then start-up stops naming the variable and the entry, never the password',
    (_case, entry) => {
      for (const variable of ['ADMIN_USERS', 'SUPPORT_USERS']) {
        const env = aProductionEnv({ [variable]: `other:other-password,${entry}` });

        const problems = problemsOf(() => loadConfig(env, 'receiver'));

        expect(problems).toEqual([expect.stringMatching(new RegExp(`^${variable}: entry 2: .*R0A\\+7A1`))]);
        expect(problems.join('\n')).not.toContain('password1');
      }
    },
  );

  it('when organisation codes are joined with a comma, then start-up stops naming the entry the comma split off', () => {
    const problems = problemsOf(() =>
      loadConfig(aProductionEnv({ ADMIN_USERS: 'hr1:password1:R0A,7A1' }), 'receiver'),
    );

    expect(problems).toEqual([
      expect.stringMatching(/^ADMIN_USERS: .*entry 2 .*joined with \+, never with a comma/),
    ]);
  });
});

describe('config with malformed values', () => {
  it.each([
    ['PORT', 'abc', 'PORT: must be a whole number'],
    ['PORT', '70000', 'PORT: '],
    ['REDIS_URL', 'http://x', 'REDIS_URL: must be a redis:// or rediss:// URL'],
    ['TRAC_BASE_URL', 'trac.example.org', 'TRAC_BASE_URL: must be a http(s):// URL'],
    ['WEBHOOK_SECRETS', 'nope', 'WEBHOOK_SECRETS: each secret must be whsec_ followed by base64'],
    [
      'ADMIN_USERS',
      'bad',
      'ADMIN_USERS: each entry must be user:password or user:password:R0A+7A1 (password 8+ characters)',
    ],
    ['SUPPORT_USERS', 'support:short', 'SUPPORT_USERS: each entry must be user:password'],
    ['ADMIN_USERS', 'hr1:short:R0A+7A1', 'ADMIN_USERS: each password must be 8+ characters'],
    ['LOG_LEVEL', 'loud', 'LOG_LEVEL: '],
    ['QUEUE_PREFIX', 'dit:prod', 'QUEUE_PREFIX: must be 1 to 32 letters, digits, - or _'],
    ['WORKER_CONCURRENCY', '0', 'WORKER_CONCURRENCY: '],
    ['TRUST_PROXY', 'true', 'TRUST_PROXY: must be false, a number of proxy hops, or proxy addresses'],
    ['TRUST_PROXY', 'proxy.example.org', 'TRUST_PROXY: must be false'],
  ])('when %s is %p, then start-up stops naming it', (variable, value, expected) => {
    for (const env of [{ [variable]: value }, aProductionEnv({ [variable]: value })]) {
      const problems = problemsOf(() => loadConfig(env, 'all'));

      expect(problems).toHaveLength(1);
      expect(problems[0]).toContain(expected);
    }
  });

  it('when several values are malformed, then every one is named', () => {
    const env = aProductionEnv({
      PORT: 'abc',
      REDIS_URL: 'http://x',
      WEBHOOK_SECRETS: 'nope',
      ADMIN_USERS: 'bad',
    });

    const problems = problemsOf(() => loadConfig(env, 'receiver'));

    expect(problems.map((p) => p.split(':')[0]).sort()).toEqual([
      'ADMIN_USERS',
      'PORT',
      'REDIS_URL',
      'WEBHOOK_SECRETS',
    ]);
  });
});

describe('organisations file', () => {
  const directory = mkdtempSync(join(tmpdir(), 'dit-organisations-'));
  let fileNumber = 0;
  const aFile = (content: unknown): string => {
    const file = join(directory, `organisations-${(fileNumber += 1)}.json`);
    writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
    return file;
  };
  const anOrganisation = (overrides: Record<string, unknown> = {}) => ({
    code: 'R0A',
    name: 'Example Teaching Hospitals NHS Foundation Trust',
    ditProvider: 'TIS',
    enabled: true,
    ...overrides,
  });

  it('when the shipped config/organisations.json is read, then it is valid', () => {
    const organisations = readOrganisationsFile('config/organisations.json');

    expect(organisations.map((o) => o.code)).toEqual(expect.arrayContaining(['R0A', '7A1']));
  });

  it('when the file lists TIS and HICOM organisations, then both are accepted', () => {
    const file = aFile([
      anOrganisation(),
      anOrganisation({ code: '7A1', ditProvider: 'HICOM', enabled: false }),
    ]);

    expect(readOrganisationsFile(file)).toEqual([
      anOrganisation(),
      anOrganisation({ code: '7A1', ditProvider: 'HICOM', enabled: false }),
    ]);
  });

  it('when a code appears twice, then the file is refused naming the duplicate', () => {
    const file = aFile([anOrganisation(), anOrganisation({ name: 'Another trust' })]);

    expect(() => readOrganisationsFile(file)).toThrow(/ORGANISATIONS_FILE .*1\.code: duplicate code R0A/);
  });

  it('when the DiT provider is neither TIS nor HICOM, then the file is refused naming the field', () => {
    const file = aFile([anOrganisation({ ditProvider: 'ACME' })]);

    expect(() => readOrganisationsFile(file)).toThrow(/ORGANISATIONS_FILE .*0\.ditProvider/);
  });

  it('when a code is not an organisation code, then the schema names it', () => {
    const parsed = OrganisationsSchema.safeParse([anOrganisation({ code: 'r0a-x' })]);

    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.path).toEqual([0, 'code']);
  });

  it('when the file is not JSON, then the error names the file', () => {
    const file = aFile('[{ not json');

    expect(() => readOrganisationsFile(file)).toThrow(`ORGANISATIONS_FILE ${file}`);
  });

  it('when an organisation is disabled, then the directory does not find it as enabled', () => {
    const file = aFile([anOrganisation(), anOrganisation({ code: 'RX9', enabled: false })]);

    const organisations = createOrganisationDirectory(file);

    expect(organisations.findEnabled('R0A')?.code).toBe('R0A');
    expect(organisations.findEnabled('RX9')).toBeUndefined();
    expect(organisations.findEnabled('ZZZ')).toBeUndefined();
  });
});
