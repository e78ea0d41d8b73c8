import type Redis from 'ioredis';
import type { Config } from '../../../config';
import { createLatencyRecorder } from '../../platform/stored-metrics';
import { createTracClient, type TracClient } from '../../trac/trac-client';

/**
 * The receiver's Trac client (TRAC_*), for the manual start's check; undefined when TRAC_BASE_URL
 * is not set. Its request latencies join the workers' in Redis (`dit_trac_request_duration_seconds`).
 */
export function createAdminTracClient(
  config: Readonly<Pick<Config, 'trac' | 'httpTimeoutMs' | 'queuePrefix'>>,
  redis: Redis,
): TracClient | undefined {
  const { trac } = config;
  if (!trac.baseUrl) return undefined;
  return createTracClient({
    ...trac,
    baseUrl: trac.baseUrl,
    timeoutMs: config.httpTimeoutMs,
    observe: createLatencyRecorder(redis, config.queuePrefix, 'trac').observe,
  });
}
