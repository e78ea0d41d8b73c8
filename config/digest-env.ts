import { z } from 'zod';
import { cronPatternProblem } from './cron-pattern';
import { url } from './env-schema';

/**
 * An e-mail address, `local@domain`: what a relay needs in an envelope. Deliberately plain (no
 * display names, no quoted local parts); `localhost` is a valid domain (the default sender).
 */
export const EmailAddressSchema = z
  .string()
  .trim()
  .regex(
    /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/,
    'must be an e-mail address, e.g. hr.team@example.nhs.uk',
  );

/** The default of `DIGEST_SCHEDULE`: 08:00 on weekdays, Europe/London. */
export const DEFAULT_DIGEST_SCHEDULE = '0 8 * * 1-5';

/**
 * The e-mail digest for HR (connector.md "E-mail digest for HR"): tunables with the contract's
 * defaults, production included. `SMTP_URL` is optional everywhere (unset: no digest) and may hold
 * credentials: its value never appears in a message or a log line.
 */
export const DigestEnvSchema = z.object({
  SMTP_URL: url(/^smtps?:$/, 'smtp:// or smtps://').optional(),
  DIGEST_FROM: EmailAddressSchema.default('dit-checks-connector@localhost'),
  DIGEST_SCHEDULE: z
    .string()
    .trim()
    .superRefine((value, ctx) => {
      const problem = cronPatternProblem(value);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    })
    .default(DEFAULT_DIGEST_SCHEDULE),
  PUBLIC_BASE_URL: url(/^https?:$/, 'http(s)://').optional(),
});
type DigestEnv = z.infer<typeof DigestEnvSchema>;

export interface DigestConfig {
  /** The mail relay, `smtp://` or `smtps://` with credentials if needed; undefined: no digest. Never logged. */
  smtpUrl: string | undefined;
  /** Sender address of the digest (default `dit-checks-connector@localhost`). */
  digestFrom: string;
  /** Cron expression of the digest, Europe/London (default `0 8 * * 1-5`). */
  digestSchedule: string;
  /** The HR page's origin as HR admins reach it, no trailing slash (default `http://HOST:PORT`). */
  publicBaseUrl: string;
}

/** The digest's part of the config; `PUBLIC_BASE_URL` defaults to the receiver's own address. */
export function digestConfigOf(env: DigestEnv, host: string, port: number): DigestConfig {
  const hostPart = host.includes(':') ? `[${host}]` : host;
  return {
    smtpUrl: env.SMTP_URL,
    digestFrom: env.DIGEST_FROM,
    digestSchedule: env.DIGEST_SCHEDULE,
    publicBaseUrl: (env.PUBLIC_BASE_URL ?? `http://${hostPart}:${port}`).replace(/\/+$/, ''),
  };
}
