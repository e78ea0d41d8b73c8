import type { TransferStarter } from '../../store/transfer-starter';
import type { TransferFilter, TransferQueries } from '../../store/transfer-queries';
import type { StartResult } from '../../transfer/start-transfer';
import { answer, failure, type AdminAnswer } from '../api/admin-schemas';
import type { OrganisationScope } from '../auth/organisation-scope';

export interface RequeueDeps {
  queries: TransferQueries;
  /** The process's one transfer starter (`createTransferStarter`). */
  starter: Pick<TransferStarter, 'start' | 'requeue' | 'sendOutstanding'>;
}

/** A bulk re-queue takes at most this many failed transfers (newest first); repeat for more. */
export const MAX_BULK_REQUEUE = 1000;
/** Transfers re-queued at once within a bulk re-queue. */
const BULK_CONCURRENCY = 10;

export const queuedAnswer = (transferId: string): AdminAnswer => ({
  ...answer(202, { status: 'queued', transferId }),
  requeued: 1,
});

/** The admin API's answer to a start: `202` queued, `409` completed for good or in flight, `404`. */
export function answerOf(result: StartResult): AdminAnswer {
  switch (result.kind) {
    case 'queued':
      return { ...queuedAnswer(result.transferId), requeued: result.reopened ? 1 : 0 };
    case 'not_found':
      return failure(404, 'not_found');
    case 'organisation_not_enabled':
      return failure(400, 'organisation_not_enabled');
    case 'not_started':
      return result.state === 'completed'
        ? failure(409, 'already_completed')
        : failure(409, 'already_queued');
  }
}

/**
 * Re-queues one failed transfer (or one completed out of scope): `202`, `404`, or `409` when it
 * completed for good (`already_completed`) or is queued or running (`already_queued`). A claimed
 * transfer whose job was never stored (its request died in between) is queued. Attempts start
 * again; the ledger keeps what was already sent.
 */
export async function requeueTransfer(deps: RequeueDeps, transferId: string): Promise<AdminAnswer> {
  const result = await deps.starter.requeue(transferId);
  return result.kind === 'queued' ? queuedAnswer(transferId) : answerOf(result);
}

/**
 * Re-queues the failed transfers of the organisations the caller acts for that match the filter,
 * at most MAX_BULK_REQUEUE; returns their ids.
 */
export async function requeueMatching(
  deps: RequeueDeps,
  organisations: OrganisationScope,
  filter: Omit<TransferFilter, 'state'>,
): Promise<string[]> {
  const { ids } = await deps.queries.list(organisations, { ...filter, state: 'failed' }, 0, MAX_BULK_REQUEUE);
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
