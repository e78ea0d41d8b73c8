import { parseTransferId } from '../transfer/transfer-ids';
import { type TransferJobData } from '../store/transfer-job';
import { queueTransfer, type TransferQueue } from '../store/transfer-queue';
import type { TransferFilter, TransferQueries } from '../store/transfer-queries';
import { answer, failure, type AdminAnswer } from './admin-schemas';

export interface RequeueDeps {
  queries: TransferQueries;
  queue: TransferQueue;
  now: () => Date;
}

/** A bulk re-queue takes at most this many failed transfers (newest first); repeat for more. */
export const MAX_BULK_REQUEUE = 1000;
/** Transfers re-queued at once within a bulk re-queue. */
const BULK_CONCURRENCY = 10;
/** How long a re-queue waits for a job that is still finishing (its store state already says failed). */
const FINISHING_JOB_WAIT_MS = 2000;

export const queuedAnswer = (transferId: string): AdminAnswer => ({
  ...answer(202, { status: 'queued', transferId }),
  requeued: 1,
});

export function jobDataFor(transferId: string, trigger: 'manual' | 'requeue', now: Date): TransferJobData {
  const ids = parseTransferId(transferId);
  if (!ids) throw new Error('not a transfer id');
  return { ...ids, receivedAt: now.toISOString(), trigger };
}

/**
 * Queues the transfer's job: a new job, so attempts start again, while the ledger in the store keeps
 * what was already sent. A job that is still finishing (the worker wrote `failed` to the store just
 * before BullMQ moves the job) is waited for briefly, then replaced.
 */
async function queueFresh(deps: RequeueDeps, data: TransferJobData): Promise<'added' | 'already_queued'> {
  const deadline = Date.now() + FINISHING_JOB_WAIT_MS;
  for (;;) {
    const result = await queueTransfer(deps.queue, data);
    if (result === 'added' || Date.now() > deadline) return result;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * Re-queues one failed transfer (or one completed out of scope): `202`, `404`, or `409` when it
 * completed for good (`already_completed`) or is queued or running (`already_queued`). A `waiting`
 * transfer whose job was never stored (its request died in between) is queued.
 */
export async function requeueTransfer(deps: RequeueDeps, transferId: string): Promise<AdminAnswer> {
  if (!parseTransferId(transferId)) return failure(404, 'not_found');
  const result = await deps.queries.requeue(transferId);
  if (result === 'missing') return failure(404, 'not_found');
  const data = jobDataFor(transferId, 'requeue', deps.now());
  if (result === 'requeued') {
    await queueFresh(deps, data);
    return queuedAnswer(transferId);
  }
  if (result.refused === 'completed') return failure(409, 'already_completed');
  if (result.refused === 'waiting' && (await queueTransfer(deps.queue, data)) === 'added') {
    return queuedAnswer(transferId);
  }
  return failure(409, 'already_queued');
}

/** Re-queues the failed transfers matching the filter, at most MAX_BULK_REQUEUE; returns their ids. */
export async function requeueMatching(
  deps: RequeueDeps,
  filter: Omit<TransferFilter, 'state'>,
): Promise<string[]> {
  const { ids } = await deps.queries.list({ ...filter, state: 'failed' }, 0, MAX_BULK_REQUEUE);
  const requeued: string[] = [];
  for (let start = 0; start < ids.length; start += BULK_CONCURRENCY) {
    const batch = ids.slice(start, start + BULK_CONCURRENCY);
    const answers = await Promise.all(batch.map((id) => requeueTransfer(deps, id)));
    answers.forEach((result, i) => {
      if (result.status === 202) requeued.push(batch[i]!);
    });
  }
  return requeued;
}
