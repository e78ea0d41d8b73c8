import type { Organisation, OrganisationDirectory } from '../../config/organisations';
import { PermanentError, RetryableError } from '../platform/errors';
import type { TracListQuery } from '../trac/trac-list';
import type { TracApplicantSummary } from '../trac/trac-schemas';
import { ORPHANED_CLAIM_AGE_MS, type StartRequest, type StartResult } from './start-transfer';
import {
  changedSinceOf,
  watermarkAfter,
  type SweepLog,
  type SweepRecord,
  type UnqueuedTransfer,
} from './sweep';
import { isTriggerStatus } from './trigger-status';

/** A sweep's starts (the process's one starter): what a webhook would, and lost jobs queued again. */
export interface SweepStarter {
  start(request: StartRequest): Promise<StartResult>;
  queueLost(lost: UnqueuedTransfer): Promise<'added' | 'already_queued'>;
}

/** The ports one sweep needs: Trac's list, the one start path, and the sweep's own log. */
export interface SweepPorts {
  organisations: OrganisationDirectory;
  triggerStatuses: readonly string[];
  /**
   * Every applicant of a listing, each once, reading every page (`TracClient.listApplicants`); a
   * listing that would never end throws (`trac_list_did_not_end`) like one Trac cannot finish.
   */
  listApplicants(query: TracListQuery): AsyncIterable<TracApplicantSummary>;
  /** Told of each organisation whose listing failed (the sweep lists the others all the same). */
  listingFailed(organisationCode: string, error: unknown): void;
  starter: SweepStarter;
  /**
   * Unfinished transfers last changed before `staleBefore` that have no unfinished job
   * (src/store/unqueued-transfers.ts).
   */
  unqueuedTransfers(staleBefore: Date): AsyncIterable<UnqueuedTransfer>;
  log: SweepLog;
  /** How far back the first sweep looks, hours (`RECONCILE_LOOKBACK_HOURS`). */
  lookbackHours: number;
  now: () => Date;
}

interface SweepCounts {
  /** Distinct applicants Trac listed, across organisations. */
  listed: number;
  /** Transfers queued or re-run. */
  started: number;
  /** Organisations whose listing failed, in sweep order. */
  failedOrganisations: string[];
}

/** An error the listing itself threw, as opposed to one of starting what it listed. */
class ListingFailed extends Error {
  constructor(readonly error: unknown) {
    super('the listing failed');
  }
}

/** The listing, its own errors wrapped in ListingFailed (the consumer's never pass through here). */
async function* listingOf(listing: AsyncIterable<TracApplicantSummary>) {
  try {
    yield* listing;
  } catch (error) {
    throw new ListingFailed(error);
  }
}

/** What a trigger webhook would have said: a trigger status, a doctor in training, this organisation. */
function isWebhookWorthy(
  item: TracApplicantSummary,
  organisationCode: string,
  triggerStatuses: readonly string[],
) {
  return (
    item.organisationCode === organisationCode &&
    item.doctorInTraining &&
    isTriggerStatus(item.status, triggerStatuses)
  );
}

/**
 * Queues again the job of every unfinished transfer that lost it (a claim older than
 * ORPHANED_CLAIM_AGE_MS, so that a start between its claim and its add is left alone), in an
 * enabled organisation. What a webhook for it would do, and the only way to find one whose webhook
 * named another organisation than Trac's: the listing below never names it. The worker then runs it
 * like any other (and fails it `ORGANISATION_MISMATCH`, for HR to see, when the organisation is
 * wrong).
 */
async function requeueLostJobs(ports: SweepPorts, counts: SweepCounts): Promise<void> {
  const staleBefore = new Date(Date.now() - ORPHANED_CLAIM_AGE_MS); // claims carry the system clock
  for await (const lost of ports.unqueuedTransfers(staleBefore)) {
    if (!ports.organisations.findEnabled(lost.organisationCode)) continue;
    if ((await ports.starter.queueLost(lost)) === 'added') counts.started += 1;
  }
}

/**
 * Lists one organisation's applicants that reached a trigger status since `changedSince` and
 * starts, through the one start path, what their webhook would have started: a transfer where none
 * exists, a re-run of one that completed out of scope; never a failed or completed one.
 */
