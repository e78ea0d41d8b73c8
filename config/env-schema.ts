import { isIP } from 'node:net';
import { z } from 'zod';

const LOG_LEVELS = ['error', 'warn', 'info', 'http', 'verbose', 'debug', 'silly'] as const;

export const integer = (min: number, max: number) =>
  z
    .string()
    .trim()
    .regex(/^\d+$/, 'must be a whole number')
    .transform(Number)
    .pipe(z.number().int().min(min).max(max));

const list = z
  .string()
  .transform((value) =>
    value
      .split(',')
      .map((item) => item.trim())
      .filter((item) => item.length > 0),
  )
  .pipe(z.array(z.string()).min(1, 'must list at least one value'));

/** A URL whose protocol matches, e.g. `url(/^https?:$/, 'http(s)://')`. */
export const url = (protocols: RegExp, hint: string) =>
  z
    .string()
    .trim()
    .refine((value) => {
      try {
        return protocols.test(new URL(value).protocol);
      } catch {
        return false;
      }
    }, `must be a ${hint} URL`);

const webhookSecrets = list.pipe(
  z.array(z.string().regex(/^whsec_[A-Za-z0-9+/=]{16,}$/, 'each secret must be whsec_ followed by base64')),
);

/** `*`, or organisation codes joined with `+` (`R0A+7A1`): the organisations an account acts for. */
const ACCOUNT_ORGANISATIONS = /^(\*|[A-Z0-9]{3,5}(\+[A-Z0-9]{3,5})*)$/;

/**
 * `user:password` (acts for every organisation) or `user:password:R0A+7A1` (for those listed;
 * `:*` for all). A password may hold `:`; one whose last `:` part looks like organisation codes,
 * even mistyped ones (accountEntryProblem refuses those), must end with `:*`.
 */
function parseAccount(entry: string): { user: string; password: string; organisations: '*' | string[] } {
  const at = entry.indexOf(':');
  const rest = entry.slice(at + 1);
  const last = rest.lastIndexOf(':');
  const scope = last > 0 ? rest.slice(last + 1) : '';
  if (!ACCOUNT_ORGANISATIONS.test(scope))
    return { user: entry.slice(0, at), password: rest, organisations: '*' };
  const organisations = scope === '*' ? '*' : [...new Set(scope.split('+'))];
  return { user: entry.slice(0, at), password: rest.slice(0, last), organisations };
}

const ACCOUNT_ENTRY = /^[^:\s]+:\S{8,}$/;
const ACCOUNT_ENTRY_RULE =
  'each entry must be user:password or user:password:R0A+7A1 (password 8+ characters)';
/** Code-sized parts (any case) joined by anything, or upper case and digits only: a list mistyped. */
const LIST_SEPARATORS = String.raw`[+,;/|&._\-]`;
const MISTYPED_ORGANISATIONS = [
  new RegExp(
    String.raw`^${LIST_SEPARATORS}*[A-Za-z0-9]{3,5}(${LIST_SEPARATORS}+[A-Za-z0-9]{3,5})*${LIST_SEPARATORS}*$`,
  ),
  new RegExp(String.raw`^(?=.*[A-Z0-9])[A-Z0-9+,;/|&._\-]+$`),
];

/**
 * Why an entry cannot be read as an account, or undefined. Never quotes the entry: it holds a
 * password. The last `:` part of an entry that looks like an attempt at organisation codes, but is
 * not `R0A+7A1` or `*`, is refused rather than read as the end of a password acting for every
 * organisation.
 */
function accountEntryProblem(entry: string, position: number): string | undefined {
  if (!ACCOUNT_ENTRY.test(entry)) {
    const comma = entry.includes(':')
      ? ''
      : ' (a comma starts a new entry: organisation codes are joined with +, never with a comma)';
    return `${ACCOUNT_ENTRY_RULE}: entry ${position} is not${comma}`;
  }
  const rest = entry.slice(entry.indexOf(':') + 1);
  const last = rest.lastIndexOf(':');
  if (last <= 0) return undefined;
  const scope = rest.slice(last + 1);
  if (ACCOUNT_ORGANISATIONS.test(scope)) return undefined;
  if (scope !== '' && !MISTYPED_ORGANISATIONS.some((pattern) => pattern.test(scope))) return undefined;
  return `entry ${position}: the part after its last ":" looks like organisation codes but is not R0A+7A1 (upper-case codes joined with +) or * (every organisation); if that part belongs to the password, end the entry with :*`;
}

const users = list.pipe(
  z
    .array(z.string())
    .superRefine((entries, ctx) => {
      entries.forEach((entry, at) => {
        const problem = accountEntryProblem(entry, at + 1);
        if (problem) ctx.addIssue({ code: 'custom', message: problem });
      });
    })
    .pipe(
      z.array(
        z
          .string()
          .transform(parseAccount)
          .refine((account) => account.password.length >= 8, 'each password must be 8+ characters'),
      ),
    ),
);

/** `host:port` (a bracketed IPv6 host allowed), as Redis Sentinel addresses are written. */
const SENTINEL_ADDRESS = /^(\[[0-9A-Fa-f:.]+\]|[^\s:[\]]+):(\d{1,5})$/;

