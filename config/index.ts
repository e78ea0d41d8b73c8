import type { z } from 'zod';
import type { Config } from './config-shape';
import { generateDevelopmentDefaults, SANDBOX_CREDENTIALS } from './development-defaults';
import { digestConfigOf } from './digest-env';
import { REDIS_URL_REQUIRED_HINT, redisTargetOf, redisTargetProblems } from './redis-target';
import { environmentSchemaFor, type ProcessRole } from './required-variables';
import { signInConfigOf, signInProblems } from './sign-in-env';

export type { ApiConnection, Config, UserCredential } from './config-shape';
export { SANDBOX_CREDENTIALS } from './development-defaults';
export type { ProcessRole } from './required-variables';
export type { RedisTarget, SentinelAddress } from './redis-target';
export { describeRedisTarget } from './redis-target';

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

function withoutEmptyValues(env: NodeJS.ProcessEnv): Record<string, string> {
  return Object.fromEntries(
    Object.entries(env).filter((entry): entry is [string, string] => (entry[1] ?? '').trim() !== ''),
  );
}

function describeIssues(error: z.ZodError, present: Record<string, string>): string[] {
  return error.issues.map((issue) => {
    const variable = String(issue.path[0] ?? 'environment');
    if (variable in present) return `${variable}: ${issue.message}`;
    return `${variable}: is required${variable === 'REDIS_URL' ? REDIS_URL_REQUIRED_HINT : ''}`;
  });
}

/**
 * Parses the environment once into a frozen config. In production nothing that connects or
 * authenticates is defaulted: each variable the role needs must be present and valid. Throws a
 * ConfigError naming every offending variable.
 */
export function loadConfig(rawEnv: NodeJS.ProcessEnv, role: ProcessRole = 'all'): Readonly<Config> {
  const env = withoutEmptyValues(rawEnv);
  const isProduction = env.NODE_ENV === 'production';
  const generated = isProduction ? {} : generateDevelopmentDefaults(env);
  const withGenerated = { ...env, ...generated };

  const parsed = environmentSchemaFor(role, env, isProduction).safeParse(withGenerated);
  const problems = [
    ...(parsed.success ? [] : describeIssues(parsed.error, env)),
    ...redisTargetProblems(env, rawEnv),
    ...signInProblems(env, isProduction),
  ];
  if (!parsed.success || problems.length > 0) throw new ConfigError(problems);
  const e = parsed.data;

  return Object.freeze({
    nodeEnv: e.NODE_ENV,
    isProduction,
    port: e.PORT,
    host: e.HOST,
    redis: redisTargetOf(e),
    redisUrl: e.REDIS_URL,
    queuePrefix: e.QUEUE_PREFIX,
    trac: {
      baseUrl: e.TRAC_BASE_URL,
      clientId: e.TRAC_CLIENT_ID ?? SANDBOX_CREDENTIALS.trac.clientId,
      clientSecret: e.TRAC_CLIENT_SECRET ?? SANDBOX_CREDENTIALS.trac.clientSecret,
    },
    esr: {
      baseUrl: e.ESR_BASE_URL,
      clientId: e.ESR_CLIENT_ID ?? SANDBOX_CREDENTIALS.esr.clientId,
      clientSecret: e.ESR_CLIENT_SECRET ?? SANDBOX_CREDENTIALS.esr.clientSecret,
    },
    webhookSecrets: e.WEBHOOK_SECRETS ?? [],
    webhookToleranceSeconds: e.WEBHOOK_TOLERANCE_SECONDS,
    triggerStatuses: e.TRIGGER_STATUSES,
    organisationsFile: e.ORGANISATIONS_FILE,
    adminUsers: e.ADMIN_USERS ?? [],
    supportUsers: e.SUPPORT_USERS ?? [],
    workerConcurrency: e.WORKER_CONCURRENCY,
    workerHealthPort: e.WORKER_HEALTH_PORT,
    esrRateLimitPerSecond: e.ESR_RATE_LIMIT_PER_SECOND,
    transferAttempts: e.TRANSFER_ATTEMPTS,
    transferRetentionDays: e.TRANSFER_RETENTION_DAYS,
    httpTimeoutMs: e.HTTP_TIMEOUT_MS,
    reconcileIntervalSeconds: e.RECONCILE_INTERVAL_SECONDS,
    reconcileLookbackHours: e.RECONCILE_LOOKBACK_HOURS,
    logLevel: e.LOG_LEVEL,
    trustProxy: e.TRUST_PROXY,
    otlpEndpoint: e.OTEL_EXPORTER_OTLP_ENDPOINT,
    ...digestConfigOf(e, e.HOST, e.PORT),
    ...signInConfigOf(e),
    generated,
  });
}

/** Entry-point helper: the config, or every problem on stderr and exit 1 before anything starts. */
export function loadConfigOrExit(role: ProcessRole): Readonly<Config> {
  try {
    return loadConfig(process.env, role);
  } catch (error) {
    const message = error instanceof ConfigError ? error.message : String(error);
    process.stderr.write(`${message}\nNothing was started. See .env.example for every variable.\n`);
    process.exit(1);
  }
}
