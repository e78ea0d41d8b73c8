import type Redis from 'ioredis';
import { createDeploymentHealth } from './deployment-health';
import { createLatencyRecorder } from './latency-counters';
import { createStoredCounts } from './stored-counts';
import { createTransferStore } from './transfer-store';
import { createWebhookIdRecords } from './webhook-id-records';

/**
 * The receiver's adapters on its one fail-fast connection (`createFailFastConnection`), each behind
 * the port its user declares; src/server.ts composes them into the app.
 */
export function createReceiverAdapters(redis: Redis, prefix: string) {
  return {
    /** The transfer record (`TransferStore`, src/transfer). */
    transferStore: createTransferStore(redis, prefix),
    /** The messages' record (`WebhookIdRecords`, src/webhook). */
    webhookIds: createWebhookIdRecords(redis, prefix),
    /** Readiness and live workers (`DeploymentHealth`, src/health). */
    health: createDeploymentHealth(redis, prefix),
    /** The workers' counts for `/metrics` (`StoredCounts`, src/platform). */
    storedCounts: createStoredCounts(redis, prefix),
    /** The receiver's own Trac request latencies, counted with the workers'. */
    tracLatency: createLatencyRecorder(redis, prefix, 'trac'),
  };
}