async function sweepOrganisation(
  ports: SweepPorts,
  organisation: Organisation,
  changedSince: Date,
  counts: SweepCounts,
): Promise<void> {
  const listing = ports.listApplicants({
    organisationCode: organisation.code,
    statuses: ports.triggerStatuses,
    doctorInTraining: true,
    changedSince,
  });
  for await (const item of listingOf(listing)) {
    counts.listed += 1;
    // Trac filtered already; the worker checks again in Trac before anything is sent
    if (!isWebhookWorthy(item, organisation.code, ports.triggerStatuses)) continue;
    const result = await ports.starter.start({
      organisationCode: organisation.code,
      applicantId: item.applicantId,
      trigger: 'reconciliation',
    });
    if (result.kind === 'queued') counts.started += 1;
  }
}

/**
 * Sweeps every enabled organisation in turn. One whose listing fails (Trac's `5xx` or refusal, a
 * listing that would not end) is noted and the next is listed all the same; an error of the start
 * path (Redis) stops the sweep. `counts` moves as it goes, so a sweep that throws still tells how
 * far it got. Returns the listings' errors.
 */
async function sweep(ports: SweepPorts, changedSince: Date, counts: SweepCounts): Promise<unknown[]> {
  const errors: unknown[] = [];
  for (const organisation of ports.organisations.all()) {
    // re-read: an organisation disabled since the list was read is skipped too
    if (!organisation.enabled || !ports.organisations.findEnabled(organisation.code)) continue;
    try {
      await sweepOrganisation(ports, organisation, changedSince, counts);
    } catch (failure) {
      if (!(failure instanceof ListingFailed)) throw failure;
      counts.failedOrganisations.push(organisation.code);
      errors.push(failure.error);
      ports.listingFailed(organisation.code, failure.error);
    }
  }
  return errors;
}

/**
 * What ends a sweep whose listings failed: retried (with the watermark kept), unless each was a
 * refusal a retry cannot change (a `4xx`), which is left to the next scheduled sweep.
 */
function sweepFailure(codes: readonly string[], errors: readonly unknown[]): Error {
  const message = `Trac could not be listed for ${codes.join(', ')}; every other organisation was listed. ${errors
    .map((error) => (error instanceof Error ? error.message : String(error)))
    .join(' ')}`;
  const [first] = errors;
  const permanent = errors.every((error) => error instanceof PermanentError);
  return permanent && first instanceof PermanentError
    ? new PermanentError(first.reason, message, { cause: first })
    : new RetryableError(message, undefined, { cause: first });
}

/**
 * One attempt of a sweep, recorded from start to end: it lists from the watermark (or
 * `lookbackHours` back before the first success) and, only when every organisation was listed,
 * moves the watermark to its own start minus the overlap. An attempt that fails (an organisation's
 * listing included: `failedOrganisations` names them) is recorded and counted `failed`, the
 * watermark stays, and the error is thrown for the caller's retry.
 */
export async function runSweepAttempt(ports: SweepPorts): Promise<SweepRecord> {
  const startedAt = ports.now();
  const changedSince = changedSinceOf(await ports.log.watermark(), startedAt, ports.lookbackHours);
  const attemptId = await ports.log.begin(startedAt);
  const counts: SweepCounts = { listed: 0, started: 0, failedOrganisations: [] };
  const recordOf = (outcome: 'completed' | 'failed'): SweepRecord => ({
    startedAt: startedAt.toISOString(),
    finishedAt: ports.now().toISOString(),
    outcome,
    ...counts,
    failedOrganisations: [...counts.failedOrganisations],
  });
  try {
    await requeueLostJobs(ports, counts);
    const errors = await sweep(ports, changedSince, counts);
    if (errors.length > 0) throw sweepFailure(counts.failedOrganisations, errors);
  } catch (error) {
    // what the failed attempt did is recorded as well as Redis allows; its own error goes up
    await Promise.allSettled([
      ports.log.finish(attemptId, recordOf('failed')),
      ports.log.count('failed', counts.started),
    ]);
    throw error;
  }
  const record = recordOf('completed');
  await ports.log.moveWatermark(watermarkAfter(startedAt));
  await ports.log.finish(attemptId, record);
  await ports.log.count('completed', counts.started);
  return record;
}
