import type { OrganisationDirectory } from '../../../config/organisations';
import { RetryableError } from '../../platform/errors';
import type { Logger } from '../../platform/logger';
import { transferIdOf } from '../../transfer/transfer-ids';
import type { TracClient } from '../../trac/trac-client';
import { claimedStateOf, type TransferRecord, type TransferStore } from '../../transfer/transfer';
import { mismatchOf } from '../../transfer/run-transfer';
import { isTriggerStatus } from '../../transfer/trigger-status';
import { failure, type AdminAnswer, type ManualStartBody } from '../api/admin-schemas';
import { answerOf, type RequeueDeps } from './requeue-transfers';

export interface ManualStartDeps extends RequeueDeps {
  store: TransferStore;
  organisations: OrganisationDirectory;
  triggerStatuses: readonly string[];
  /** Undefined when the receiver has no Trac configured: a manual start then answers `503`. */
  trac: TracClient | undefined;
  logger: Logger;
}

/** Already transferred or in flight: answered without asking Trac. */
function refusalFor(existing: TransferRecord | undefined): AdminAnswer | undefined {
  if (existing?.state === 'completed' && existing.reason === null) return failure(409, 'already_completed');
  // a run began (its job runs, or waits to run again): in flight
  if (existing && claimedStateOf(existing) === 'started') return failure(409, 'already_queued');
  return undefined;
}

/**
 * Trac must hold the applicant, under the organisation named, with a trigger status, as a webhook
 * would have said: `422 trac_applicant_not_found`, `400 organisation_mismatch` (one wrong pick in
 * the page's organisation list must not send checks to another organisation's ESR record) or `422
 * status_not_trigger` otherwise; `503 trac_unavailable` when
 * Trac does not answer (try later), `502 trac_rejected` when it refuses the connector.
 */
async function confirmInTrac(
  deps: ManualStartDeps,
  { organisationCode, applicantId }: ManualStartBody,
): Promise<AdminAnswer | undefined> {
  if (!deps.trac) return failure(503, 'trac_unavailable');
  try {
    const applicant = await deps.trac.getApplicant(applicantId);
    if (!applicant) return failure(422, 'trac_applicant_not_found');
    const mismatch = mismatchOf(applicant, applicantId, organisationCode);
    if (mismatch?.reason === 'TRAC_APPLICANT_NOT_FOUND') return failure(422, 'trac_applicant_not_found');
    if (mismatch) return failure(400, 'organisation_mismatch');
    if (!isTriggerStatus(applicant.status, deps.triggerStatuses)) return failure(422, 'status_not_trigger');
    return undefined;
  } catch (error) {
    deps.logger.warn('manual start: Trac check failed', { error: (error as Error).message });
    return error instanceof RetryableError ? failure(503, 'trac_unavailable') : failure(502, 'trac_rejected');
  }
}

/**
 * A manual start for an applicant whose webhook never came, through the one start path: one
 * transfer per (organisation, applicant); a completed one is never run again (unless it completed
 * out of scope); a failed one is re-queued; one queued or running is left alone. Trac is asked
 * first, except when the answer is already known.
 */
export async function startTransferManually(
  deps: ManualStartDeps,
  body: ManualStartBody,
): Promise<AdminAnswer> {
  const { organisationCode, applicantId } = body;
  if (!deps.organisations.findEnabled(organisationCode)) return failure(400, 'organisation_not_enabled');
  const refusal = refusalFor(await deps.store.get(transferIdOf(organisationCode, applicantId)));
  if (refusal) return refusal;
  const tracAnswer = await confirmInTrac(deps, body);
  if (tracAnswer) return tracAnswer;
  return answerOf(await deps.starter.start({ organisationCode, applicantId, trigger: 'manual' }));
}
