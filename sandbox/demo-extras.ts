import { aCompleteCheckSet, aTracApplicant, anEsrApplicant } from './seed-builders';
import { aReferencesCheck, anEmploymentChecklistCheck } from './seed-checks';
import { DEV_SEED } from './seed-preview';
import { mergeSeeds, SEED_ORGANISATIONS, type SandboxSeed } from './seed-types';

/** A demo applicant of `npm start` beyond the transfer cases, with what to try. */
export interface DemoExtra {
  applicantId: string;
  organisationCode: string;
  case: string;
  /** Whether `npm run demo:webhook -- --all` fires it (the sweep-only one is found by a sweep). */
  webhook: boolean;
}

/** Seconds after the transfer read them that A-100321's references are complete in Trac. */
export const REFERENCES_LATER_SECONDS = 60;

/** How long before `npm start` the sweep-only applicant reached a trigger status. */
const SWEEP_ONLY_CHANGED_MINUTES_AGO = 30;

export const DEMO_EXTRAS: readonly DemoExtra[] = Object.freeze([
  {
    applicantId: 'A-100320',
    organisationCode: 'R0A',
    case: 'no webhook ever comes for her: only a sweep finds her (status changed 30 minutes before start); press "Sweep now" on the overview (HR admin for all organisations), or wait for the scheduled sweep',
    webhook: false,
  },
  {
    applicantId: 'A-100321',
    organisationCode: 'R0A',
    case: `references In Progress; Trac holds them complete ${REFERENCES_LATER_SECONDS} s after the transfer read them: then press "Send outstanding records" on the transfer's page`,
    webhook: true,
  },
]);

/** Trac's date-times carry whole seconds (trac.md). */
const isoSeconds = (at: Date) => at.toISOString().replace(/\.\d{3}Z$/, 'Z');

/**
 * The extras' Trac and ESR sides. The sweep-only applicant's status changed shortly before `now`
 * (a sweep's first look-back finds her; no demo webhook names her); A-100321's references turn
 * complete a minute after the transfer first read them (the Trac sandbox's `later` control).
 */
export function demoExtrasSeed(now: Date): SandboxSeed {
  const priya = { forename: 'Priya', surname: 'Shah', dateOfBirth: '1993-09-14' };
  const owen = { forename: 'Owen', surname: 'Davies', dateOfBirth: '1992-01-30' };
  const sweepOnly = aTracApplicant({
    applicantId: 'A-100320',
    organisationCode: 'R0A',
    person: priya,
    checks: aCompleteCheckSet(100320),
  });
  sweepOnly.applicant.statusChangedAt = isoSeconds(
    new Date(now.getTime() - SWEEP_ONLY_CHANGED_MINUTES_AGO * 60_000),
  );
  const referencesLater = {
    ...aTracApplicant({
      applicantId: 'A-100321',
      organisationCode: 'R0A',
      person: owen,
      checks: {
        ...aCompleteCheckSet(100321),
        references: { state: 'In Progress' },
        'employment-checklist': anEmploymentChecklistCheck({ references: 'Outstanding' }),
      },
    }),
    later: { afterSeconds: REFERENCES_LATER_SECONDS, checks: { references: aReferencesCheck() } },
  };
  const esr = [
    { esrApplicantId: '4417820', person: priya },
    { esrApplicantId: '4417821', person: owen },
  ].map(({ esrApplicantId, person }) =>
    anEsrApplicant({
      esrApplicantId,
      organisationCode: 'R0A',
      firstName: person.forename.toUpperCase(),
      lastName: person.surname.toUpperCase(),
      dateOfBirth: person.dateOfBirth,
    }),
  );
  return {
    trac: { applicants: [sweepOnly, referencesLater] },
    esr: { organisations: SEED_ORGANISATIONS, applicants: esr },
  };
}

/** What `npm start` seeds: the transfer demo, the match-preview demo and these extras. */
export function startSeed(now: Date = new Date()): SandboxSeed {
  return mergeSeeds(DEV_SEED, demoExtrasSeed(now));
}
