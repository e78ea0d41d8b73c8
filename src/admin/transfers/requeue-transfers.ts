import type { OrganisationDirectory } from '../../../config/organisations';
import { queueTransfer, releaseUnqueuedClaim, type TransferQueue } from '../../store/transfer-queue';
import type { TransferFilter, TransferQueries } from '../../store/transfer-queries';
import type { Logger } from '../../platform/logger';
import { startTransferOnce, type StartPorts, type StartResult } from '../../transfer/start-transfer';
import type { TransferStore } from '../../transfer/transfer';
import { parseTransferId } from '../../transfer/transfer-ids';
import { answer, failure, type AdminAnswer } from '../api/admin-schemas';
import type { OrganisationScope } from '../auth/organisation-scope';

export interface RequeueDeps {
  queries: TransferQueries;
  queue: TransferQueue;
  store: TransferStore;
  organisations: OrganisationDirectory;
  logger: Logger;
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

/**
 * The admin side's ports of the one start path. After a re-open the previous run's job may still be
 * finishing (the worker wrote `failed` to the store just before BullMQ moves the job): it is waited
 * for briefly, then replaced.
 */
export function adminStartPorts(deps: RequeueDeps): StartPorts {
  return {
    organisations: deps.organisations,
    claim: (transferId, organisationCode, applicantId, trigger) =>
      deps.store.claim(transferId, organisationCode, applicantId, trigger),
    reopen: (transferId) => deps.queries.requeue(transferId),
    async queue(job, afterReopen) {
      const deadline = Date.now() + (afterReopen ? FINISHING_JOB_WAIT_MS : 0);
      for (;;) {
        const result = await queueTransfer(deps.queue, job);
        if (result === 'added' || Date.now() >= deadline) return result;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    },
    release: releaseUnqueuedClaim(deps.store, deps.logger),
    now: deps.now,
  };
}

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
 * completed for good (`already_completed`) or is queued or running (`already_queued`). A `waiting`
 * transfer whose job was never stored (its request died in between) is queued. Attempts start
 * again; the ledger keeps what was already sent.
 */
export async function requeueTransfer(deps: RequeueDeps, transferId: string): Promise<AdminAnswer> {
  const ids = parseTransferId(transferId);
  if (!ids) return failure(404, 'not_found');
  const result = await startTransferOnce(adminStartPorts(deps), { ...ids, trigger: 'requeue' });
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
