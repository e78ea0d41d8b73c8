import type { OrganisationDirectory } from '../../config/organisations';
import type { ReasonCode } from '../platform/errors';
import type { ClaimedState, ClaimResult, FirstTrigger, ReopenResult } from './transfer';
import { transferIdOf } from './transfer-ids';
import type { StartTrigger, TransferJob } from './transfer-job';

/**
 * A claim no run has begun (`unstarted`) with no job after this long was left behind by a start
 * that died between claiming and queueing (Redis went away): the next webhook queues it and is
 * answered `queued`.
 */
export const ORPHANED_CLAIM_AGE_MS = 10_000;

/**
 * What a start asks for: identifiers only (its job adds when the trigger arrived). An HR re-queue
 * is its own use case (`requeueTransferOnce`).
 */
export type StartRequest = Pick<TransferJob, 'organisationCode' | 'applicantId' | 'webhookId'> & {
  trigger: Exclude<StartTrigger, 'requeue'>;
};

/** The job a start queues: a transfer job started by one of the start triggers. */
export type StartJob = TransferJob & { trigger: StartTrigger };

/** The ports one start needs. */
export interface StartPorts {
  organisations: OrganisationDirectory;
  /** Creates the transfer, or re-opens one that completed out of scope (atomic); keeps the first trigger. */
  claim(
    transferId: string,
    organisationCode: string,
    applicantId: string,
    trigger: FirstTrigger,
  ): Promise<ClaimResult>;
  /** Re-opens a failed transfer, or one that completed out of scope (atomic). */
  reopen(transferId: string): Promise<ReopenResult>;
  /**
   * Makes sure one unfinished job exists under the transfer id. `afterReopen`: the previous run's
   * job may still be finishing; wait for it briefly rather than answer `already_queued`.
   */
  queue(job: StartJob, afterReopen: boolean): Promise<'added' | 'already_queued'>;
  /** A claim whose job could not be queued: give it back when the job certainly was not stored. */
  release(transferId: string, cause: unknown): void;
  now: () => Date;
}

export type StartResult =
  | { kind: 'queued'; transferId: string; reopened: boolean }
  | { kind: 'not_started'; transferId: string; state: ClaimedState; reason: ReasonCode | null }
  | { kind: 'organisation_not_enabled'; transferId: string }
  | { kind: 'not_found'; transferId: string };

/**
 * The one path that starts a transfer once, for a webhook, a manual start and a sweep (which does
 * exactly what a webhook would): the organisation must be enabled; one transfer per (organisation,
 * applicant); a completed one is final unless it completed out of scope; a failed one re-runs only
 * when HR asks (manual start, re-queue), never on a webhook or a sweep; a queued or running one is
 * left alone. The job is stored before anything answers `queued`.
 */
export async function startTransferOnce(ports: StartPorts, request: StartRequest): Promise<StartResult> {
  const transferId = transferIdOf(request.organisationCode, request.applicantId);
  if (!ports.organisations.findEnabled(request.organisationCode)) {
    return { kind: 'organisation_not_enabled', transferId };
  }
  const job: StartJob = { ...request, receivedAt: ports.now().toISOString() };
  const claim = await ports.claim(transferId, request.organisationCode, request.applicantId, request.trigger);
  if (claim === 'created' || claim === 'rerun') {
    try {
      await ports.queue(job, false);
    } catch (error) {
      ports.release(transferId, error);
      throw error;
    }
    return { kind: 'queued', transferId, reopened: claim === 'rerun' };
  }
  if (claim.duplicate === 'failed' && request.trigger === 'manual') {
    return reopenAndQueue(ports, { ...job, trigger: 'requeue' }, transferId);
  }
  if (claim.duplicate === 'unstarted') return queueWaiting(ports, job, transferId, claim.claimedAt);
  return { kind: 'not_started', transferId, state: claim.duplicate, reason: null };
}

/**
 * HR's re-queue of a failed transfer (or one completed out of scope): re-opened, attempts from
 * zero, the ledger kept, and queued again. The organisation is left to the worker, which fails the
 * transfer `ORGANISATION_NOT_ENABLED` for HR to see; a transfer claimed whose job was never stored
 * is queued; one completed for good, queued or running is left alone.
 */
export function requeueTransferOnce(
  ports: StartPorts,
  ids: Pick<StartJob, 'organisationCode' | 'applicantId'>,
): Promise<StartResult> {
  const job: StartJob = { ...ids, trigger: 'requeue', receivedAt: ports.now().toISOString() };
  return reopenAndQueue(ports, job, transferIdOf(ids.organisationCode, ids.applicantId));
}

async function reopenAndQueue(ports: StartPorts, job: StartJob, transferId: string): Promise<StartResult> {
  const reopened = await ports.reopen(transferId);
  if (reopened === 'missing') return { kind: 'not_found', transferId };
  if (reopened === 'requeued') {
    await ports.queue(job, true);
    return { kind: 'queued', transferId, reopened: true };
  }
  if (reopened.refused === 'unstarted') return queueWaiting(ports, job, transferId, undefined);
  return { kind: 'not_started', transferId, state: reopened.refused, reason: reopened.reason };
}

/**
 * A transfer claimed and not begun (`unstarted`): another start may be between its claim and its
 * add, or may have died there. Adding is idempotent (`jobId` = transfer id), so make sure the job
 * is stored. Only one webhook answer says `queued`: a later delivery does so only for a claim old
 * enough to have been orphaned; an HR admin's start that stored the missing job is told it is
 * queued.
 */
async function queueWaiting(
  ports: StartPorts,
  job: StartJob,
  transferId: string,
  claimedAt: string | undefined,
): Promise<StartResult> {
  const added = (await ports.queue(job, false)) === 'added';
  const orphaned =
    // the store stamps claims with the system clock, whatever clock the caller was given
    claimedAt === undefined || Date.now() - Date.parse(claimedAt) > ORPHANED_CLAIM_AGE_MS;
  if (added && (job.trigger !== 'webhook' || orphaned)) {
    return { kind: 'queued', transferId, reopened: false };
  }
  return { kind: 'not_started', transferId, state: 'unstarted', reason: null };
}
