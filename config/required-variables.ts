import type { z } from 'zod';
import {
  ConnectionEnvSchema,
  RedisSentinelEnvSchema,
  TunableEnvSchema,
  type ConnectionVariable,
} from './env-schema';
import { DigestEnvSchema } from './digest-env';
import { hasSignInProvider, SignInEnvSchema } from './sign-in-env';

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

/**
 * The schema of the whole environment for `role`: in production nothing that connects or
 * authenticates is defaulted, so each connection variable the role needs is required; outside
 * production only the ones generated when unset (`generateDevelopmentDefaults`) are.
 */
export function environmentSchemaFor(role: ProcessRole, env: Record<string, string>, isProduction: boolean) {
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
  return TunableEnvSchema.extend(connectionShape)
    .extend(RedisSentinelEnvSchema.shape)
    .extend(DigestEnvSchema.shape)
    .extend(SignInEnvSchema.shape);
}
