/** One Redis Sentinel, as `REDIS_SENTINELS` lists it. */
export interface SentinelAddress {
  host: string;
  port: number;
}

/**
 * Where the connector's Redis is: one server (`REDIS_URL`), or the master that a set of sentinels
 * names (`REDIS_SENTINELS` + `REDIS_SENTINEL_NAME`), followed through failovers. Both connection
 * styles (src/store/redis-connections.ts) are built from it. The passwords are secrets: never
 * logged, never printed.
 */
export type RedisTarget =
  | {
      kind: 'url';
      url: string;
      /** `REDIS_PASSWORD`, when the URL carries none. */
      password?: string;
    }
  | {
      kind: 'sentinel';
      sentinels: SentinelAddress[];
      /** The monitored master's name (`REDIS_SENTINEL_NAME`). */
      name: string;
      /** `REDIS_PASSWORD`: the master's and replicas'. */
      password?: string;
      /** `REDIS_SENTINEL_PASSWORD`: the sentinels'. */
      sentinelPassword?: string;
    };

/** The Redis variables after their own schemas (config/env-schema.ts) parsed them. */
export interface RedisEnv {
  REDIS_URL?: string;
  REDIS_SENTINELS?: SentinelAddress[];
  REDIS_SENTINEL_NAME?: string;
  REDIS_PASSWORD?: string;
  REDIS_SENTINEL_PASSWORD?: string;
}

/** Added to `REDIS_URL: is required`, so that the message names the alternative too. */
export const REDIS_URL_REQUIRED_HINT = ' (or REDIS_SENTINELS with REDIS_SENTINEL_NAME)';

/**
 * What no single variable's schema can see: `REDIS_URL` and `REDIS_SENTINELS` both set (which one
 * is meant?), sentinels without the master's name, or `REDIS_SENTINELS` set but empty with no
 * `REDIS_URL` (Sentinel was meant, but an empty variable counts as unset: outside production that
 * would start an embedded Redis without a word). Checked in and out of production. `present` holds
 * the variables that have a value; `raw` is the environment as given.
 */
export function redisTargetProblems(
  present: Record<string, string>,
  raw: NodeJS.ProcessEnv = present,
): string[] {
  const problems: string[] = [];
  if (raw.REDIS_SENTINELS !== undefined && present.REDIS_SENTINELS === undefined && !present.REDIS_URL)
    problems.push(
      'REDIS_SENTINELS: is set but empty: list the sentinels as host:port,host:port, or unset it',
    );
  if (present.REDIS_URL !== undefined && present.REDIS_SENTINELS !== undefined)
    problems.push('REDIS_URL, REDIS_SENTINELS: set one of them, not both');
  if (present.REDIS_SENTINELS !== undefined && present.REDIS_SENTINEL_NAME === undefined)
    problems.push('REDIS_SENTINEL_NAME: is required with REDIS_SENTINELS');
  return problems;
}

function hasPassword(url: string): boolean {
  try {
    return new URL(url).password !== '';
  } catch {
    return false;
  }
}

/** The target the variables describe; undefined when neither is set (outside production: embedded). */
export function redisTargetOf(env: RedisEnv): RedisTarget | undefined {
  const password = env.REDIS_PASSWORD || undefined;
  if (env.REDIS_SENTINELS && env.REDIS_SENTINEL_NAME) {
    return {
      kind: 'sentinel',
      sentinels: env.REDIS_SENTINELS,
      name: env.REDIS_SENTINEL_NAME,
      ...(password ? { password } : {}),
      ...(env.REDIS_SENTINEL_PASSWORD ? { sentinelPassword: env.REDIS_SENTINEL_PASSWORD } : {}),
    };
  }
  if (!env.REDIS_URL) return undefined;
  const withPassword = password && !hasPassword(env.REDIS_URL);
  return { kind: 'url', url: env.REDIS_URL, ...(withPassword ? { password } : {}) };
}

/** For banners and log lines: where Redis is, without any password. */
export function describeRedisTarget(target: RedisTarget): string {
  if (target.kind === 'sentinel') {
    const addresses = target.sentinels.map(({ host, port }) =>
      host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`,
    );
    return `Sentinel master "${target.name}" via ${addresses.join(',')}`;
  }
  const url = new URL(target.url);
  if (url.password) url.password = '***';
  return url.toString();
}
