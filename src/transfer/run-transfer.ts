import type { Organisation, OrganisationDirectory } from '../../config/organisations';
import type { EsrClient } from '../esr/esr-client';
import type { EsrCandidate } from '../esr/esr-schemas';
import { PermanentError, type ReasonCode } from '../platform/errors';
import { todayInLondon } from '../records';
import { RECORD_TYPES } from '../records/record-types';
import type { TracClient } from '../trac/trac-client';
import type { TracApplicant } from '../trac/trac-schemas';
import { gatherChecks, mapAndValidate } from './gather-checks';
import type { RecordTracker } from './record-tracker';
import { searchEsr, type SearchApplicants } from './search-esr';
import { sendOnce } from './send-once';
import { isTriggerStatus } from './trigger-status';

export interface TransferRequest {
  transferId: string;
  organisationCode: string;
  applicantId: string;
}

export interface TransferDeps {
  trac: TracClient;
  esr: EsrClient;
  organisations: OrganisationDirectory;
  triggerStatuses: readonly string[];
  now: () => Date;
}

/** How a run ended without an error: sent what it should (`reason: null`) or out of scope. */
export interface TransferResult {
  reason: Extract<ReasonCode, 'STATUS_CHANGED' | 'NOT_DOCTOR_IN_TRAINING'> | null;
}

/**
 * The transfer, as connector.md's behaviour rules tell it: confirm in Trac, gather the six checks,
 * map and validate all of them, match the applicant in ESR, then send each record once. Returns
 * when the transfer is complete; throws `PermanentError` (fail now, with a reason) or
 * `RetryableError` (try again later). It reaches storage through one port, `tracker` (the ledger, and
 * where record outcomes and ledger entries go); a failed match leaves its cause there (`failedMatch`),
 * a match the ESR applicant's id (`matchedEsrApplicantId`).
 */
export async function runTransfer(
  request: TransferRequest,
  deps: TransferDeps,
  tracker: RecordTracker,
): Promise<TransferResult> {
  const confirmed = await confirmInTrac(request, deps);
  if ('outOfScope' in confirmed) return { reason: confirmed.outOfScope };
  const { organisation, applicant } = confirmed;

  const checks = await gatherChecks(deps.trac, request.applicantId, RECORD_TYPES);
  const sendable = mapAndValidate(checks, request.applicantId, todayInLondon(deps.now()), tracker);
  const esrApplicant = await findEsrApplicant(deps.esr, applicant, organisation, tracker);
  await sendOnce(request.transferId, esrApplicant, sendable, deps, tracker);
  return { reason: null };
}

/** Rule 1's answer: the applicant, confirmed in Trac under an enabled organisation, or why it is out of scope. */
export type Confirmed =
  | { organisation: Organisation; applicant: TracApplicant }
  | { outOfScope: NonNullable<TransferResult['reason']> };

/**
 * Behaviour rule 1, for every run: the organisation is enabled, Trac holds the applicant (this one,
 * exactly, under this organisation), still at a trigger status and a doctor or dentist in training.
 */
export async function confirmInTrac(
  request: Pick<TransferRequest, 'organisationCode' | 'applicantId'>,
  deps: TransferDeps,
): Promise<Confirmed> {
  const organisation = deps.organisations.findEnabled(request.organisationCode);
  if (!organisation) throw new PermanentError('ORGANISATION_NOT_ENABLED', 'organisation not enabled');
  const applicant = await deps.trac.getApplicant(request.applicantId);
  if (!applicant) throw new PermanentError('TRAC_APPLICANT_NOT_FOUND', 'Trac answered 404');
  const mismatch = mismatchOf(applicant, request.applicantId, organisation.code);
  if (mismatch) throw mismatch;
  if (!isTriggerStatus(applicant.status, deps.triggerStatuses)) return { outOfScope: 'STATUS_CHANGED' };
  if (!applicant.doctorInTraining) return { outOfScope: 'NOT_DOCTOR_IN_TRAINING' };
  return { organisation, applicant };
}

/**
 * The applicant Trac answered must be the transfer's, exactly: the same id as Trac spells it (ids
 * are case-sensitive; a Trac that resolved `a-100234` to `A-100234` would otherwise let two
 * transfers send one applicant's checks), under the transfer's organisation (checks never go to
 * another organisation's ESR record, whatever a webhook or a manual start named).
 */
export function mismatchOf(
  applicant: TracApplicant,
  applicantId: string,
  organisationCode: string,
): PermanentError | undefined {
  if (applicant.applicantId !== applicantId) {
    return new PermanentError('TRAC_APPLICANT_NOT_FOUND', 'Trac answered for another applicant id');
  }
  if (applicant.organisationCode !== organisationCode) {
    return new PermanentError(
      'ORGANISATION_MISMATCH',
      `Trac holds applicant ${applicantId} under organisation ${applicant.organisationCode}`,
    );
  }
  return undefined;
}

async function findEsrApplicant(
  esr: EsrClient,
  applicant: TracApplicant,
  organisation: Organisation,
  tracker: RecordTracker,
): Promise<EsrCandidate> {
  const search: SearchApplicants = (query) => esr.searchApplicants(query);
  const { matches, classification } = await searchEsr(search, applicant.person, organisation);
  const [only, ...others] = matches;
  if (only && others.length === 0) {
    tracker.matchedEsrApplicantId = only.esrApplicantId;
    return only;
  }
  // HR reads why with the failure: the match preview's hints and the records they are about
  const { hints, esrApplicantIds } = classification;
  tracker.failedMatch = { hints, esrApplicantIds };
  if (!only) throw new PermanentError('NO_ESR_MATCH', 'no in-scope candidate matched');
  throw new PermanentError('AMBIGUOUS_ESR_MATCH', `${matches.length} candidates`);
}
