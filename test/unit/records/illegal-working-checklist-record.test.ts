import { validateEsrBody } from '../../helpers/esr-body-validation';
import { illegalWorkingChecklistRecord } from '../../../src/records/illegal-working-checklist-record';
import { anIllegalWorkingCheck } from '../../helpers/record-builders';
import { mapToBody, mapToProblem, problem, TODAY, TOMORROW, unlisted } from './record-test-kit';

type Overrides = Record<string, unknown>;
const map = (overrides: Overrides = {}) =>
  mapToBody(illegalWorkingChecklistRecord, anIllegalWorkingCheck(overrides));
const fail = (overrides: Overrides = {}) =>
  mapToProblem(illegalWorkingChecklistRecord, anIllegalWorkingCheck(overrides));

/** Trac data for each check method, with the one field that method needs. */
const MANUAL = { checkMethod: 'Manual document check', documentList: 'List A' };
const ONLINE = { checkMethod: 'Home Office online check', shareCode: 'WAB12CD34' };
const IDSP = { checkMethod: 'IDSP digital check', idspProvider: 'Yoti' };
const ECS = { checkMethod: 'Employer Checking Service', ecsReference: 'ECS-2026-000123' };
/** Every method's field at once: the mapping keeps only the one the method needs. */
const ALL_METHOD_FIELDS = { ...MANUAL, ...ONLINE, ...IDSP, ...ECS };
const TIME_LIMITED = {
  permission: 'Time-limited',
  permissionExpiryDate: '2028-01-31',
  followUpDate: '2027-12-31',
};

