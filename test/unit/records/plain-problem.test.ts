import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { DataProblemError, type DataProblem } from '../../../src/records/data-problem';
import { DbsBodySchema } from '../../../src/records/dbs-record';
import {
  EmploymentChecklistBodySchema,
  EsrChecklistItemSchema,
} from '../../../src/records/employment-checklist-record';
import { EuStatusBodySchema } from '../../../src/records/eu-status-record';
import { CODE_WORDS, FIELD_WORDS } from '../../../src/records/field-words';
import { IllegalWorkingChecklistBodySchema } from '../../../src/records/illegal-working-checklist-record';
import { ProfessionalRegistrationBodySchema } from '../../../src/records/professional-registration-record';
import { EsrReferenceSchema, ReferencesBodySchema } from '../../../src/records/references-record';
import { plainProblem } from '../../../src/records/plain-problem';
import type { RecordType } from '../../../src/records/record-types';
import { mapAndValidate } from '../../../src/transfer/gather-checks';
import { RecordTracker } from '../../../src/transfer/record-tracker';
import type { TracCheck } from '../../../src/trac/trac-schemas';
import {
  aDbsCheck,
  aChecklistItem,
  anEmploymentChecklistCheck,
  anEuStatusCheck,
  anIllegalWorkingCheck,
  aProfessionalRegistrationCheck,
  aReferencesCheck,
  aTracReference,
  BUILDER_TODAY,
  type TracCheckFixture,
} from '../../helpers/record-builders';

/** Nothing is stored: mapping happens before anything is sent. */
const tracker = () =>
  new RecordTracker({
    ledger: () => Promise.resolve({}),
    wasAttempted: () => Promise.resolve(false),
    markAttempted: () => Promise.resolve(),
    save: () => Promise.resolve(),
    saveSent: () => Promise.resolve(),
  });

/** The problem the transfer keeps when this check fails ESR's rules, through the transfer's own path. */
function problemOf(type: RecordType, fixture: TracCheckFixture): DataProblem {
  const check: TracCheck = { ...fixture, state: 'Complete' };
  try {
    mapAndValidate(new Map([[type, check]]), 'A-100234', BUILDER_TODAY, tracker());
  } catch (error) {
    if (error instanceof DataProblemError) return error.problem;
    throw error;
  }
  throw new Error('expected the check to break a rule');
}

const RECORDS = path.join(__dirname, '..', '..', '..', 'src', 'records');

/** What HR must never read: codes, field paths, values. */
const DEVELOPER_TEXT = /\b[a-z]+\.[a-z]+[A-Z]|\b[A-Z]+_[A-Z_]+\b|[a-z][A-Z][a-z]+|\[\d+\]/;

