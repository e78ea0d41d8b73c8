import { ConfigError, describeRedisTarget, loadConfig, type ProcessRole } from '../../config';
import { aProductionEnv } from './production-config-env';

const SENTINELS = {
  REDIS_SENTINELS: 'sentinel-a.example.org:26379, sentinel-b.example.org:26379,[fd00::7]:26380',
  REDIS_SENTINEL_NAME: 'dit-master',
};

/** A complete production environment without any Redis variable; tests add REDIS_URL or Sentinel. */
function aProductionEnvWithoutRedis(redis: Record<string, string>): NodeJS.ProcessEnv {
  return aProductionEnv({ REDIS_URL: undefined, ...redis });
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

const ROLES: ProcessRole[] = ['receiver', 'worker', 'all'];

const EMPTY_SENTINELS =
  'REDIS_SENTINELS: is set but empty: list the sentinels as host:port,host:port, or unset it';

describe('Redis Sentinel configuration', () => {
  it.each(ROLES)(
    'when %s runs in production with REDIS_SENTINELS and REDIS_SENTINEL_NAME, then it loads without REDIS_URL',
    (role) => {
      const config = loadConfig(aProductionEnvWithoutRedis(SENTINELS), role);

      expect(config.redisUrl).toBeUndefined();
      expect(config.redis).toEqual({
        kind: 'sentinel',
        sentinels: [
          { host: 'sentinel-a.example.org', port: 26379 },
          { host: 'sentinel-b.example.org', port: 26379 },
          { host: 'fd00::7', port: 26380 },
        ],
        name: 'dit-master',
      });
    },
  );

  it('when the passwords are set, then the data nodes and the sentinels get their own', () => {
    const config = loadConfig({
      ...SENTINELS,
      REDIS_PASSWORD: 'data-pw',
      REDIS_SENTINEL_PASSWORD: 'sent-pw',
    });

    expect(config.redis).toMatchObject({ password: 'data-pw', sentinelPassword: 'sent-pw' });
  });

  it.each(ROLES)('when %s runs in production with neither, then both are named', (role) => {
    expect(problemsOf(() => loadConfig(aProductionEnvWithoutRedis({}), role))).toEqual([
      'REDIS_URL: is required (or REDIS_SENTINELS with REDIS_SENTINEL_NAME)',
    ]);
  });

  it.each([
    ['production', 'production'],
    ['development', 'development'],
  ])(
    'when both REDIS_URL and REDIS_SENTINELS are set (%s), then start-up fails naming both',
    (_label, env) => {
      const problems = problemsOf(() =>
        loadConfig({
          ...aProductionEnvWithoutRedis(SENTINELS),
          NODE_ENV: env,
          REDIS_URL: 'redis://redis.example.org:6379',
        }),
      );

      expect(problems).toEqual(['REDIS_URL, REDIS_SENTINELS: set one of them, not both']);
    },
  );

  it('when REDIS_SENTINELS is set without REDIS_SENTINEL_NAME, then start-up fails naming it', () => {
    const env = aProductionEnvWithoutRedis({ REDIS_SENTINELS: SENTINELS.REDIS_SENTINELS });

    expect(problemsOf(() => loadConfig(env, 'worker'))).toEqual([
      'REDIS_SENTINEL_NAME: is required with REDIS_SENTINELS',
    ]);
  });

  it.each([
    ['REDIS_SENTINELS', 'sentinel.example.org', 'REDIS_SENTINELS: each entry must be host:port'],
    ['REDIS_SENTINELS', 'a:26379,b:port', 'REDIS_SENTINELS: each entry must be host:port'],
    ['REDIS_SENTINELS', 'a:70000', 'REDIS_SENTINELS: '],
    ['REDIS_SENTINEL_NAME', 'my master', 'REDIS_SENTINEL_NAME: must be 1 to 64 letters'],
  ])('when %s is %p, then start-up fails with %p', (variable, value, message) => {
    const problems = problemsOf(() => loadConfig({ ...SENTINELS, [variable]: value }));

    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(message);
  });

  it.each([
    ['empty', ''],
    ['only spaces', '   '],
  ])(
    'when REDIS_SENTINELS is set but %s outside production, then start-up fails naming it (no embedded Redis)',
    (_label, value) => {
      expect(
        problemsOf(() => loadConfig({ REDIS_SENTINELS: value, REDIS_SENTINEL_NAME: 'dit-master' })),
      ).toEqual([EMPTY_SENTINELS]);
      expect(problemsOf(() => loadConfig({ REDIS_SENTINELS: value }))).toEqual([EMPTY_SENTINELS]);
    },
  );

  it('when REDIS_SENTINELS is set but empty in production, then the problem names it beside REDIS_URL', () => {
    const problems = problemsOf(() => loadConfig(aProductionEnvWithoutRedis({ REDIS_SENTINELS: '' })));

    expect(problems).toContain(EMPTY_SENTINELS);
  });

  it('when REDIS_SENTINELS is empty but REDIS_URL is set, then REDIS_URL is used (an empty variable is unset)', () => {
    const config = loadConfig({ REDIS_SENTINELS: '', REDIS_URL: 'redis://r:6379' });

    expect(config.redis).toEqual({ kind: 'url', url: 'redis://r:6379' });
  });

  it('when nothing is set outside production, then no target is configured (npm start embeds Redis)', () => {
    expect(loadConfig({}).redis).toBeUndefined();
  });

  it('when REDIS_URL is set with REDIS_PASSWORD, then the password is used only if the URL has none', () => {
    expect(loadConfig({ REDIS_URL: 'redis://r:6379', REDIS_PASSWORD: 'pw' }).redis).toEqual({
      kind: 'url',
      url: 'redis://r:6379',
      password: 'pw',
    });
    expect(loadConfig({ REDIS_URL: 'redis://:own@r:6379', REDIS_PASSWORD: 'pw' }).redis).toEqual({
      kind: 'url',
      url: 'redis://:own@r:6379',
    });
  });

  it('when a target is described for a banner or a log line, then no password appears', () => {
    const sentinel = loadConfig({
      ...SENTINELS,
      REDIS_PASSWORD: 'data-pw',
      REDIS_SENTINEL_PASSWORD: 'sent-pw',
    });
    const url = loadConfig({ REDIS_URL: 'rediss://user:url-pw@redis.example.org:6380' });

    const described = [describeRedisTarget(sentinel.redis!), describeRedisTarget(url.redis!)];

    expect(described).toEqual([
      'Sentinel master "dit-master" via sentinel-a.example.org:26379,sentinel-b.example.org:26379,[fd00::7]:26380',
      'rediss://user:***@redis.example.org:6380',
    ]);
    expect(described.join(' ')).not.toMatch(/data-pw|sent-pw|url-pw/);
  });
});
