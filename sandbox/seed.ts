import type { RecordOutcome } from './demo-outcomes';
import type { DemoCase, DemoExpectation } from './demo-case';
import { DEMO_CASES_THAT_SEND_NOTHING } from './demo-cases-not-sent';
import { DEMO_CASES_THAT_SEND } from './demo-cases-sent';
import { aCompleteCheckSet, aTracApplicant, anEsrApplicant } from './seed-builders';
import type { CheckSet } from './seed-checks';
import { SEED_ORGANISATIONS, type SandboxSeed } from './seed-types';

export type { DemoExpectation } from './demo-case';
export { NEVER_SENT_MARKERS } from './seed-checks';
export { generateApplicants, type GenerateApplicantsOptions } from './generate-applicants';
export { mergeSeeds, SEED_ORGANISATIONS, type SandboxSeed } from './seed-types';

export interface DemoApplicant {
  applicantId: string;
  organisationCode: string;
  case: string;
  /** One line for banners: `completed: all SENT`, `failed NO_ESR_MATCH: all NOT_SENT`. */
  summary: string;
  /** The ESR applicant the connector must write to; null when it must match none. */
  esrApplicantId: string | null;
  expected: DemoExpectation;
}

const DEMO_CASES: readonly DemoCase[] = [...DEMO_CASES_THAT_SEND, ...DEMO_CASES_THAT_SEND_NOTHING].sort(
  (a, b) => a.applicantId.localeCompare(b.applicantId),
);

/** The swapped birth date ESR holds for A-100300: found by no search, so no match. */
const NEAR_MISSES = [
  anEsrApplicant({
    esrApplicantId: '4417800',
    organisationCode: 'R0A',
    firstName: 'TOMASZ',
    lastName: 'NOWAK',
    dateOfBirth: '1992-03-05',
  }),
];

function checksOf(demo: DemoCase): CheckSet {
  const checks: CheckSet = {
    ...aCompleteCheckSet(Number(demo.applicantId.replace(/\D/g, ''))),
    ...demo.checks,
  };
  for (const [type, check] of Object.entries(checks))
    if (check === undefined) delete checks[type as keyof CheckSet];
  return checks;
}

function summaryOf(expected: DemoExpectation): string {
  const counts = new Map<RecordOutcome, number>();
  for (const outcome of Object.values(expected.records)) counts.set(outcome, (counts.get(outcome) ?? 0) + 1);
  const records =
    counts.size === 1
      ? `all ${[...counts.keys()].join('')}`
      : Object.entries(expected.records)
          .filter(([, o]) => o !== 'SENT')
          .map(([t, o]) => `${t} ${o}`)
          .join(', ') + ', others SENT';
  return `${expected.state}${expected.reason ? ` ${expected.reason}` : ''}: ${records}`;
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const field of Object.values(value)) deepFreeze(field);
  }
  return value;
}

/** Every demo case of the README, Trac and ESR sides consistent with each other. Frozen. */
export const DEMO_SEED: SandboxSeed = deepFreeze({
  trac: {
    applicants: DEMO_CASES.map((demo) => aTracApplicant({ ...demo, checks: checksOf(demo) })),
  },
  esr: {
    organisations: SEED_ORGANISATIONS,
    applicants: [
      ...DEMO_CASES.flatMap((demo) =>
        demo.esr.map((esr) =>
          anEsrApplicant({
            organisationCode: demo.organisationCode,
            dateOfBirth: demo.person.dateOfBirth,
            ...esr,
          }),
        ),
      ),
      ...NEAR_MISSES,
    ],
  },
});

/** What the connector must do with each demo applicant (connector.md). Frozen. */
export const DEMO_APPLICANTS: readonly DemoApplicant[] = deepFreeze(
  DEMO_CASES.map((demo) => ({
    applicantId: demo.applicantId,
    organisationCode: demo.organisationCode,
    case: demo.case,
    summary: summaryOf(demo.expected),
    esrApplicantId: demo.esrApplicantId,
    expected: demo.expected,
  })),
);