describe('a check that breaks ESR’s rules, in plain English', () => {
  it('when the DBS certificate number in Trac has 11 digits, then HR reads which check, which field, what is wrong and where to fix it, and the digits are not kept', () => {
    const problem = problemOf('dbs', aDbsCheck({ certificateNumber: '0012 3456 789' }));

    expect(problem).toEqual({
      source: 'trac',
      subject: 'dbs',
      field: 'certificateNumber',
      rule: 'must be 12 digits',
      found: 'has 11 digits',
    });
    expect(plainProblem(problem)).toEqual({
      sentence: "In Trac's DBS check, the certificate number has 11 digits; it must have 12 digits.",
      fix: "Correct the certificate number in the applicant's DBS check in Trac, then re-queue.",
    });
    expect(JSON.stringify(problem)).not.toMatch(/0012|3456|789/);
  });

  it.each<[string, RecordType, TracCheckFixture, string]>([
    [
      'a barred list missing for an enhanced check with barred lists',
      'dbs',
      aDbsCheck({ barredLists: null }),
      "In Trac's DBS check, the barred list is empty; ESR needs it when the level is “Enhanced with Barred List(s)”.",
    ],
    [
      'an issue date in the future',
      'dbs',
      aDbsCheck({ issueDate: '2026-07-01', updateServiceCheck: null }),
      "In Trac's DBS check, the issue date is in the future.",
    ],
    [
      'a label Trac lists but ESR does not know',
      'dbs',
      aDbsCheck({ level: 'Super enhanced' }),
      "In Trac's DBS check, the level holds a value ESR does not know: choose one of the values Trac offers.",
    ],
    [
      'a GMC number of 6 digits',
      'professional-registration',
      aProfessionalRegistrationCheck({ registrationNumber: '712345' }),
      "In Trac's professional registration, the registration number has 6 digits; it must have 7 digits.",
    ],
    [
      'the second reference received before it was requested',
      'references',
      aReferencesCheck({
        references: [
          aTracReference(),
          aTracReference({ requestedOn: '2026-05-12', receivedOn: '2026-05-11' }),
        ],
      }),
      "In Trac's references, the received on date of reference 2 must be on or after the requested on date.",
    ],
    [
      'a checklist item completed on a date that is not a date',
      'employment-checklist',
      anEmploymentChecklistCheck({ items: [aChecklistItem({ completedOn: '31/06/2026' })] }),
      "In Trac's employment checklist, the completed on date of checklist item 1 is not a date.",
    ],
    [
      'a List A check whose permission is time-limited',
      'illegal-working-checklist',
      anIllegalWorkingCheck({
        permission: 'Time-limited',
        permissionExpiryDate: '2027-01-01',
        followUpDate: '2026-12-01',
      }),
      "In Trac's right to work (illegal working) checklist, the permission must be “Unlimited” when the document list is “List A”.",
    ],
    [
      'a pre-settled status without its expiry date',
      'eu-status',
      anEuStatusCheck({ schemeStatus: 'Pre-settled', preSettledExpiryDate: null }),
      "In Trac's EU settlement status, the pre-settled status expiry date is empty; ESR needs it when the scheme status is “Pre-settled”.",
    ],
  ])('when %s, then HR reads a sentence without codes or field paths', (_case, type, fixture, sentence) => {
    const plain = plainProblem(problemOf(type, fixture));

    expect(plain.sentence).toBe(sentence);
    expect(plain.fix).toMatch(/^Correct the .+ in the applicant's .+ in Trac, then re-queue\.$/);
    expect(`${plain.sentence} ${plain.fix}`).not.toMatch(DEVELOPER_TEXT);
  });

  it.each<[string, DataProblem, string]>([
    [
      'ESR refuses a field',
      {
        source: 'esr',
        subject: 'dbs',
        field: 'certificateNumber',
        rule: 'must be 12 digits',
        refusal: 'data',
      },
      'ESR refused the DBS check: ESR says the certificate number must be 12 digits.',
    ],
    [
      'ESR refuses the connector access',
      { source: 'esr', subject: 'references', field: '', rule: '', refusal: 'access' },
      'ESR refused the connector access to the references.',
    ],
    [
      'ESR no longer holds the applicant record',
      { source: 'esr', subject: 'eu-status', field: '', rule: '', refusal: 'not_found' },
      'ESR no longer holds the applicant record the EU settlement status was to go to.',
    ],
    [
      'Trac answers the applicant with a date of birth that is no date',
      { source: 'trac', subject: 'applicant', field: 'person.dateOfBirth', rule: 'must be YYYY-MM-DD' },
      "In Trac, the applicant's date of birth must be YYYY-MM-DD.",
    ],
  ])('when %s, then HR reads it in words', (_case, problem, sentence) => {
    const plain = plainProblem(problem);

    expect(plain.sentence).toBe(sentence);
    expect(`${plain.sentence} ${plain.fix}`).not.toMatch(DEVELOPER_TEXT);
  });
});

describe('the words of every field a problem may name', () => {
  const SHAPES: [RecordType, readonly string[]][] = [
    ['dbs', Object.keys(DbsBodySchema.shape)],
    ['professional-registration', Object.keys(ProfessionalRegistrationBodySchema.shape)],
    ['references', [...Object.keys(ReferencesBodySchema.shape), ...Object.keys(EsrReferenceSchema.shape)]],
    [
      'employment-checklist',
      [...Object.keys(EmploymentChecklistBodySchema.shape), ...Object.keys(EsrChecklistItemSchema.shape)],
    ],
    ['illegal-working-checklist', Object.keys(IllegalWorkingChecklistBodySchema.shape)],
    ['eu-status', Object.keys(EuStatusBodySchema.shape)],
  ];

  it.each(SHAPES)('when a %s field is named, then it has HR’s words', (type, fields) => {
    const missing = fields.filter((field) => field !== 'source' && !Object.hasOwn(FIELD_WORDS[type], field));

    expect(missing).toEqual([]);
  });

  it('when a rule of the records names an ESR code in its condition, then the code has Trac’s words', () => {
    const sources = readdirSync(RECORDS).filter((file) => file.endsWith('-record.ts'));
    const codes = sources.flatMap((file) =>
      [
        ...readFileSync(path.join(RECORDS, file), 'utf8').matchAll(
          /\b(?:is|be|be absent unless \w+ is) ([A-Z][A-Z_]+)\b/g,
        ),
      ].map((match) => match[1] ?? ''),
    );

    expect(codes.length).toBeGreaterThan(5);
    expect(codes.filter((code) => !Object.hasOwn(CODE_WORDS, code))).toEqual([]);
  });
});

describe('a field named like a property every object inherits', () => {
  const INHERITED = ['constructor', '__proto__', 'valueOf'];

  it.each([
    ['constructor', 'constructor'],
    ['__proto__', 'proto'],
    ['valueOf', 'value of'],
  ])('when ESR names the field %s, then HR reads “%s”, not code', (name, words) => {
    const plain = plainProblem({
      source: 'esr',
      subject: 'dbs',
      field: name,
      rule: 'is not allowed',
      refusal: 'data',
    });

    expect(plain.fix).toBe(`Correct the ${words} in the applicant's DBS check in Trac, then re-queue.`);
    expect(`${plain.sentence} ${plain.fix}`).not.toMatch(/native code|function|\[object/);
  });

  it.each(INHERITED)(
    'when a list of %s items names a field, then the item and field are in words, not code',
    (name) => {
      const plain = plainProblem({
        source: 'trac',
        subject: 'references',
        field: `${name}[0].${name}`,
        rule: 'is required',
      });

      expect(`${plain.sentence} ${plain.fix}`).not.toMatch(/native code|function|\[object/);
      expect(plain.sentence).toContain('of item 1');
    },
  );
});
