import type { EsrApplicant } from './esr-data';
import { aCompleteCheckSet, aTracApplicant, anEsrApplicant } from './seed-builders';
import { aDbsCheck, aGmcRegistrationCheck, checkNumbersFor } from './seed-checks';
import { SEED_ORGANISATIONS, type SandboxSeed } from './seed-types';
import type { TracSandboxApplicant } from './trac-data';

export interface GenerateApplicantsOptions {
  /** Trac ids are `${idPrefix}-000001`…; ESR ids `ESR-${trac id}`. Default `B`. */
  idPrefix?: string;
  /** First number. Default 1. */
  startAt?: number;
  /** Default `R0A`. */
  organisationCode?: string;
  /** ESR origin, which must be the organisation's DiT provider to match. Default `TIS`. */
  recordOrigin?: EsrApplicant['recordOrigin'];
}

const FORENAMES = [
  'Alex',
  'Bea',
  'Cal',
  'Dana',
  'Eli',
  'Fern',
  'Gus',
  'Hana',
  'Ivo',
  'Jo',
  'Kit',
  'Lea',
  'Max',
  'Nia',
];
const DAY_MS = 24 * 60 * 60 * 1000;
const FIRST_BIRTH_DATE = Date.UTC(1985, 0, 1);

/** Base-26 letters of a number: a unique surname for every index (`Benchab`, `Benchac`, …). */
function lettersOf(index: number): string {
  let rest = index;
  let letters = '';
  do {
    letters = String.fromCharCode(97 + (rest % 26)) + letters;
    rest = Math.floor(rest / 26);
  } while (rest > 0);
  return letters;
}

/**
 * `count` happy-path applicants, Trac and ESR sides consistent, each with a unique surname, for
 * load, fault and benchmark runs. The large check payloads are shared frozen objects, so 50,000
 * applicants build in well under a second.
 */
export function generateApplicants(count: number, options: GenerateApplicantsOptions = {}): SandboxSeed {
  const { idPrefix = 'B', startAt = 1, organisationCode = 'R0A', recordOrigin = 'TIS' } = options;
  const shared = Object.freeze(aCompleteCheckSet(0));
  const trac: TracSandboxApplicant[] = [];
  const esr: EsrApplicant[] = [];
  for (let number = startAt; number < startAt + count; number += 1) {
    const applicantId = `${idPrefix}-${String(number).padStart(6, '0')}`;
    const forename = FORENAMES[number % FORENAMES.length] ?? 'Alex';
    const surname = `Bench${lettersOf(number)}`;
    const dateOfBirth = new Date(FIRST_BIRTH_DATE + (number % 5000) * DAY_MS).toISOString().slice(0, 10);
    const numbers = checkNumbersFor(number);
    const checks = {
      ...shared,
      dbs: aDbsCheck(numbers),
      'professional-registration': aGmcRegistrationCheck(numbers),
    };
    trac.push(
      aTracApplicant({ applicantId, organisationCode, person: { forename, surname, dateOfBirth }, checks }),
    );
    esr.push(
      anEsrApplicant({
        esrApplicantId: `ESR-${applicantId}`,
        organisationCode,
        firstName: forename.toUpperCase(),
        lastName: surname.toUpperCase(),
        dateOfBirth,
        recordOrigin,
      }),
    );
  }
  return { trac: { applicants: trac }, esr: { organisations: SEED_ORGANISATIONS, applicants: esr } };
}
