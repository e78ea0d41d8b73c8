import fc from 'fast-check';
import {
  describeProblem,
  RECORD_DEFINITIONS,
  RECORD_TYPES,
  TRAC_CHECK_TYPE_OF,
  type CompletedTracCheck,
  type RecordType,
} from '../../../src/records';
import { validateEsrBody } from '../../helpers/esr-body-validation';
import {
  aDbsCheck,
  anEmploymentChecklistCheck,
  anEuStatusCheck,
  anIllegalWorkingCheck,
  aProfessionalRegistrationCheck,
  aReferencesCheck,
  aTracReference,
} from '../../helpers/record-builders';
import { CONTEXT, mapToBody, TODAY } from './record-test-kit';

const BUILT: Readonly<Record<RecordType, () => CompletedTracCheck>> = {
  dbs: () => aDbsCheck(),
  'professional-registration': () => aProfessionalRegistrationCheck(),
  references: () => aReferencesCheck(),
  'employment-checklist': () => anEmploymentChecklistCheck(),
  'illegal-working-checklist': () => anIllegalWorkingCheck(),
  'eu-status': () => anEuStatusCheck(),
};

const validBody = (recordType: RecordType) =>
  mapToBody(RECORD_DEFINITIONS[recordType], BUILT[recordType]()) as Record<string, unknown>;

describe('record definitions', () => {
  it.each(RECORD_TYPES)(
    'when the record type is %s, then its definition reads the matching Trac check',
    (type) => {
      expect(RECORD_DEFINITIONS[type]).toMatchObject({
        recordType: type,
        tracCheckType: TRAC_CHECK_TYPE_OF[type],
      });
    },
  );

  it.each(RECORD_TYPES)(
    'when the builder check for %s is mapped, then ESR validation accepts the body',
    (type) => {
      const result = RECORD_DEFINITIONS[type].map(BUILT[type](), CONTEXT);
      expect(result.ok).toBe(true);
      expect(validateEsrBody(type, validBody(type), TODAY)).toEqual({ ok: true });
    },
  );

  it.each(RECORD_TYPES)('when %s is mapped, then the body carries the Trac source unchanged', (type) => {
    const check = BUILT[type]();
    expect(validBody(type).source).toEqual({
      system: 'TRAC',
      applicantId: 'A-100234',
      completedAt: check.completedAt,
    });
  });
});

describe('map on arbitrary Trac data', () => {
  it.each(RECORD_TYPES)('when %s data is anything at all, then map answers without throwing', (type) => {
    const check = BUILT[type]();
    fc.assert(
      fc.property(fc.anything(), fc.string(), (data, completedAt) => {
        const result = RECORD_DEFINITIONS[type].map({ ...check, data, completedAt }, CONTEXT);
        expect(typeof result.ok).toBe('boolean');
      }),
      { numRuns: 200 },
    );
  });

  it.each(RECORD_TYPES)(
    'when fields of valid %s data are replaced by anything, then map never throws',
    (type) => {
      const check = BUILT[type]();
      const data = check.data as Record<string, unknown>;
      fc.assert(
        fc.property(fc.constantFrom(...Object.keys(data)), fc.anything(), (field, value) => {
          const result = RECORD_DEFINITIONS[type].map(
            { ...check, data: { ...data, [field]: value } },
            CONTEXT,
          );
          expect(typeof result.ok).toBe('boolean');
        }),
        { numRuns: 200 },
      );
    },
  );
});

describe('describeProblem', () => {
  it.each([
    [
      { field: 'certificateNumber', message: 'must be 12 digits' },
      'dbs.certificateNumber: must be 12 digits',
    ],
    [
      { field: 'issuingBody', tracField: 'disclosureBody', message: 'is not a listed label' },
      'dbs.issuingBody (Trac disclosureBody): is not a listed label',
    ],
  ])('when the problem is %j, then the message is %s', (problem, expected) => {
    expect(describeProblem('dbs', problem)).toBe(expected);
  });

  it('when a reference type is not listed, then the message names the record type and both item paths', () => {
    const check = aReferencesCheck({ references: [aTracReference({ type: 'Job' })] });
    const result = RECORD_DEFINITIONS.references.map(check, CONTEXT);
    expect(result.ok ? '' : describeProblem('references', result.problem)).toBe(
      'references.references[0].referenceType (Trac references[0].type): is not a listed label',
    );
  });
});

describe('validateEsrBody', () => {
  it('when the body holds unknown fields, then each is rejected by name', () => {
    const body = { ...validBody('dbs'), disclosureContent: 'x', checkedBy: 'y' };
    expect(validateEsrBody('dbs', body, TODAY)).toEqual({
      ok: false,
      errors: [
        { field: 'disclosureContent', message: 'is not allowed' },
        { field: 'checkedBy', message: 'is not allowed' },
      ],
    });
  });

  it('when the source holds an unknown field, then it is rejected with its dotted path', () => {
    const body = validBody('eu-status');
    const result = validateEsrBody(
      'eu-status',
      { ...body, source: { ...(body.source as object), niNumber: 'Q' } },
      TODAY,
    );
    expect(result).toEqual({ ok: false, errors: [{ field: 'source.niNumber', message: 'is not allowed' }] });
  });

  it('when required fields are missing, then every one is listed', () => {
    const body = validBody('dbs');
    for (const field of ['certificateNumber', 'outcome', 'source']) delete body[field];
    expect(validateEsrBody('dbs', body, TODAY)).toEqual({
      ok: false,
      errors: [
        { field: 'certificateNumber', message: 'is required' },
        { field: 'outcome', message: 'is required' },
        { field: 'source', message: 'is required' },
      ],
    });
  });

  it.each([
    [{ issuingBody: 'CRB' }, 'issuingBody', 'must be one of DBS, DISCLOSURE_SCOTLAND, ACCESSNI'],
    [{ updateServiceSubscribed: 'Yes' }, 'updateServiceSubscribed', 'must be true or false'],
    [{ certificateNumber: 1234 }, 'certificateNumber', 'must be text'],
    [
      { source: { system: 'HICOM', applicantId: 'A-1', completedAt: '2026-06-02T15:40:00Z' } },
      'source.system',
      'must be TRAC',
    ],
    [
      { source: { system: 'TRAC', applicantId: 'A 1', completedAt: '2026-06-02T15:40:00Z' } },
      'source.applicantId',
      'must be 1 to 64 letters, digits, - or _',
    ],
    [
      { source: { system: 'TRAC', applicantId: 'A-1', completedAt: '2026-06-02' } },
      'source.completedAt',
      'must be an ISO 8601 date-time',
    ],
  ])('when the body holds %j, then %s is rejected: %s', (change, field, message) => {
    expect(validateEsrBody('dbs', { ...validBody('dbs'), ...change }, TODAY)).toEqual({
      ok: false,
      errors: [{ field, message }],
    });
  });

  it('when the body is not an object, then the body itself is rejected', () => {
    expect(validateEsrBody('dbs', 'dbs', TODAY)).toEqual({
      ok: false,
      errors: [{ field: 'body', message: 'must be an object' }],
    });
  });

  it('when today is earlier than the body dates, then not-future rules use the given today', () => {
    const result = validateEsrBody('dbs', validBody('dbs'), '2026-06-01');
    expect(result).toEqual({
      ok: false,
      errors: [{ field: 'checkCompletedDate', message: 'must not be in the future' }],
    });
  });
});
