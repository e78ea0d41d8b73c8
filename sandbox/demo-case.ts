import type { ReasonCode, RecordOutcome } from './demo-outcomes';
import type { RecordType } from './record-types';
import { recordOutcomes, type EsrApplicantSpec, type PersonSpec } from './seed-builders';
import type { CheckSet } from './seed-checks';

/** The outcome connector.md prescribes for a demo applicant's transfer. */
export interface DemoExpectation {
  state: 'completed' | 'failed';
  reason: ReasonCode | null;
  records: Record<RecordType, RecordOutcome>;
}

/** One demo applicant: its Trac side, its ESR records, and what the connector must make of them. */
export interface DemoCase {
  applicantId: string;
  organisationCode: string;
  case: string;
  /** Trac's spelling; ESR holds names upper-case, without the accents Trac keeps. */
  person: PersonSpec;
  /** Changes to the eight complete checks; a check set to undefined was never opened (`404`). */
  checks?: Partial<Record<keyof CheckSet, CheckSet[keyof CheckSet] | undefined>>;
  status?: string;
  doctorInTraining?: boolean;
  /** ESR records of this person, in the case's organisation, with the person's birth date. */
  esr: readonly Omit<EsrApplicantSpec, 'organisationCode' | 'dateOfBirth'>[];
  /** The ESR applicant the connector must write to; null when it must match none. */
  esrApplicantId: string | null;
  expected: DemoExpectation;
}

export const ALL_SENT: DemoExpectation = {
  state: 'completed',
  reason: null,
  records: recordOutcomes('SENT'),
};

export function sentExcept(exceptions: Partial<Record<RecordType, RecordOutcome>>): DemoExpectation {
  return { ...ALL_SENT, records: recordOutcomes('SENT', exceptions) };
}

/**
 * A failure before anything is sent. Every demo check that would be sent is complete, so every
 * record is `NOT_SENT` (withheld because the transfer failed).
 */
export function failedWith(reason: ReasonCode): DemoExpectation {
  return { state: 'failed', reason, records: recordOutcomes('NOT_SENT') };
}

/** Out of scope (`STATUS_CHANGED`, `NOT_DOCTOR_IN_TRAINING`): completed before checks are gathered. */
export function completedWithout(reason: ReasonCode): DemoExpectation {
  return { state: 'completed', reason, records: recordOutcomes('NOT_SENT') };
}
