import { randomBytes } from 'node:crypto';
import type { Config } from './config-shape';

/** Client credentials the sandboxes accept; used only outside production. */
export const SANDBOX_CREDENTIALS = {
  trac: { clientId: 'dit-connector', clientSecret: 'trac-sandbox-secret' },
  esr: { clientId: 'dit-connector', clientSecret: 'esr-sandbox-secret' },
} as const;

/** Secrets and accounts generated for a development run when unset (never in production). */
export function generateDevelopmentDefaults(env: Record<string, string>): Config['generated'] {
  const generated: Config['generated'] = {};
  if (!env.WEBHOOK_SECRETS) generated.WEBHOOK_SECRETS = `whsec_${randomBytes(24).toString('base64')}`;
  if (!env.ADMIN_USERS) generated.ADMIN_USERS = `hr-admin:${randomBytes(12).toString('base64url')}`;
  if (!env.SUPPORT_USERS) generated.SUPPORT_USERS = `support:${randomBytes(12).toString('base64url')}`;
  return generated;
}
