import { validateEsrBody } from '../../helpers/esr-body-validation';
import { euStatusRecord } from '../../../src/records/eu-status-record';
import { anEuStatusCheck } from '../../helpers/record-builders';
import { mapToBody, mapToProblem, problem, TODAY, TOMORROW, unlisted } from './record-test-kit';

type Overrides = Record<string, unknown>;
const map = (overrides: Overrides = {}) => mapToBody(euStatusRecord, anEuStatusCheck(overrides));
const fail = (overrides: Overrides = {}) => mapToProblem(euStatusRecord, anEuStatusCheck(overrides));

const PRE_SETTLED = {
  schemeStatus: 'Pre-settled',
  preSettledExpiryDate: '2029-03-01',
  followUpDate: '2029-01-01',
};
const PENDING = { schemeStatus: 'Application pending', shareCode: undefined, ecsReference: 'ECS-PEND-0042' };

describe('EU status record: Trac eu-status → ESR eu-status', () => {
  it('when a settled status is complete, then every listed field is sent in ESR form', () => {
    expect(map()).toEqual({
      settlementStatus: 'SETTLED',
      shareCode: 'WAB12CD34',
      checkDate: '2026-05-06',
      source: { system: 'TRAC', applicantId: 'A-100234', completedAt: '2026-05-06T14:20:00Z' },
    });
  });

  it('when a pre-settled status is complete, then its expiry and follow-up dates are sent', () => {
    expect(map(PRE_SETTLED)).toMatchObject({
      settlementStatus: 'PRE_SETTLED',
      expiryDate: '2029-03-01',
      followUpDate: '2029-01-01',
    });
  });

  describe('labels', () => {
    it.each([
      [{ schemeStatus: 'Settled' }, 'SETTLED'],
      [PRE_SETTLED, 'PRE_SETTLED'],
      [PENDING, 'APPLICATION_PENDING'],
      [{ schemeStatus: ' SETTLED ' }, 'SETTLED'],
      [{ ...PRE_SETTLED, schemeStatus: 'pre-SETTLED' }, 'PRE_SETTLED'],
    ])('when Trac holds %j, then settlementStatus is %s', (overrides, value) => {
      expect(map(overrides).settlementStatus).toBe(value);
    });

    it('when Trac holds an unlisted scheme status, then the problem names the field', () => {
      expect(fail({ schemeStatus: 'Presettled' })).toEqual(
        problem('settlementStatus', unlisted('Presettled'), 'schemeStatus'),
      );
    });
  });

  describe('share code and ECS reference', () => {
    it.each([
      [' wab1 2cd34', 'WAB12CD34'],
      ['W AB12 CD34\t', 'WAB12CD34'],
    ])(
      'when the share code is %j, then white space is removed and it is upper-cased',
      (shareCode, expected) => {
        expect(map({ shareCode }).shareCode).toBe(expected);
      },
    );

    it.each(['AB12CD34', 'WAB12CD3', 'WAB12CD34X'])(
      'when the share code is %s, then it is invalid',
      (shareCode) => {
        expect(fail({ shareCode })).toEqual(
          problem('shareCode', 'must be W followed by 8 capital letters or digits'),
        );
      },
    );

    it.each([[{ schemeStatus: 'Settled' }], [PRE_SETTLED]])(
      'when the status is %j and Trac has no share code, then shareCode is required',
      (overrides) => {
        expect(fail({ ...overrides, shareCode: undefined })).toEqual(
          problem('shareCode', 'is required unless settlementStatus is APPLICATION_PENDING'),
        );
      },
    );

    it('when an application is pending without a share code, then shareCode is left out', () => {
      expect(map(PENDING)).toEqual({
        settlementStatus: 'APPLICATION_PENDING',
        ecsReference: 'ECS-PEND-0042',
        checkDate: '2026-05-06',
        source: { system: 'TRAC', applicantId: 'A-100234', completedAt: '2026-05-06T14:20:00Z' },
      });
    });

    it('when an application is pending with a share code, then it is sent', () => {
      expect(map({ ...PENDING, shareCode: 'WXY98ZZ76' }).shareCode).toBe('WXY98ZZ76');
    });

    it('when an application is pending without an ECS reference, then ecsReference is required', () => {
      expect(fail({ ...PENDING, ecsReference: undefined })).toEqual(
        problem('ecsReference', 'is required when settlementStatus is APPLICATION_PENDING'),
      );
    });

    it.each([[{ schemeStatus: 'Settled' }], [PRE_SETTLED]])(
      'when the status is %j and Trac holds an ECS reference, then it is dropped',
      (overrides) => {
        expect(map({ ...overrides, ecsReference: 'ECS-OLD-1' })).not.toHaveProperty('ecsReference');
      },
    );

    it.each([
      ['', 'must be 1 to 50 characters'],
      ['x'.repeat(51), 'must be 1 to 50 characters'],
    ])('when the ECS reference is %j, then it is invalid', (ecsReference, message) => {
      expect(fail({ ...PENDING, ecsReference })).toEqual(problem('ecsReference', message));
    });
  });

  describe('dates', () => {
    it('when the status is settled and Trac holds pre-settled dates, then both are dropped', () => {
      const body = map({ preSettledExpiryDate: '2029-03-01', followUpDate: '2029-01-01' });
      expect(body).not.toHaveProperty('expiryDate');
      expect(body).not.toHaveProperty('followUpDate');
    });

    it.each([
      [
        { preSettledExpiryDate: undefined },
        problem('expiryDate', 'is required when settlementStatus is PRE_SETTLED', 'preSettledExpiryDate'),
      ],
      [
        { followUpDate: undefined },
        problem('followUpDate', 'is required when settlementStatus is PRE_SETTLED'),
      ],
      [
        { preSettledExpiryDate: '2026-05-06' },
        problem('expiryDate', 'must be after checkDate', 'preSettledExpiryDate'),
      ],
      [{ followUpDate: '2029-03-02' }, problem('followUpDate', 'must be on or before expiryDate')],
    ])('when a pre-settled status holds %j, then the problem is %j', (overrides, expected) => {
      expect(fail({ ...PRE_SETTLED, ...overrides })).toEqual(expected);
    });

    it.each([
      [{ preSettledExpiryDate: '2026-05-07', followUpDate: '2026-05-07' }, '2026-05-07', '2026-05-07'],
      [{ preSettledExpiryDate: '2029-02-28T23:30:00Z' }, '2029-02-28', '2029-01-01'],
      [{ preSettledExpiryDate: '2029-03-31T23:30:00Z' }, '2029-04-01', '2029-01-01'],
    ])(
      'when a pre-settled status holds %j, then expiryDate is %s and followUpDate %s',
      (overrides, expiryDate, followUpDate) => {
        expect(map({ ...PRE_SETTLED, ...overrides })).toMatchObject({ expiryDate, followUpDate });
      },
    );

    it.each([
      [TODAY, TODAY],
      ['2026-05-06T22:59:59Z', '2026-05-06'],
      ['2026-05-06T23:00:00Z', '2026-05-07'],
      ['2026-01-06T23:59:59Z', '2026-01-06'],
    ])('when the check date is %s, then the London date %s is sent', (checkDate, expected) => {
      expect(map({ checkDate }).checkDate).toBe(expected);
    });

    it('when the check date is tomorrow, then it must not be in the future', () => {
      expect(fail({ checkDate: TOMORROW })).toEqual(problem('checkDate', 'must not be in the future'));
    });
  });

  it('when Trac holds nationality, passport and application numbers, then none of their values reach the body', () => {
    const json = JSON.stringify(
      map({
        nationality: 'NATIONALITY-QQ',
        passportNumber: 'PASS-55501',
        uniqueApplicationNumber: 'UAN-4000-77',
      }),
    );
    for (const value of ['NATIONALITY-QQ', 'PASS-55501', 'UAN-4000-77', 'nationality', 'passportNumber']) {
      expect(json).not.toContain(value);
    }
  });

  it('when an ESR body for a settled status holds an expiry date, then ESR rejects it', () => {
    expect(validateEsrBody('eu-status', { ...map(), expiryDate: '2029-03-01' }, TODAY)).toEqual({
      ok: false,
      errors: [{ field: 'expiryDate', message: 'must be absent unless settlementStatus is PRE_SETTLED' }],
    });
  });
});
