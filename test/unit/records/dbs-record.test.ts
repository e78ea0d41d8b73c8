import { dbsRecord } from '../../../src/records/dbs-record';
import { aDbsCheck } from '../../helpers/record-builders';
import { mapToBody, mapToProblem, problem, unlisted } from './record-test-kit';

const map = (overrides: Record<string, unknown> = {}, completedAt?: string) =>
  mapToBody(dbsRecord, aDbsCheck(overrides, completedAt));
const fail = (overrides: Record<string, unknown> = {}, completedAt?: string) =>
  mapToProblem(dbsRecord, aDbsCheck(overrides, completedAt));
const notBasic = { updateServiceSubscribed: 'No' };

describe('DBS record: Trac dbs → ESR dbs', () => {
  it('when the check is complete and valid, then every listed field is sent in ESR form', () => {
    expect(map()).toEqual({
      issuingBody: 'DBS',
      disclosureLevel: 'ENHANCED_BARRED',
      barredLists: 'CHILDREN_AND_ADULTS',
      workforce: 'CHILD_AND_ADULT',
      certificateNumber: '001234567890',
      issueDate: '2026-05-12',
      updateServiceSubscribed: true,
      updateServiceCheckDate: '2026-06-01',
      updateServiceResult: 'BLANK_NO_NEW_INFO',
      outcome: 'SATISFACTORY',
      checkCompletedDate: '2026-06-02',
      source: { system: 'TRAC', applicantId: 'A-100234', completedAt: '2026-06-02T15:40:00Z' },
    });
  });

  describe('labels', () => {
    it.each([
      ['disclosureBody', 'Disclosure and Barring Service', 'issuingBody', 'DBS'],
      ['disclosureBody', 'Disclosure Scotland', 'issuingBody', 'DISCLOSURE_SCOTLAND'],
      ['disclosureBody', 'AccessNI', 'issuingBody', 'ACCESSNI'],
      ['level', 'Basic', 'disclosureLevel', 'BASIC'],
      ['level', 'Standard', 'disclosureLevel', 'STANDARD'],
      ['level', 'Enhanced', 'disclosureLevel', 'ENHANCED'],
      ['level', 'Enhanced with Barred List(s)', 'disclosureLevel', 'ENHANCED_BARRED'],
      ['barredLists', "Children's", 'barredLists', 'CHILDREN'],
      ['barredLists', "Adults'", 'barredLists', 'ADULTS'],
      ['barredLists', "Children's and Adults'", 'barredLists', 'CHILDREN_AND_ADULTS'],
      ['workforce', 'Child Workforce', 'workforce', 'CHILD'],
      ['workforce', 'Adult Workforce', 'workforce', 'ADULT'],
      ['workforce', 'Child and Adult Workforce', 'workforce', 'CHILD_AND_ADULT'],
      ['workforce', 'Other Workforce', 'workforce', 'OTHER'],
      ['updateServiceSubscribed', 'Yes', 'updateServiceSubscribed', true],
      ['updateServiceSubscribed', 'No', 'updateServiceSubscribed', false],
      ['outcome', 'Satisfactory', 'outcome', 'SATISFACTORY'],
      ['outcome', 'Unsatisfactory', 'outcome', 'UNSATISFACTORY'],
    ])('when Trac %s is "%s", then ESR %s is %s', (tracField, label, esrField, value) => {
      const overrides = tracField === 'level' ? { ...notBasic, level: label } : { [tracField]: label };
      expect(map(overrides)).toHaveProperty(esrField, value);
    });

    it.each([
      ['No match found', 'NO_MATCH_FOUND'],
      ['Blank, no new information', 'BLANK_NO_NEW_INFO'],
      ['Non-blank, no new information', 'NON_BLANK_NO_NEW_INFO'],
      ['New information', 'NEW_INFO'],
    ])('when Trac updateServiceCheck.result is "%s", then ESR updateServiceResult is %s', (label, value) => {
      const body = map({ updateServiceCheck: { date: '2026-06-01', result: label } });
      expect(body.updateServiceResult).toBe(value);
    });

    it.each([
      ['disclosureBody', '  disclosure SCOTLAND ', 'issuingBody', 'DISCLOSURE_SCOTLAND'],
      ['level', '\tENHANCED WITH BARRED LIST(S)\n', 'disclosureLevel', 'ENHANCED_BARRED'],
      ['updateServiceSubscribed', ' yes ', 'updateServiceSubscribed', true],
      ['outcome', 'satisfactory', 'outcome', 'SATISFACTORY'],
    ])(
      'when Trac %s is "%s" (other case, white space around), then ESR %s is %s',
      (tracField, label, field, value) => {
        expect(map({ [tracField]: label })).toHaveProperty(field, value);
      },
    );

    it.each([
      [{ disclosureBody: 'DBS' }, problem('issuingBody', unlisted('DBS'), 'disclosureBody')],
      [
        { disclosureBody: 'Disclosure  Scotland' },
        problem('issuingBody', unlisted('Disclosure  Scotland'), 'disclosureBody'),
      ],
      [{ level: 'Enhanced+' }, problem('disclosureLevel', unlisted('Enhanced+'), 'level')],
      [{ barredLists: 'Both' }, problem('barredLists', unlisted('Both'))],
      [{ workforce: 'Children' }, problem('workforce', unlisted('Children'))],
      [{ updateServiceSubscribed: 'Y' }, problem('updateServiceSubscribed', unlisted('Y'))],
      [
        { updateServiceCheck: { date: '2026-06-01', result: 'Clear' } },
        problem('updateServiceResult', unlisted('Clear'), 'updateServiceCheck.result'),
      ],
      [{ outcome: 'Pass' }, problem('outcome', unlisted('Pass'))],
    ])('when Trac holds the unlisted label %j, then the problem names the field', (overrides, expected) => {
      expect(fail(overrides)).toEqual(expected);
    });
  });

  describe('conditional fields', () => {
    it('when the level is Enhanced with Barred List(s) and Trac has no barred lists, then barredLists is required', () => {
      expect(fail({ barredLists: undefined })).toEqual(
        problem('barredLists', 'is required when disclosureLevel is ENHANCED_BARRED'),
      );
    });

    it.each(['Basic', 'Standard', 'Enhanced'])(
      'when the level is %s and Trac holds barred lists (even an unlisted label), then barredLists is dropped',
      (level) => {
        expect(map({ ...notBasic, level, barredLists: 'Not a label' })).not.toHaveProperty('barredLists');
      },
    );

    it.each(['Standard', 'Enhanced', 'Enhanced with Barred List(s)'])(
      'when the level is %s and Trac has no workforce, then workforce is required',
      (level) => {
        expect(fail({ ...notBasic, level, workforce: undefined })).toEqual(
          problem('workforce', 'is required unless disclosureLevel is BASIC'),
        );
      },
    );

    it('when the level is Basic and Trac has no workforce, then workforce is left out', () => {
      expect(map({ ...notBasic, level: 'Basic', workforce: undefined })).not.toHaveProperty('workforce');
    });

    it('when the level is Basic and Trac holds a workforce, then it is sent', () => {
      expect(map({ ...notBasic, level: 'Basic', workforce: 'Other Workforce' })).toHaveProperty(
        'workforce',
        'OTHER',
      );
    });

    it('when the level is Basic and updateServiceSubscribed is Yes, then it is invalid', () => {
      expect(fail({ level: 'Basic', updateServiceSubscribed: 'Yes' })).toEqual(
        problem('updateServiceSubscribed', 'must be false when disclosureLevel is BASIC'),
      );
    });

    it('when Trac has an update service result but no date, then updateServiceCheckDate is required', () => {
      expect(fail({ updateServiceCheck: { result: 'New information' } })).toEqual(
        problem(
          'updateServiceCheckDate',
          'is required when updateServiceResult is present',
          'updateServiceCheck.date',
        ),
      );
    });

    it('when Trac has an update service date but no result, then the date is dropped', () => {
      const body = map({ updateServiceCheck: { date: '2026-06-01' } });
      expect(body).not.toHaveProperty('updateServiceCheckDate');
      expect(body).not.toHaveProperty('updateServiceResult');
    });

    it.each([[undefined], [null]])(
      'when Trac updateServiceCheck is %p, then neither field is sent',
      (check) => {
        const body = map({ updateServiceCheck: check });
        expect(body).not.toHaveProperty('updateServiceCheckDate');
        expect(body).not.toHaveProperty('updateServiceResult');
      },
    );
  });
});
