import type { DigestConfig } from './digest-env';
import type { RedisTarget } from './redis-target';
import type { SignInConfig } from './sign-in-env';

/*
 * The one typed config every process reads (`loadConfig` in ./index.ts builds it from the
 * environment, frozen): what each field means, with units and defaults.
 */

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
  /** Seconds between sweeps; 0: no scheduled sweep (default 900). */
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
