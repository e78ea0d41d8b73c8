import type { Config } from '../../../config';
import type { ObserveRequest } from '../../platform/http/authorised-request';
import { createTracClient, type TracClient } from '../../trac/trac-client';

/**
 * The receiver's Trac client (TRAC_*), for the manual start's check; undefined when TRAC_BASE_URL
 * is not set. `observe` counts its request latencies with the workers' (`createLatencyRecorder` in
 * src/store: `dit_trac_request_duration_seconds`).
 */
export function createAdminTracClient(
  config: Readonly<Pick<Config, 'trac' | 'httpTimeoutMs'>>,
  observe: ObserveRequest,
): TracClient | undefined {
  const { trac } = config;
  if (!trac.baseUrl) return undefined;
  return createTracClient({
    ...trac,
    baseUrl: trac.baseUrl,
    timeoutMs: config.httpTimeoutMs,
    observe,
  });
}
