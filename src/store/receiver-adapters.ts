import type Redis from 'ioredis';
import type { TransferQueue } from './transfer-queue';
import { createDeploymentHealth } from './deployment-health';
import { createLatencyRecorder } from './latency-counters';
import { createStoredCounts } from './stored-counts';
import { createTransferStore } from './transfer-store';
import { createWebhookIdRecords } from './webhook-id-records';

/**
 * The receiver's adapters on its one fail-fast connection (`createFailFastConnection`), each behind
 * the port its user declares; src/server.ts composes them into the app. The transfer queue is the
 * one the app queues with (on the same connection): a webhook's claim stores its job in one call.
 */
export function createReceiverAdapters(redis: Redis, prefix: string, queue: TransferQueue) {
  return {
    /** The transfer record (`TransferStore`, src/transfer). */
    transferStore: createTransferStore(redis, prefix),
    /** The messages' record (`WebhookIdRecords`, src/webhook). */
    webhookIds: createWebhookIdRecords(redis, prefix, queue),
    /** Readiness and live workers (`DeploymentHealth`, src/health). */
    health: createDeploymentHealth(redis, prefix),
    /** The workers' counts for `/metrics` (`StoredCounts`, src/platform). */
    storedCounts: createStoredCounts(redis, prefix),
    /** The receiver's own Trac request latencies, counted with the workers'. */
    tracLatency: createLatencyRecorder(redis, prefix, 'trac'),
  };
}
