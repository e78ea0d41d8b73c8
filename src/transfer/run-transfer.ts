import type { Organisation, OrganisationDirectory } from '../../config/organisations';
import type { EsrClient } from '../esr/esr-client';
import type { EsrCandidate } from '../esr/esr-schemas';
import { PermanentError, type ReasonCode } from '../platform/errors';
import { describeProblem, RECORD_DEFINITIONS, todayInLondon } from '../records';
import { RECORD_TYPES, TRAC_CHECK_TYPE_OF, type RecordType } from '../records/record-types';
import { idempotencyKeyOf } from './transfer-ids';
import type { TracClient } from '../trac/trac-client';
import type { TracApplicant, TracCheck } from '../trac/trac-schemas';
import { matchingCandidates } from './match-applicant';
import type { RecordTracker } from './record-tracker';
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

/** A record ready for ESR: its validated body. */
type SendableRecords = Partial<Record<RecordType, unknown>>;

/**
 * The transfer, as connector.md's behaviour rules tell it: confirm in Trac, gather the six checks,
 * map and validate all of them, match the applicant in ESR, then send each record once. Returns
 * when the transfer is complete; throws `PermanentError` (fail now, with a reason) or
 * `RetryableError` (try again later). It reaches storage through one port, `tracker` (the ledger, and
 * where record outcomes and ledger entries go).
 */
export async function runTransfer(
  request: TransferRequest,
  deps: TransferDeps,
  tracker: RecordTracker,
): Promise<TransferResult> {
  const organisation = deps.organisations.findEnabled(request.organisationCode);
  if (!organisation) throw new PermanentError('ORGANISATION_NOT_ENABLED', 'organisation not enabled');

  const applicant = await deps.trac.getApplicant(request.applicantId);
  if (!applicant) throw new PermanentError('TRAC_APPLICANT_NOT_FOUND', 'Trac answered 404');
  const mismatch = mismatchOf(applicant, request.applicantId, organisation.code);
  if (mismatch) throw mismatch;
  if (!isTriggerStatus(applicant.status, deps.triggerStatuses)) return { reason: 'STATUS_CHANGED' };
  if (!applicant.doctorInTraining) return { reason: 'NOT_DOCTOR_IN_TRAINING' };

  const checks = await gatherChecks(deps.trac, request.applicantId);
  const sendable = mapAndValidate(checks, request.applicantId, todayInLondon(deps.now()), tracker);
  const esrApplicant = await findEsrApplicant(deps.esr, applicant, organisation);
  await sendOnce(request.transferId, esrApplicant, sendable, deps, tracker);
  return { reason: null };
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

async function gatherChecks(
  trac: TracClient,
  applicantId: string,
): Promise<Map<RecordType, TracCheck | undefined>> {
  const checks = await Promise.all(
    RECORD_TYPES.map(
      async (type) => [type, await trac.getCheck(applicantId, TRAC_CHECK_TYPE_OF[type])] as const,
    ),
  );
  return new Map(checks);
}

/** Every complete check becomes a valid ESR body before anything is sent; one bad field stops all. */
function mapAndValidate(
  checks: Map<RecordType, TracCheck | undefined>,
  applicantId: string,
  today: string,
  tracker: RecordTracker,
): SendableRecords {
  const sendable: SendableRecords = {};
  for (const type of RECORD_TYPES) {
    const check = checks.get(type);
    if (!check) tracker.note(type, 'NOT_RECORDED');
    else if (check.state === 'Not Required') tracker.note(type, 'NOT_REQUIRED');
    else if (check.state !== 'Complete') tracker.note(type, 'NOT_COMPLETE');
    else {
      if (!check.completedAt) {
        throw new PermanentError(
          'INVALID_TRAC_DATA',
          `${type}.checkCompletedDate (Trac completedAt): is missing`,
        );
      }
      const mapped = RECORD_DEFINITIONS[type].map(
        { checkType: check.checkType, completedAt: check.completedAt, data: check.data },
        { applicantId, today },
      );
      if (!mapped.ok) throw new PermanentError('INVALID_TRAC_DATA', describeProblem(type, mapped.problem));
      sendable[type] = mapped.body;
    }
  }
  return sendable;
}

async function findEsrApplicant(
  esr: EsrClient,
  applicant: TracApplicant,
  organisation: Organisation,
): Promise<EsrCandidate> {
  const { person } = applicant;
  const candidates = await esr.searchApplicants({
    organisationCode: organisation.code,
    lastName: person.surname,
    dateOfBirth: person.dateOfBirth,
  });
  const matches = matchingCandidates(candidates, person, organisation);
  const [only, ...others] = matches;
  if (!only) throw new PermanentError('NO_ESR_MATCH', 'no in-scope candidate matched');
  if (others.length > 0) throw new PermanentError('AMBIGUOUS_ESR_MATCH', `${matches.length} candidates`);
  return only;
}

/**
 * Sends each record the ledger does not hold as sent, with a key derived from transfer and record
 * type, so a retry after a lost answer is replayed by ESR instead of stored twice. The ledger is
 * written right after ESR's 2xx (`tracker.sent`).
 */
async function sendOnce(
  transferId: string,
  esrApplicant: EsrCandidate,
  sendable: SendableRecords,
  deps: TransferDeps,
  tracker: RecordTracker,
): Promise<void> {
  const toSend = await recordsToSend(esrApplicant, sendable, tracker);
  await tracker.sending(toSend);
  for (const type of toSend) {
    if (type === 'professional-registration') await tracker.markAttempted(type);
    const result = await deps.esr.postRecord(
      esrApplicant.esrApplicantId,
      type,
      sendable[type],
      idempotencyKeyOf(transferId, type),
    );
    if (result.stored) {
      await tracker.sent(type, { esrRecordId: result.esrRecordId, sentAt: deps.now().toISOString() });
    } else {
      tracker.note(type, 'SUPERSEDED_IN_ESR');
    }
  }
}

/** The sendable records ESR does not hold yet from this transfer; the others' outcomes noted. */
async function recordsToSend(
  esrApplicant: EsrCandidate,
  sendable: SendableRecords,
  tracker: RecordTracker,
): Promise<RecordType[]> {
  const ledger = await tracker.ledger();
  const toSend: RecordType[] = [];
  for (const type of RECORD_TYPES) {
    if (!(type in sendable)) continue;
    if (ledger[type]) {
      tracker.note(type, 'SENT');
      continue;
    }
    if (type === 'professional-registration' && esrApplicant.hasProfessionalRegistration) {
      // ESR's registration supersedes Trac's, unless it is ours from an earlier attempt whose answer was lost
      if (!(await tracker.wasAttempted(type))) {
        tracker.note(type, 'SUPERSEDED_IN_ESR');
        continue;
      }
    }
    toSend.push(type);
  }
  return toSend;
}