const sentinelAddresses = list.pipe(
  z
    .array(z.string().regex(SENTINEL_ADDRESS, 'each entry must be host:port'))
    .transform((entries) =>
      entries.map((entry) => {
        const [, host = '', port = ''] = SENTINEL_ADDRESS.exec(entry) ?? [];
        return { host: host.replace(/^\[|\]$/g, ''), port: Number(port) };
      }),
    )
    .pipe(z.array(z.object({ host: z.string(), port: z.number().int().min(1).max(65535) }))),
);

/**
 * Redis Sentinel, optional everywhere: `REDIS_SENTINELS` (with `REDIS_SENTINEL_NAME`) stands in
 * for `REDIS_URL`. "Exactly one of the two" is checked in config/redis-target.ts. The passwords
 * are secrets: never logged.
 */
export const RedisSentinelEnvSchema = z.object({
  REDIS_SENTINELS: sentinelAddresses.optional(),
  REDIS_SENTINEL_NAME: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9._-]{1,64}$/, 'must be 1 to 64 letters, digits, ., - or _')
    .optional(),
  REDIS_PASSWORD: z.string().optional(),
  REDIS_SENTINEL_PASSWORD: z.string().optional(),
});

/** Connections and secrets: required in production, defaulted (or generated) elsewhere. */
export const ConnectionEnvSchema = z.object({
  REDIS_URL: url(/^rediss?:$/, 'redis:// or rediss://'),
  TRAC_BASE_URL: url(/^https?:$/, 'http(s)://'),
  TRAC_CLIENT_ID: z.string().min(1),
  TRAC_CLIENT_SECRET: z.string().min(1),
  ESR_BASE_URL: url(/^https?:$/, 'http(s)://'),
  ESR_CLIENT_ID: z.string().min(1),
  ESR_CLIENT_SECRET: z.string().min(1),
  WEBHOOK_SECRETS: webhookSecrets,
  ADMIN_USERS: users,
  SUPPORT_USERS: users,
});

const PROXY_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);
const isProxyAddress = (item: string) => {
  const [address = '', prefix] = item.split('/');
  return PROXY_NAMES.has(item) || (isIP(address) !== 0 && (prefix === undefined || /^\d{1,3}$/.test(prefix)));
};

/**
 * Which reverse proxies' `X-Forwarded-For` to believe for the client address (Express's `trust
 * proxy`): `false` (none), a number of hops, or proxy addresses, subnets and the names
 * `loopback`, `linklocal`, `uniquelocal`, comma-separated. Never `true`: that would let any client
 * choose its own address, and with it its login-limit bucket.
 */
const trustProxy = z.string().transform((value, ctx): false | number | string[] => {
  const trimmed = value.trim();
  if (trimmed === '' || trimmed === 'false') return false;
  if (/^\d{1,2}$/.test(trimmed)) return Number(trimmed);
  const items = trimmed.split(',').map((item) => item.trim());
  if (items.every(isProxyAddress)) return items;
  ctx.addIssue({
    code: 'custom',
    message: 'must be false, a number of proxy hops, or proxy addresses/subnets (comma-separated)',
  });
  return z.NEVER;
});

/** Tunables: the contract's defaults apply everywhere, production included. */
export const TunableEnvSchema = z.object({
  NODE_ENV: z.string().default('development'),
  PORT: integer(0, 65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  QUEUE_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,32}$/, 'must be 1 to 32 letters, digits, - or _')
    .default('dit'),
  WEBHOOK_TOLERANCE_SECONDS: integer(1, 86_400).default(300),
  TRIGGER_STATUSES: list.default(['Outcome: Recruited']),
  ORGANISATIONS_FILE: z.string().min(1).default('config/organisations.json'),
  WORKER_CONCURRENCY: integer(1, 500).default(10),
  /** Port of the worker's health endpoint (`GET /health/ready`); unset: none; 0: any free port. */
  WORKER_HEALTH_PORT: integer(0, 65535).optional(),
  ESR_RATE_LIMIT_PER_SECOND: integer(1, 10_000).default(50),
  TRANSFER_ATTEMPTS: integer(1, 100).default(8),
  /** Days a finished transfer's full record is kept before it is compacted to a final-state marker. */
  TRANSFER_RETENTION_DAYS: integer(1, 36_500).default(400),
  /** Seconds between sweeps; `0` turns scheduled sweeps off. */
  RECONCILE_INTERVAL_SECONDS: integer(0, 7 * 86_400).default(900),
  /** How far back the first sweep looks, hours. */
  RECONCILE_LOOKBACK_HOURS: integer(1, 90 * 24).default(72),
  HTTP_TIMEOUT_MS: integer(100, 300_000).default(10_000),
  LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
  TRUST_PROXY: trustProxy.default(false),
  /** Where traces go over OTLP (the SDK's variable); unset: no tracing at all. */
  OTEL_EXPORTER_OTLP_ENDPOINT: url(/^https?:$/, 'http(s)://').optional(),
});

export type ConnectionVariable = keyof typeof ConnectionEnvSchema.shape;
