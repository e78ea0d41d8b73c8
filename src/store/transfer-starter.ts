import type { Organisation, OrganisationDirectory } from '../../config/organisations';
import type { Logger } from '../platform/logger';
import {
  requeueTransferOnce,
  startTransferOnce,
  type StartPorts,
  type StartRequest,
  type StartResult,
} from '../transfer/start-transfer';
import type { UnqueuedTransfer } from '../transfer/sweep';
import type { ClaimResult, TransferStore } from '../transfer/transfer';
import { parseTransferId } from '../transfer/transfer-ids';
import type { RedisDeadline } from './redis-deadline';
import {
  queueTransfer,
  releaseUnqueuedClaim,
  type QueueTransferResult,
  type TransferQueue,
} from './transfer-queue';

/** How long a re-queue waits for a job that is still finishing (its record already has its outcome). */
const FINISHING_JOB_WAIT_MS = 2000;

/** What the receiver's webhook path adds to a start, to make it in one round trip within a budget. */
export interface StartOptions {
  /** The organisation as checked before the claim: once claimed, the job is queued even if the file changed since. */
  organisation?: Organisation;
  /** The claim, already made (the receiver makes it in the script that recalls the message). */
  claimed?: Promise<ClaimResult>;
  /** The job is stored already: the claim created the transfer and added its job in the same script. */
  added?: boolean;
  /** Every Redis call of the start within the delivery's time budget. */
  deadline?: RedisDeadline;
}

/**
 * The one transfer starter of a process, on its transfer store and queue: the webhook, a manual
 * start and a sweep start through `start`, an HR re-queue through `requeue`, an HR admin's send of
 * outstanding records through `sendOutstanding`, and a sweep queues a job that was lost through
 * `queueLost` (src/transfer/start-transfer.ts decides; this binds it to
 * Redis and BullMQ). A claim whose job could not be queued is given back when the job certainly
 * was not stored; after a re-open, the previous run's job may still be finishing (its record was
 * written just before BullMQ moves the job): it is waited for briefly, then replaced.
 */
export function createTransferStarter(
  store: TransferStore,
  queue: TransferQueue,
  organisations: OrganisationDirectory,
  logger: Logger,
  now: () => Date = () => new Date(),
) {
  const release = releaseUnqueuedClaim(store, logger);

  function portsOf(options: StartOptions = {}): StartPorts {
    const { deadline, organisation } = options;
    const within = <T>(label: string, work: Promise<T>) => (deadline ? deadline.run(label, work) : work);
    return {
      organisations: organisation
        ? {
            findEnabled: (code) => (code === organisation.code ? organisation : undefined),
            all: () => organisations.all(),
          }
        : organisations,
      claim: (...ids) => options.claimed ?? within('claim transfer', store.claim(...ids)),
      reopen: (transferId) => within('re-open transfer', store.reopen(transferId)),
      async queue(job, afterReopen) {
        if (options.added) return 'added';
        const waitUntil = Date.now() + (afterReopen ? FINISHING_JOB_WAIT_MS : 0);
        for (;;) {
          const result = await within('queue transfer', queueTransfer(queue, job));
          if (result === 'added' || Date.now() >= waitUntil) return result;
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
      },
      release,
      now,
    };
  }

  return {
    /** A webhook's, a manual start's or a sweep's start of a transfer, once. */
    start: (request: StartRequest, options?: StartOptions): Promise<StartResult> =>
      startTransferOnce(portsOf(options), request),

    /** HR's re-queue of one transfer, by its id (`not_found` for an id that names none). */
    requeue(transferId: string): Promise<StartResult> {
      const ids = parseTransferId(transferId);
      if (!ids) return Promise.resolve({ kind: 'not_found', transferId });
      return requeueTransferOnce(portsOf(), ids);
    },

    /**
     * An HR admin's send of a completed transfer's outstanding records: the request is noted on the
     * transfer (the worker runs the job only while it is there), then its own job is queued.
     */
    async sendOutstanding(
      transferId: string,
    ): Promise<'queued' | 'not_found' | 'nothing_outstanding' | 'already_queued'> {
      const ids = parseTransferId(transferId);
      if (!ids) return 'not_found';
      const requested = await store.requestOutstanding(transferId);
      if (requested !== 'requested') return requested === 'missing' ? 'not_found' : requested;
      const job = { ...ids, receivedAt: now().toISOString(), trigger: 'send-outstanding' as const };
      return (await queueTransfer(queue, job)) === 'added' ? 'queued' : 'already_queued';
    },

    /** A sweep's queueing of an unfinished transfer whose job was lost (no claim to make: it has one). */
    queueLost({ organisationCode, applicantId }: UnqueuedTransfer): Promise<QueueTransferResult> {
      const job = { organisationCode, applicantId, trigger: 'reconciliation' as const };
      return queueTransfer(queue, { ...job, receivedAt: now().toISOString() });
    },
  };
}

export type TransferStarter = ReturnType<typeof createTransferStarter>;
