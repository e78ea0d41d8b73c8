import { findFreePort } from '../../scripts/free-port';
import { testRedisUrl } from './redis';

/**
 * Every variable a production receiver and worker need, on the test Redis and a free port, with
 * the given key prefix. Trac and ESR point at a closed port: tests using this never reach them.
 */
export async function aProductionEnv(prefix: string): Promise<Record<string, string>> {
  return {
    PORT: String(await findFreePort()),
    QUEUE_PREFIX: prefix,
    REDIS_URL: testRedisUrl(),
    TRAC_BASE_URL: 'http://127.0.0.1:9',
    TRAC_CLIENT_ID: 'connector',
    TRAC_CLIENT_SECRET: 'trac-secret',
    ESR_BASE_URL: 'http://127.0.0.1:9',
    ESR_CLIENT_ID: 'connector',
    ESR_CLIENT_SECRET: 'esr-secret',
    WEBHOOK_SECRETS: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
    ADMIN_USERS: 'hr1:correct-horse',
    SUPPORT_USERS: 'support1:battery-staple',
  };
}
