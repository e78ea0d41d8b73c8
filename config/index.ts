import { randomBytes } from 'node:crypto';
import type { z } from 'zod';
import {
  ConnectionEnvSchema,
  RedisSentinelEnvSchema,
  TunableEnvSchema,
  type ConnectionVariable,
} from './env-schema';
import {
  REDIS_URL_REQUIRED_HINT,
  redisTargetOf,
  redisTargetProblems,
  type RedisTarget,
} from './redis-target';
import { DigestEnvSchema, digestConfigOf, type DigestConfig } from './digest-env';
import {
  hasSignInProvider,
  SignInEnvSchema,
  signInConfigOf,
  signInProblems,
  type SignInConfig,
} from './sign-in-env';

export type { RedisTarget, SentinelAddress } from './redis-target';
export { describeRedisTarget } from './redis-target';

export type ProcessRole = 'receiver' | 'worker' | 'all';

/** Which connection variables each process needs in production (connector.md). */
const REQUIRED_BY_ROLE: Record<ProcessRole, readonly ConnectionVariable[]> = {
  receiver: [
    'REDIS_URL',
    'WEBHOOK_SECRETS',
    'ADMIN_USERS',
    'SUPPORT_USERS',
    'TRAC_BASE_URL',
    'TRAC_CLIENT_ID',
    'TRAC_CLIENT_SECRET',
  ],
  worker: [
    'REDIS_URL',
    'TRAC_BASE_URL',
    'TRAC_CLIENT_ID',
    'TRAC_CLIENT_SECRET',
    'ESR_BASE_URL',
    'ESR_CLIENT_ID',
    'ESR_CLIENT_SECRET',
  ],
  all: Object.keys(ConnectionEnvSchema.shape) as ConnectionVariable[],
};

/** Client credentials the sandboxes accept; used only outside production. */
export const SANDBOX_CREDENTIALS = {
  trac: { clientId: 'dit-connector', clientSecret: 'trac-sandbox-secret' },
  esr: { clientId: 'dit-connector', clientSecret: 'esr-sandbox-secret' },
} as const;

/** A local account (`ADMIN_USERS`, `SUPPORT_USERS`). */
export interface UserCredential {
  user: string;
  password: string;
  /** The organisations it acts for: `'*'` for all (`user:password`), else their codes. */
  organisations: '*' | readonly string[];
}

export interface ApiConnection {
  /** Base URL; undefined outside production means "start the sandbox". */
  baseUrl: string | undefined;
  clientId: string;
  clientSecret: string;
}

/** The e-mail digest's settings (`SMTP_URL`, `DIGEST_*`, `PUBLIC_BASE_URL`) are in DigestConfig. */
export interface Config extends DigestConfig, SignInConfig {
  nodeEnv: string;
  isProduction: boolean;
  /** Receiver listen port (default 3000) and host (default 127.0.0.1). */
  port: number;
  host: string;
  /**
   * Redis: `REDIS_URL`, or Sentinel (`REDIS_SENTINELS`, `REDIS_SENTINEL_NAME`, the passwords).
   * Undefined outside production means "start an embedded redis-server".
   */
  redis: RedisTarget | undefined;
  /** `REDIS_URL` alone (undefined with Sentinel): for tools that only ever speak to one server. */
  redisUrl: string | undefined;
  /** BullMQ key prefix, default `dit`. */
  queuePrefix: string;
  trac: ApiConnection;
  esr: ApiConnection;
  /** `whsec_…` secrets; any one verifies a delivery (rotation). */
  webhookSecrets: string[];
  /** Accepted clock skew of `webhook-timestamp`, seconds, both directions (default 300). */
  webhookToleranceSeconds: number;
  triggerStatuses: string[];
  organisationsFile: string;
  adminUsers: UserCredential[];
  supportUsers: UserCredential[];
  /** Transfers in flight per worker process (default 10). */
  workerConcurrency: number;
  /** Port of the worker's health endpoint on `host`; undefined: no endpoint (the heartbeat still runs). */
  workerHealthPort: number | undefined;
  /** Ceiling on ESR requests per second across all workers (default 50). */
  esrRateLimitPerSecond: number;
  /** Attempts before a transfer fails RETRIES_EXHAUSTED (default 8). */
  transferAttempts: number;
  /** Days a finished transfer's full record is kept, then compacted to a final-state marker (default 400). */
  transferRetentionDays: number;
  /** Timeout of every outbound request, milliseconds (default 10000). */
  httpTimeoutMs: number;
  /** Seconds between reconciliation sweeps; 0: no scheduled sweep (default 900). */
  reconcileIntervalSeconds: number;
  /** How far back the first sweep looks, hours (default 72). */
  reconcileLookbackHours: number;
  logLevel: string;
  /** Express's `trust proxy` for the client address: false (default), hops, or proxy addresses. */
  trustProxy: false | number | string[];
  /**
   * `OTEL_EXPORTER_OTLP_ENDPOINT`: both processes export traces over OTLP to it (the SDK's other
   * `OTEL_*` variables apply); undefined: no tracing, nothing started (default).
   */
  otlpEndpoint: string | undefined;
  /** Variables generated because they were unset (outside production only), to print once. */
  generated: Partial<Record<'WEBHOOK_SECRETS' | 'ADMIN_USERS' | 'SUPPORT_USERS', string>>;
}

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

function generateDevelopmentDefaults(env: Record<string, string>): Config['generated'] {
  const generated: Config['generated'] = {};
  if (!env.WEBHOOK_SECRETS) generated.WEBHOOK_SECRETS = `whsec_${randomBytes(24).toString('base64')}`;
  if (!env.ADMIN_USERS) generated.ADMIN_USERS = `hr-admin:${randomBytes(12).toString('base64url')}`;
  if (!env.SUPPORT_USERS) generated.SUPPORT_USERS = `support:${randomBytes(12).toString('base64url')}`;
  return generated;
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

  const required = new Set<ConnectionVariable>(isProduction ? REQUIRED_BY_ROLE[role] : []);
  if (!isProduction) {
    required.add('WEBHOOK_SECRETS').add('ADMIN_USERS').add('SUPPORT_USERS');
  }
  // Sentinel stands in for REDIS_URL; "not both" is one of redisTargetProblems
  if (env.REDIS_SENTINELS !== undefined) required.delete('REDIS_URL');
  // with a sign-in provider, local accounts are optional (connector.md: the provider, local accounts or both)
  if (isProduction && hasSignInProvider(env)) {
    required.delete('ADMIN_USERS');
    required.delete('SUPPORT_USERS');
  }
  const connectionShape = Object.fromEntries(
    Object.entries(ConnectionEnvSchema.shape).map(([name, schema]) => [
      name,
      required.has(name as ConnectionVariable) ? schema : schema.optional(),
    ]),
  ) as { [K in ConnectionVariable]: z.ZodOptional<(typeof ConnectionEnvSchema.shape)[K]> };
  const schema = TunableEnvSchema.extend(connectionShape)
    .extend(RedisSentinelEnvSchema.shape)
    .extend(DigestEnvSchema.shape)
    .extend(SignInEnvSchema.shape);

  const parsed = schema.safeParse(withGenerated);
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
