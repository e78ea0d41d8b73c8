import type { RecordOutcome } from './demo-outcomes';
import { RECORD_TYPES, type RecordType } from './record-types';
import type { EsrApplicant } from './esr-data';
import {
  aDbsCheck,
  aGmcRegistrationCheck,
  anEmploymentChecklistCheck,
  aReferencesCheck,
  checkNumbersFor,
  type CheckSet,
} from './seed-checks';
import {
  anEuStatusCheck,
  anIdentityCheck,
  anIllegalWorkingCheck,
  anOccupationalHealthCheck,
} from './seed-right-to-work';
import type { TracApplicant, TracSandboxApplicant } from './trac-data';

export const TRIGGER_STATUS = 'Outcome: Recruited';

export interface PersonSpec {
  forename: string;
  surname: string;
  dateOfBirth: string;
  title?: string;
  nationality?: string;
}

/** Trac's person: the three matching fields plus the identity data Trac really returns. */
function aTracPerson(spec: PersonSpec): TracApplicant['person'] {
  const slug = `${spec.forename}.${spec.surname}`.toLowerCase().replace(/[^a-z.]/g, '');
  return {
    title: spec.title ?? 'Dr',
    forename: spec.forename,
    surname: spec.surname,
    dateOfBirth: spec.dateOfBirth,
    niNumber: 'QQ123456C',
    email: `${slug}@example.org`,
    mobile: '07700900123',
    address: { line1: '1 Example Street', town: 'Leeds', postcode: 'LS1 1AA' },
    nationality: spec.nationality ?? 'Irish',
  };
}

export interface TracApplicantSpec {
  applicantId: string;
  organisationCode: string;
  person: PersonSpec;
  checks: CheckSet;
  status?: string;
  doctorInTraining?: boolean;
  vacancyReference?: string;
}

export function aTracApplicant(spec: TracApplicantSpec): TracSandboxApplicant {
  return {
    applicant: {
      applicantId: spec.applicantId,
      organisationCode: spec.organisationCode,
      vacancyReference: spec.vacancyReference ?? 'DIT-2026-08-CT1',
      status: spec.status ?? TRIGGER_STATUS,
      statusChangedAt: '2026-06-14T10:22:01Z',
      staffGroup: 'Medical and Dental',
      doctorInTraining: spec.doctorInTraining ?? true,
      person: aTracPerson(spec.person),
    },
    checks: spec.checks,
  };
}

/** All eight Trac checks complete and valid: EU settled status proved by share code. */
export function aCompleteCheckSet(index: number): Required<CheckSet> {
  const numbers = checkNumbersFor(index);
  return {
    dbs: aDbsCheck(numbers),
    'professional-registration': aGmcRegistrationCheck(numbers),
    references: aReferencesCheck(),
    'employment-checklist': anEmploymentChecklistCheck(),
    'illegal-working': anIllegalWorkingCheck('settled-share-code'),
    'eu-status': anEuStatusCheck('Settled'),
    identity: anIdentityCheck(),
    'occupational-health': anOccupationalHealthCheck(),
  };
}

export type EsrApplicantSpec = Pick<
  EsrApplicant,
  'esrApplicantId' | 'organisationCode' | 'firstName' | 'lastName' | 'dateOfBirth'
> &
  Partial<EsrApplicant>;

/** An in-scope TIS applicant unless the spec says otherwise; fields in esr.md's order. */
export function anEsrApplicant(spec: EsrApplicantSpec): EsrApplicant {
  const applicant: EsrApplicant = {
    esrApplicantId: spec.esrApplicantId,
    organisationCode: spec.organisationCode,
    firstName: spec.firstName,
    lastName: spec.lastName,
    dateOfBirth: spec.dateOfBirth,
    recordOrigin: spec.recordOrigin ?? 'TIS',
    personType: spec.personType ?? 'APPLICANT',
    applicationStatus: spec.applicationStatus ?? 'ACTIVE',
    hasProfessionalRegistration: spec.hasProfessionalRegistration ?? false,
  };
  if (spec.holdsProfessionalRegistration !== undefined) {
    applicant.holdsProfessionalRegistration = spec.holdsProfessionalRegistration;
  }
  return applicant;
}

/** Every record type with one outcome, then the exceptions. */
export function recordOutcomes(
  all: RecordOutcome,
  exceptions: Partial<Record<RecordType, RecordOutcome>> = {},
): Record<RecordType, RecordOutcome> {
  return Object.fromEntries(RECORD_TYPES.map((type) => [type, exceptions[type] ?? all])) as Record<
    RecordType,
    RecordOutcome
  >;
}
