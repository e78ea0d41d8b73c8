import type Redis from 'ioredis';

/*
 * Worker heartbeats in Redis. Each worker process marks itself alive every few seconds while its
 * transfer worker takes jobs, and the receiver's `/metrics` counts the fresh marks
 * (`dit_workers_alive`). A worker that stops taking jobs (event loop stalled, Redis out of reach,
 * BullMQ worker closed or paused) stops marking and drops out of the count. BullMQ's own
 * `getWorkers()` lists the connections Redis sees (`CLIENT LIST`): a wedged process keeps its
 * connection open, so it would still be counted there.
 */

/** Sorted set: worker id → time of its latest heartbeat, milliseconds since the epoch (its clock). */
export const workerHeartbeatsKey = (prefix: string) => `${prefix}:metrics:workers`;

/** A worker marks itself alive this often, milliseconds. */
export const WORKER_HEARTBEAT_EVERY_MS = 5_000;

/** A heartbeat older than this no longer counts: three missed beats, and clocks a few seconds apart. */
export const WORKER_HEARTBEAT_STALE_MS = 20_000;

/** Heartbeats of workers gone this long are removed by the next heartbeat of any worker. */
const FORGET_AFTER_MS = 24 * 60 * 60 * 1000;

/** Marks `workerId` alive at `nowMs` and forgets workers gone for a day; rejects when Redis does. */
export async function recordWorkerHeartbeat(
  redis: Redis,
  prefix: string,
  workerId: string,
  nowMs: number,
): Promise<void> {
  const key = workerHeartbeatsKey(prefix);
  const results = await redis
    .multi()
    .zadd(key, nowMs, workerId)
    .zremrangebyscore(key, '-inf', nowMs - FORGET_AFTER_MS)
    .exec();
  const failed = results?.find(([error]) => error !== null)?.[0];
  if (failed) throw failed;
}

/** Removes `workerId`'s mark at once (a worker that stops in order is not counted for 20 s more). */
export async function removeWorkerHeartbeat(redis: Redis, prefix: string, workerId: string): Promise<void> {
  await redis.zrem(workerHeartbeatsKey(prefix), workerId);
}

/** How many workers marked themselves alive within `staleMs` before `nowMs`. */
export function countLiveWorkers(
  redis: Redis,
  prefix: string,
  nowMs: number,
  staleMs = WORKER_HEARTBEAT_STALE_MS,
): Promise<number> {
  return redis.zcount(workerHeartbeatsKey(prefix), nowMs - staleMs, '+inf');
}