describe('Illegal working checklist record: Trac illegal-working → ESR illegal-working-checklist', () => {
  it('when a time-limited online check is complete, then every listed field is sent in ESR form', () => {
    expect(
      map({ ...ONLINE, ...TIME_LIMITED, restrictions: '20 hours a week in term time', sponsored: 'Yes' }),
    ).toEqual({
      checkMethod: 'HOME_OFFICE_ONLINE',
      shareCode: 'WAB12CD34',
      checkDate: '2026-05-04',
      checkedBy: 'Priya Patel',
      permissionType: 'TIME_LIMITED',
      permissionExpiryDate: '2028-01-31',
      followUpDate: '2027-12-31',
      workRestrictions: '20 hours a week in term time',
      sponsored: true,
      source: { system: 'TRAC', applicantId: 'A-100234', completedAt: '2026-05-04T10:30:00Z' },
    });
  });

  describe('labels', () => {
    it.each([
      [MANUAL, 'checkMethod', 'MANUAL'],
      [ONLINE, 'checkMethod', 'HOME_OFFICE_ONLINE'],
      [IDSP, 'checkMethod', 'IDSP'],
      [ECS, 'checkMethod', 'EMPLOYER_CHECKING_SERVICE'],
      [
        { checkMethod: ' home office ONLINE check ', shareCode: 'WAB12CD34' },
        'checkMethod',
        'HOME_OFFICE_ONLINE',
      ],
      [{ documentList: 'List A' }, 'documentList', 'LIST_A'],
      [{ documentList: 'List B Group 1', ...TIME_LIMITED }, 'documentList', 'LIST_B_GROUP_1'],
      [{ documentList: 'List B Group 2', ...TIME_LIMITED }, 'documentList', 'LIST_B_GROUP_2'],
      [{ documentList: 'list b group 2 ', ...TIME_LIMITED }, 'documentList', 'LIST_B_GROUP_2'],
      [{ permission: 'Unlimited' }, 'permissionType', 'UNLIMITED'],
      [{ documentList: 'List B Group 1', ...TIME_LIMITED }, 'permissionType', 'TIME_LIMITED'],
      [{ sponsored: 'Yes' }, 'sponsored', true],
      [{ sponsored: 'No' }, 'sponsored', false],
    ])('when Trac holds %j, then ESR %s is %s', (overrides, field, value) => {
      expect(map(overrides)).toHaveProperty(field, value);
    });

    it.each([
      [{ checkMethod: 'Online' }, problem('checkMethod', unlisted('Online'))],
      [{ documentList: 'List C' }, problem('documentList', unlisted('List C'))],
      [{ permission: 'Indefinite' }, problem('permissionType', unlisted('Indefinite'), 'permission')],
      [{ sponsored: 'Unknown' }, problem('sponsored', unlisted('Unknown'))],
    ])('when Trac holds the unlisted label %j, then the problem names the field', (overrides, expected) => {
      expect(fail(overrides)).toEqual(expected);
    });
  });

  describe('the field each check method needs', () => {
    it.each([
      [MANUAL, 'documentList', 'LIST_A'],
      [ONLINE, 'shareCode', 'WAB12CD34'],
      [IDSP, 'idspProvider', 'Yoti'],
      [ECS, 'ecsReference', 'ECS-2026-000123'],
    ])(
      'when the method is %j and Trac holds every method field, then only %s is sent',
      (method, field, value) => {
        const body = map({ ...ALL_METHOD_FIELDS, ...method });
        const methodFields = ['documentList', 'shareCode', 'idspProvider', 'ecsReference'];
        expect(methodFields.filter((name) => name in body)).toEqual([field]);
        expect(body).toHaveProperty(field, value);
      },
    );

    it.each([
      [MANUAL, 'documentList', 'MANUAL'],
      [ONLINE, 'shareCode', 'HOME_OFFICE_ONLINE'],
      [IDSP, 'idspProvider', 'IDSP'],
      [ECS, 'ecsReference', 'EMPLOYER_CHECKING_SERVICE'],
    ])('when the method is %j and Trac lacks %s, then it is required', (method, field, esrMethod) => {
      expect(fail({ ...method, [field]: undefined })).toEqual(
        problem(field, `is required when checkMethod is ${esrMethod}`),
      );
    });

    it.each([
      [' wab1 2cd34 ', 'WAB12CD34'],
      ['wab12cd34', 'WAB12CD34'],
      ['W AB12 CD34', 'WAB12CD34'],
    ])(
      'when the share code is %j, then white space is removed and it is upper-cased',
      (shareCode, expected) => {
        expect(map({ ...ONLINE, shareCode }).shareCode).toBe(expected);
      },
    );

    it.each(['WAB12CD3', 'WAB12CD345', 'XAB12CD34', 'WAB12-D34'])(
      'when the share code is %s, then it is invalid',
      (shareCode) => {
        expect(fail({ ...ONLINE, shareCode })).toEqual(
          problem('shareCode', 'must be W followed by 8 capital letters or digits'),
        );
      },
    );

    it.each([
      ['idspProvider', IDSP, '', 'must be 1 to 150 characters'],
      ['idspProvider', IDSP, 'x'.repeat(151), 'must be 1 to 150 characters'],
      ['ecsReference', ECS, '', 'must be 1 to 50 characters'],
      ['ecsReference', ECS, 'x'.repeat(51), 'must be 1 to 50 characters'],
    ])('when %s is %j, then it is invalid', (field, method, value, message) => {
      expect(fail({ ...method, [field]: value })).toEqual(problem(field, message));
    });

    it.each([
      ['idspProvider', IDSP, 'x'.repeat(150)],
      ['ecsReference', ECS, 'x'.repeat(50)],
    ])('when %s is at its longest, then it is sent', (field, method, value) => {
      expect(map({ ...method, [field]: value })).toHaveProperty(field, value);
    });
  });

  describe('permission', () => {
    it('when the document list is List A and permission is time-limited, then it is invalid', () => {
      expect(fail({ ...MANUAL, ...TIME_LIMITED })).toEqual(
        problem('permissionType', 'must be UNLIMITED when documentList is LIST_A', 'permission'),
      );
    });

    it('when permission is unlimited and Trac holds expiry and follow-up dates, then both are dropped', () => {
      const body = map({
        permission: 'Unlimited',
        permissionExpiryDate: '2028-01-31',
        followUpDate: '2027-12-31',
      });
      expect(body).not.toHaveProperty('permissionExpiryDate');
      expect(body).not.toHaveProperty('followUpDate');
    });

    it.each([
      [
        { permissionExpiryDate: undefined },
        'permissionExpiryDate',
        'is required when permissionType is TIME_LIMITED',
      ],
      [{ followUpDate: undefined }, 'followUpDate', 'is required when permissionType is TIME_LIMITED'],
      [{ permissionExpiryDate: '2026-05-04' }, 'permissionExpiryDate', 'must be after checkDate'],
      [{ followUpDate: '2028-02-01' }, 'followUpDate', 'must be on or before permissionExpiryDate'],
    ])('when a time-limited check holds %j, then %s is invalid: %s', (overrides, field, message) => {
      expect(fail({ ...ONLINE, ...TIME_LIMITED, ...overrides })).toEqual(problem(field, message));
    });

    it.each([
      [{ permissionExpiryDate: '2026-05-05', followUpDate: '2026-05-05' }],
      [{ permissionExpiryDate: '2028-01-31', followUpDate: '2028-01-31' }],
    ])('when a time-limited check holds %j (boundaries), then it is sent', (overrides) => {
      expect(map({ ...ONLINE, ...TIME_LIMITED, ...overrides })).toMatchObject(overrides);
    });
  });

  describe('other fields', () => {
    it.each([
      [{ checkDate: TODAY }, 'checkDate', TODAY],
      [{ checkDate: '2026-05-03T23:30:00Z' }, 'checkDate', '2026-05-04'],
      [{ checkedBy: '  Priya Patel\n' }, 'checkedBy', 'Priya Patel'],
      [{ restrictions: 'x'.repeat(500) }, 'workRestrictions', 'x'.repeat(500)],
    ])('when Trac holds %j, then ESR %s is %s', (overrides, field, value) => {
      expect(map(overrides)).toHaveProperty(field, value);
    });

    it.each([
      [{ checkDate: TOMORROW }, problem('checkDate', 'must not be in the future')],
      [{ checkedBy: '   ' }, problem('checkedBy', 'must be 1 to 150 characters')],
      [{ checkedBy: 'x'.repeat(151) }, problem('checkedBy', 'must be 1 to 150 characters')],
      [
        { restrictions: 'x'.repeat(501) },
        problem('workRestrictions', 'must be at most 500 characters', 'restrictions'),
      ],
      [{ checkMethod: undefined }, problem('checkMethod', 'is required')],
    ])('when Trac holds %j, then the problem is %j', (overrides, expected) => {
      expect(fail(overrides)).toEqual(expected);
    });

    it('when Trac has no restrictions or sponsorship answer, then neither is sent', () => {
      const body = map({ restrictions: undefined, sponsored: null });
      expect(body).not.toHaveProperty('workRestrictions');
      expect(body).not.toHaveProperty('sponsored');
    });
  });

  it('when Trac holds identity document details, then none of their values reach the body', () => {
    const body = map({
      documentTypes: ['PASSPORT-TYPE-1'],
      documentNumber: 'DOCNUM-925076473',
      documentExpiry: '2031-02-11',
      nationality: 'NATIONALITY-ZZ',
      copiesTaken: 'COPIES-YES',
    });
    const json = JSON.stringify(body);
    for (const value of [
      'PASSPORT-TYPE-1',
      'DOCNUM-925076473',
      '2031-02-11',
      'NATIONALITY-ZZ',
      'COPIES-YES',
    ]) {
      expect(json).not.toContain(value);
    }
  });

  it('when an ESR body holds a share code for a manual check, then ESR rejects it', () => {
    expect(validateEsrBody('illegal-working-checklist', { ...map(), shareCode: 'WAB12CD34' }, TODAY)).toEqual(
      {
        ok: false,
        errors: [{ field: 'shareCode', message: 'must be absent unless checkMethod is HOME_OFFICE_ONLINE' }],
      },
    );
  });
});
