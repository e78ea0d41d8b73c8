import {
  aCompleteCheckSet,
  aTracApplicant,
  anEsrApplicant,
  type EsrApplicantSpec,
  type PersonSpec,
} from './seed-builders';
import { DEMO_SEED } from './seed';
import { mergeSeeds, SEED_ORGANISATIONS, type SandboxSeed } from './seed-types';

/** The status of the preview's demo applicants: offered and accepted, not yet recruited. */
export const PREVIEW_STATUS = 'Offer: Accepted';

/** One demo applicant of the match preview: its Trac side, its ESR records, what the preview must say. */
export interface PreviewDemoCase {
  applicantId: string;
  case: string;
  person: PersonSpec;
  doctorInTraining?: boolean;
  /** ESR records in R0A; the person's birth date unless given. */
  esr: readonly (Omit<EsrApplicantSpec, 'organisationCode' | 'dateOfBirth'> & { dateOfBirth?: string })[];
  /** What connector.md's match preview makes of it; undefined when it is not listed (not DiT). */
  expected?: { result: string; hints: readonly string[]; esrApplicantIds: readonly string[] };
}

/** R0A applicants at "Offer: Accepted" covering every result and hint of a match preview. */
export const PREVIEW_DEMO_CASES: readonly PreviewDemoCase[] = [
  {
    applicantId: 'A-100400',
    case: 'matches one TIS-created applicant record',
    person: { forename: 'Grace', surname: 'Okonkwo', dateOfBirth: '1993-04-18' },
    esr: [{ esrApplicantId: '4418400', firstName: 'GRACE', lastName: 'OKONKWO' }],
    expected: { result: 'MATCHED', hints: [], esrApplicantIds: ['4418400'] },
  },
  {
    applicantId: 'A-100401',
    case: 'ESR holds no one with his last name and birth date',
    person: { forename: 'Oliver', surname: 'Pemberton', dateOfBirth: '1991-11-23' },
    esr: [],
    expected: { result: 'NO_ESR_MATCH', hints: ['NO_CANDIDATE'], esrApplicantIds: [] },
  },
  {
    applicantId: 'A-100402',
    case: 'ESR spells his first name John, Trac Jon',
    person: { forename: 'Jon', surname: 'Hargreaves', dateOfBirth: '1994-06-27' },
    esr: [{ esrApplicantId: '4418402', firstName: 'JOHN', lastName: 'HARGREAVES' }],
    expected: { result: 'NO_ESR_MATCH', hints: ['FIRST_NAME_DIFFERS'], esrApplicantIds: ['4418402'] },
  },
  {
    applicantId: 'A-100403',
    case: 'ESR holds her with day and month of birth swapped',
    person: { forename: 'Lucia', surname: 'Romano', dateOfBirth: '1995-04-08' },
    esr: [{ esrApplicantId: '4418403', firstName: 'LUCIA', lastName: 'ROMANO', dateOfBirth: '1995-08-04' }],
    expected: {
      result: 'NO_ESR_MATCH',
      hints: ['DATE_OF_BIRTH_DAY_MONTH_SWAPPED'],
      esrApplicantIds: ['4418403'],
    },
  },
  {
    applicantId: 'A-100404',
    case: 'ESR holds him only as an employee',
    person: { forename: 'Hamza', surname: 'Qureshi', dateOfBirth: '1989-12-19' },
    esr: [{ esrApplicantId: '4418404', firstName: 'HAMZA', lastName: 'QURESHI', personType: 'EMPLOYEE' }],
    expected: { result: 'NO_ESR_MATCH', hints: ['EMPLOYEE_RECORD_ONLY'], esrApplicantIds: ['4418404'] },
  },
  {
    applicantId: 'A-100405',
    case: 'ESR holds only a closed applicant record of hers',
    person: { forename: 'Eilidh', surname: 'Fraser', dateOfBirth: '1993-03-25' },
    esr: [
      { esrApplicantId: '4418405', firstName: 'EILIDH', lastName: 'FRASER', applicationStatus: 'CLOSED' },
    ],
    expected: { result: 'NO_ESR_MATCH', hints: ['CLOSED_RECORD_ONLY'], esrApplicantIds: ['4418405'] },
  },
  {
    applicantId: 'A-100406',
    case: 'ESR holds only an e-recruitment record of his',
    person: { forename: 'Chidi', surname: 'Eze', dateOfBirth: '1992-10-16' },
    esr: [{ esrApplicantId: '4418406', firstName: 'CHIDI', lastName: 'EZE', recordOrigin: 'EREC' }],
    expected: { result: 'NO_ESR_MATCH', hints: ['OTHER_RECORD_ORIGIN'], esrApplicantIds: ['4418406'] },
  },
  {
    applicantId: 'A-100407',
    case: 'two active TIS applicant records of hers',
    person: { forename: 'Megan', surname: 'Price', dateOfBirth: '1996-01-29' },
    esr: [
      { esrApplicantId: '4418407', firstName: 'MEGAN', lastName: 'PRICE' },
      { esrApplicantId: '4418417', firstName: 'MEGAN', lastName: 'PRICE' },
    ],
    expected: {
      result: 'AMBIGUOUS_ESR_MATCH',
      hints: ['SEVERAL_ACTIVE_RECORDS'],
      esrApplicantIds: ['4418407', '4418417'],
    },
  },
  {
    applicantId: 'A-100408',
    case: 'ESR holds only a manually created ex-applicant record of his (two hints)',
    person: { forename: 'Rhys', surname: 'Morgan', dateOfBirth: '1990-09-21' },
    esr: [
      {
        esrApplicantId: '4418408',
        firstName: 'RHYS',
        lastName: 'MORGAN',
        personType: 'EX_APPLICANT',
        recordOrigin: 'MANUAL',
      },
    ],
    expected: {
      result: 'NO_ESR_MATCH',
      hints: ['CLOSED_RECORD_ONLY', 'OTHER_RECORD_ORIGIN'],
      esrApplicantIds: ['4418408'],
    },
  },
  {
    applicantId: 'A-100409',
    case: 'not a doctor in training: not listed',
    person: { forename: 'Nia', surname: 'Roberts', dateOfBirth: '1987-02-11' },
    doctorInTraining: false,
    esr: [],
  },
];

/** The preview demo's Trac and ESR sides. Separate from DEMO_SEED, whose cases are all transfers. */
export const PREVIEW_SEED: SandboxSeed = {
  trac: {
    applicants: PREVIEW_DEMO_CASES.map((demo) =>
      aTracApplicant({
        applicantId: demo.applicantId,
        organisationCode: 'R0A',
        person: demo.person,
        checks: aCompleteCheckSet(Number(demo.applicantId.replace(/\D/g, ''))),
        status: PREVIEW_STATUS,
        doctorInTraining: demo.doctorInTraining,
      }),
    ),
  },
  esr: {
    organisations: SEED_ORGANISATIONS,
    applicants: PREVIEW_DEMO_CASES.flatMap((demo) =>
      demo.esr.map((esr) =>
        anEsrApplicant({ organisationCode: 'R0A', dateOfBirth: demo.person.dateOfBirth, ...esr }),
      ),
    ),
  },
};

/** What `npm start` seeds: the transfer demo and the match-preview demo. */
export const DEV_SEED: SandboxSeed = mergeSeeds(DEMO_SEED, PREVIEW_SEED);
