import { validateEsrBody } from '../../helpers/esr-body-validation';
import { referencesRecord } from '../../../src/records/references-record';
import { aReferencesCheck, aTracReference } from '../../helpers/record-builders';
import { mapToBody, mapToProblem, problem, TODAY, TOMORROW, unlisted } from './record-test-kit';

type Overrides = Record<string, unknown>;
/** Maps one reference (Trac overrides), or several when given a list. */
const withReferences = (...references: Overrides[]) => aReferencesCheck({ references });
const mapOne = (overrides: Overrides = {}) => {
  const [reference] = mapToBody(referencesRecord, withReferences(aTracReference(overrides))).references;
  return reference;
};
const failOne = (overrides: Overrides = {}) =>
  mapToProblem(referencesRecord, withReferences(aTracReference(), aTracReference(overrides)));

describe('References record: Trac references → ESR references', () => {
  it('when the check is complete and valid, then every reference is sent in ESR form, in order', () => {
    expect(mapToBody(referencesRecord, aReferencesCheck())).toEqual({
      references: [
        {
          referenceType: 'EMPLOYMENT',
          refereeName: 'Dr Siobhan Kelly',
          refereeOrganisation: 'Leeds Teaching Hospitals NHS Trust',
          refereeJobTitle: 'Consultant Physician',
          periodFrom: '2024-08-07',
          periodTo: '2026-08-04',
          requestedDate: '2026-05-05',
          receivedDate: '2026-05-11',
          outcome: 'SATISFACTORY',
        },
        {
          referenceType: 'TRAINING',
          refereeName: 'Prof. Alan Reid',
          refereeOrganisation: 'NHS England - North East and Yorkshire',
          refereeJobTitle: 'Training Programme Director',
          periodFrom: '2022-08-03',
          periodTo: '2024-08-06',
          requestedDate: '2026-05-05',
          receivedDate: '2026-05-19',
          outcome: 'SATISFACTORY',
        },
      ],
      source: { system: 'TRAC', applicantId: 'A-100234', completedAt: '2026-05-20T11:00:00Z' },
    });
  });

  describe('labels', () => {
    it.each([
      [{ type: 'Employment' }, 'referenceType', 'EMPLOYMENT'],
      [{ type: 'Training' }, 'referenceType', 'TRAINING'],
      [{ type: 'Character' }, 'referenceType', 'CHARACTER'],
      [{ outcome: 'Success' }, 'outcome', 'SATISFACTORY'],
      [{ outcome: 'Reference refused' }, 'outcome', 'REFUSED'],
      [{ outcome: 'Reference Indeterminate' }, 'outcome', 'INDETERMINATE'],
      [{ outcome: 'Fail' }, 'outcome', 'UNSATISFACTORY'],
      [{ type: ' character ' }, 'referenceType', 'CHARACTER'],
      [{ outcome: 'REFERENCE INDETERMINATE\t' }, 'outcome', 'INDETERMINATE'],
    ])('when a Trac reference holds %j, then ESR %s is %s', (overrides, field, value) => {
      expect(mapOne(overrides)).toHaveProperty(field, value);
    });

    it.each([
      [
        { type: 'Clinical' },
        problem('references[1].referenceType', unlisted('Clinical'), 'references[1].type'),
      ],
      [{ outcome: 'Satisfactory' }, problem('references[1].outcome', unlisted('Satisfactory'))],
    ])(
      'when the second reference holds the unlisted label %j, then the problem names it',
      (overrides, expected) => {
        expect(failOne(overrides)).toEqual(expected);
      },
    );
  });

  describe('how many', () => {
    it.each([1, 10])('when Trac holds %i references, then all are sent', (count) => {
      const references = Array.from({ length: count }, () => aTracReference());
      expect(mapToBody(referencesRecord, withReferences(...references)).references).toHaveLength(count);
    });

    it.each([0, 11])('when Trac holds %i references, then it is invalid', (count) => {
      const references = Array.from({ length: count }, () => aTracReference());
      expect(mapToProblem(referencesRecord, withReferences(...references))).toEqual(
        problem('references', 'must hold 1 to 10 references'),
      );
    });

    it.each([
      [{ references: undefined }, 'is required'],
      [{ references: 'none' }, 'must be a list'],
    ])('when Trac data is %j, then references is invalid: %s', (overrides, message) => {
      expect(mapToProblem(referencesRecord, aReferencesCheck(overrides))).toEqual(
        problem('references', message),
      );
    });

    it('when a reference is not an object, then the problem names it', () => {
      expect(mapToProblem(referencesRecord, withReferences(aTracReference(), 'Dr Kelly' as never))).toEqual(
        problem('references[1]', 'must be an object'),
      );
    });
  });

  describe('text', () => {
    it.each([
      ['refereeName', '  Dr Siobhan Kelly \n', 'Dr Siobhan Kelly'],
      ['refereeOrganisation', '\tLeeds Teaching Hospitals NHS Trust ', 'Leeds Teaching Hospitals NHS Trust'],
      ['refereeJobTitle', ' Consultant ', 'Consultant'],
      ['refereeName', 'x'.repeat(150), 'x'.repeat(150)],
      ['refereeOrganisation', 'x'.repeat(240), 'x'.repeat(240)],
      ['refereeJobTitle', 'x'.repeat(240), 'x'.repeat(240)],
    ])('when Trac %s is %j, then it is sent trimmed', (field, value, expected) => {
      expect(mapOne({ [field]: value })).toHaveProperty(field, expected);
    });

    it.each([
      ['refereeName', '   ', 'must be 1 to 150 characters'],
      ['refereeName', 'x'.repeat(151), 'must be 1 to 150 characters'],
      ['refereeOrganisation', '', 'must be 1 to 240 characters'],
      ['refereeOrganisation', 'x'.repeat(241), 'must be 1 to 240 characters'],
      ['refereeJobTitle', 'x'.repeat(241), 'must be at most 240 characters'],
      ['refereeName', undefined, 'is required'],
    ])('when Trac %s is %j, then it is invalid: %s', (field, value, message) => {
      expect(failOne({ [field]: value })).toEqual(problem(`references[1].${field}`, message));
    });

    it('when Trac has no job title, then refereeJobTitle is left out', () => {
      expect(mapOne({ refereeJobTitle: null })).not.toHaveProperty('refereeJobTitle');
    });
  });

  describe('dates', () => {
    it.each([
      [{ employedTo: '2024-08-07' }, 'periodTo', '2024-08-07'],
      [{ receivedOn: '2026-05-05' }, 'receivedDate', '2026-05-05'],
      [{ requestedOn: TODAY, receivedOn: TODAY }, 'requestedDate', TODAY],
      [{ employedFrom: '2024-08-06T23:30:00Z' }, 'periodFrom', '2024-08-07'],
      [{ employedFrom: '2024-01-06T23:30:00Z' }, 'periodFrom', '2024-01-06'],
    ])('when a Trac reference holds %j, then ESR %s is %s', (overrides, field, value) => {
      expect(mapOne(overrides)).toHaveProperty(field, value);
    });

    it('when Trac has no end of employment, then periodTo is left out (current)', () => {
      expect(mapOne({ employedTo: undefined })).not.toHaveProperty('periodTo');
    });

    it.each([
      [{ employedTo: '2024-08-06' }, 'periodTo', 'must be on or after periodFrom', 'employedTo'],
      [{ requestedOn: TOMORROW }, 'requestedDate', 'must not be in the future', 'requestedOn'],
      [{ receivedOn: '2026-05-04' }, 'receivedDate', 'must be on or after requestedDate', 'receivedOn'],
      [{ receivedOn: TOMORROW }, 'receivedDate', 'must not be in the future', 'receivedOn'],
      [{ receivedOn: undefined }, 'receivedDate', 'is required unless outcome is REFUSED', 'receivedOn'],
      [{ employedFrom: '2024-13-01' }, 'periodFrom', 'must be a real calendar date', 'employedFrom'],
    ])(
      'when the second reference holds %j, then ESR %s is invalid: %s',
      (overrides, field, message, tracField) => {
        expect(failOne(overrides)).toEqual(
          problem(`references[1].${field}`, message, `references[1].${tracField}`),
        );
      },
    );

    it('when a refused reference has no received date, then receivedDate is left out', () => {
      expect(mapOne({ outcome: 'Reference refused', receivedOn: undefined })).not.toHaveProperty(
        'receivedDate',
      );
    });

    it('when a refused reference has a received date, then it is sent', () => {
      expect(mapOne({ outcome: 'Reference refused', receivedOn: '2026-05-10' })).toHaveProperty(
        'receivedDate',
        '2026-05-10',
      );
    });
  });

  it('when Trac references hold contact details and comments, then none of their values reach the body', () => {
    const reference = aTracReference({
      refereeEmail: 'EMAIL-4411@example.org',
      refereePhone: 'PHONE-0113',
      comments: 'COMMENT-8080 concerns',
      extraField: 'EXTRA-9090',
    });
    const json = JSON.stringify(mapToBody(referencesRecord, withReferences(reference)));
    for (const value of [
      'EMAIL-4411',
      'PHONE-0113',
      'COMMENT-8080',
      'EXTRA-9090',
      'refereeEmail',
      'comments',
    ]) {
      expect(json).not.toContain(value);
    }
  });

  it('when an ESR reference holds an unknown field, then ESR rejects it', () => {
    const body = mapToBody(referencesRecord, aReferencesCheck());
    const references = [body.references[0], { ...body.references[1], refereeEmail: 'a@b.org' }];
    expect(validateEsrBody('references', { ...body, references }, TODAY)).toEqual({
      ok: false,
      errors: [{ field: 'references[1].refereeEmail', message: 'is not allowed' }],
    });
  });
});
