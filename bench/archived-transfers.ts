import type Redis from 'ioredis';
import { compactFinishedTransfers } from '../src/store/transfer-compaction';
import { createTransferQueue } from '../src/store/transfer-queue';
import { deleteKeysUnder, usedMemoryBytes } from './redis-tools';

/**
 * Redis memory per transfer once its retention is over, from outside (`used_memory`): what
 * happens over `TRANSFER_RETENTION_DAYS` is played forward on the run's keys. BullMQ's shared,
 * bounded structures are emptied through its public API (the latest 1,000 completed jobs, the
 * events stream capped at 10,000 entries: a fixed cost, not a cost per transfer); webhook-id
 * records expire after 4 days (deleted here); then every finished transfer is compacted to its
 * final-state marker, as the compaction worker does after the retention.
 */
export async function bytesPerArchivedTransfer(
  redis: Redis,
  prefix: string,
  usedBytesBefore: number,
  transfers: number,
): Promise<number> {
  const queue = createTransferQueue(redis, prefix, 1);
  try {
    await queue.clean(0, 0, 'completed');
    await queue.trimEvents(0);
  } finally {
    await queue.close();
  }
  await deleteKeysUnder(redis, `${prefix}:webhook`);
  await compactFinishedTransfers(redis, prefix, 0, new Date(Date.now() + 1000));
  const usedBytesAfter = await usedMemoryBytes(redis);
  return Math.round((usedBytesAfter - usedBytesBefore) / Math.max(1, transfers));
}
