import type Redis from 'ioredis';
import { transferIdOf } from '../src/transfer/transfer-ids';
import { keysOf } from '../src/store/transfer-keys';
import { createTransferStore } from '../src/store/transfer-store';
import { type TransferRecord } from '../src/transfer/transfer';
import { sleep } from './run-scope';

/** Progress is polled this often: two ZCARDs, so the bench adds next to nothing to Redis's command count. */
const POLL_MS = 1000;
const READ_BATCH = 1000;

export interface FinishedCounts {
  completed: number;
  failed: number;
}

/** How many transfers under `prefix` have finished, from the transfer store's final-state indexes. */
export async function countFinished(redis: Redis, prefix: string): Promise<FinishedCounts> {
  const { finishedKey } = keysOf(prefix);
  const [completed, failed] = await Promise.all([
    redis.zcard(finishedKey('completed')),
    redis.zcard(finishedKey('failed')),
  ]);
  return { completed, failed };
}

/**
 * Waits until `expected()` transfers have finished (completed or failed; read at each poll, as it
 * may drop when the receiver refused some deliveries), calling `onProgress` at each poll. Rejects
 * when the run is aborted.
 */
export async function waitForFinished(
  redis: Redis,
  prefix: string,
  expected: () => number,
  signal: AbortSignal,
  onProgress: (finished: number) => void = () => undefined,
): Promise<FinishedCounts> {
  for (;;) {
    const counts = await countFinished(redis, prefix);
    const finished = counts.completed + counts.failed;
    onProgress(finished);
    if (finished >= expected()) return counts;
    await sleep(POLL_MS, signal);
  }
}

/** The transfers of these applicants (organisation R0A) as the store holds them; missing ones left out. */
export async function readTransfers(
  redis: Redis,
  prefix: string,
  applicantIds: readonly string[],
): Promise<TransferRecord[]> {
  const store = createTransferStore(redis, prefix);
  const transfers: TransferRecord[] = [];
  for (let start = 0; start < applicantIds.length; start += READ_BATCH) {
    const batch = applicantIds.slice(start, start + READ_BATCH);
    const read = await Promise.all(batch.map((id) => store.get(transferIdOf('R0A', id))));
    for (const transfer of read) if (transfer) transfers.push(transfer);
  }
  return transfers;
}
