import { todayInLondon } from '../records';
import type { RecordType } from '../records/record-types';
import { gatherChecks, mapAndValidate } from './gather-checks';
import { isInScope } from './match-applicant';
import type { RecordTracker } from './record-tracker';
import { confirmInTrac, type TransferDeps, type TransferRequest } from './run-transfer';
import { sendOnce } from './send-once';

/** What a send-outstanding run is asked: the transfer, its outstanding records, where they go. */
export interface SendOutstandingRequest extends TransferRequest {
  outstanding: readonly RecordType[];
  /** The ESR applicant the transfer matched (kept with it). */
  esrApplicantId: string;
}

/**
 * How a send-outstanding run ended without an error: it sent what Trac now holds as complete
 * (`sent`; what Trac still does not hold stays outstanding), Trac holds none of them as complete
 * yet (`nothing_complete`), the ESR applicant is no longer in scope (`esr_applicant_out_of_scope`:
 * hired, closed), or Trac says the applicant is out of scope now (status, not a doctor in training).
 */
export type SendOutstandingResult =
  'sent' | 'nothing_complete' | 'esr_applicant_out_of_scope' | 'status_changed' | 'not_doctor_in_training';

/**
 * An HR admin's send of a completed transfer's outstanding records (connector.md,
 * `send-outstanding`): behaviour rules 1–3 for those record types only, then rule 6 to the ESR
 * applicant the transfer matched, checked first to be still in scope (an ESR search by the
 * applicant's last name and date of birth, under the rate limit). Each record goes under the same
 * idempotency key as ever and only when the ledger does not hold it: never twice.
 */
export async function runSendOutstanding(
  request: SendOutstandingRequest,
  deps: TransferDeps,
  tracker: RecordTracker,
): Promise<SendOutstandingResult> {
  const confirmed = await confirmInTrac(request, deps);
  if ('outOfScope' in confirmed) {
    return confirmed.outOfScope === 'STATUS_CHANGED' ? 'status_changed' : 'not_doctor_in_training';
  }
  const { organisation, applicant } = confirmed;

  const checks = await gatherChecks(deps.trac, request.applicantId, request.outstanding);
  const sendable = mapAndValidate(checks, request.applicantId, todayInLondon(deps.now()), tracker);
  if (Object.keys(sendable).length === 0) return 'nothing_complete';

  const { person } = applicant;
  const candidates = await deps.esr.searchApplicants({
    organisationCode: organisation.code,
    lastName: person.surname,
    dateOfBirth: person.dateOfBirth,
  });
  const esrApplicant = candidates.find((candidate) => candidate.esrApplicantId === request.esrApplicantId);
  if (!esrApplicant || !isInScope(esrApplicant, organisation)) return 'esr_applicant_out_of_scope';
  await sendOnce(request.transferId, esrApplicant, sendable, deps, tracker);
  return 'sent';
}
