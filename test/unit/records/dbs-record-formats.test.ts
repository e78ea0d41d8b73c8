import { dbsRecord } from '../../../src/records/dbs-record';
import { aDbsCheck } from '../../helpers/record-builders';
import { mapToBody, mapToProblem, problem, TODAY, TOMORROW } from './record-test-kit';

const map = (overrides: Record<string, unknown> = {}, completedAt?: string) =>
  mapToBody(dbsRecord, aDbsCheck(overrides, completedAt));
const fail = (overrides: Record<string, unknown> = {}, completedAt?: string) =>
  mapToProblem(dbsRecord, aDbsCheck(overrides, completedAt));

describe('DBS record: formats, dates and bad Trac data', () => {
  describe('formats and dates', () => {
    it.each([
      ['0012 3456 7890', '001234567890'],
      [' 001234567890\n', '001234567890'],
      ['00\t1234 567 890', '001234567890'],
    ])('when the certificate number is %j, then white space is removed', (certificateNumber, expected) => {
      expect(map({ certificateNumber }).certificateNumber).toBe(expected);
    });

    it.each(['00123456789', '0012345678901', '00123456789A', ''])(
      'when the certificate number is %j, then it must be 12 digits',
      (certificateNumber) => {
        expect(fail({ certificateNumber })).toEqual(problem('certificateNumber', 'must be 12 digits'));
      },
    );

    it('when the issue date is today in London, then it is accepted', () => {
      expect(map({ issueDate: TODAY, updateServiceCheck: undefined }).issueDate).toBe(TODAY);
    });

    it('when the issue date is tomorrow, then it must not be in the future', () => {
      expect(fail({ issueDate: TOMORROW, updateServiceCheck: undefined })).toEqual(
        problem('issueDate', 'must not be in the future'),
      );
    });

    it.each(['2026-05-12', '2026-06-01', TODAY])(
      'when the update service check date is %s (issued 2026-05-12, today 2026-06-14), then it is sent',
      (date) => {
        const body = map({ updateServiceCheck: { date, result: 'New information' } });
        expect(body.updateServiceCheckDate).toBe(date);
      },
    );

    it.each([
      ['2026-05-11', 'must be on or after issueDate'],
      [TOMORROW, 'must not be in the future'],
    ])(
      'when the update service check date is %s (issued 2026-05-12), then it is invalid: %s',
      (date, message) => {
        expect(fail({ updateServiceCheck: { date, result: 'New information' } })).toEqual(
          problem('updateServiceCheckDate', message, 'updateServiceCheck.date'),
        );
      },
    );

    it.each([
      ['2026-06-01T23:30:00Z', 'a BST evening', '2026-06-02'],
      ['2026-01-15T23:30:00Z', 'a GMT evening', '2026-01-15'],
      ['2026-06-02T00:30:00+01:00', 'an offset given', '2026-06-02'],
    ])(
      'when completedAt is %s (%s), then checkCompletedDate is its London date %s',
      (completedAt, _when, expected) => {
        const body = map({}, completedAt);
        expect(body.checkCompletedDate).toBe(expected);
        expect(body.source.completedAt).toBe(completedAt);
      },
    );

    it('when completedAt is late on today in UTC but tomorrow in London, then checkCompletedDate is in the future', () => {
      expect(fail({}, '2026-06-14T23:30:00Z')).toEqual(
        problem('checkCompletedDate', 'must not be in the future', 'completedAt'),
      );
    });

    it('when Trac holds a date-time in a date field, then its London calendar date is sent', () => {
      expect(map({ issueDate: '2026-05-11T23:30:00Z' }).issueDate).toBe('2026-05-12');
    });

    it.each([
      ['12/05/2026', 'must be a date (YYYY-MM-DD)'],
      ['2026-02-30', 'must be a real calendar date'],
    ])('when the issue date is %s, then it is invalid: %s', (issueDate, message) => {
      expect(fail({ issueDate })).toEqual(problem('issueDate', message));
    });
  });

  describe('bad Trac data', () => {
    it.each([
      [{ certificateNumber: 1234567890 }, problem('certificateNumber', 'must be text')],
      [{ level: true }, problem('disclosureLevel', 'must be text', 'level')],
      [{ updateServiceCheck: 'yes' }, problem('updateServiceCheck', 'must be an object')],
      [
        { updateServiceCheck: { date: 20260601 } },
        problem('updateServiceCheckDate', 'must be text', 'updateServiceCheck.date'),
      ],
      [{ outcome: undefined }, problem('outcome', 'is required')],
      [{ disclosureBody: null }, problem('issuingBody', 'is required', 'disclosureBody')],
    ])('when Trac data holds %j, then the problem is %j', (overrides, expected) => {
      expect(fail(overrides)).toEqual(expected);
    });

    it.each([
      [null, 'must be an object'],
      [undefined, 'is required'],
      ['dbs', 'must be an object'],
    ])('when Trac data is %p, then the problem names data', (data, message) => {
      const check = { ...aDbsCheck(), data };
      expect(mapToProblem(dbsRecord, check)).toEqual(problem('data', message));
    });
  });

  it('when Trac data holds never-sent and unknown fields, then none of their values reach the body', () => {
    const body = map({
      disclosureContent: 'CONTENT-7731 caution 2009',
      checkedBy: 'CHECKER-5512',
      niNumber: 'QQ123456C',
      extraField: 'EXTRA-9090',
    });
    const json = JSON.stringify(body);
    for (const value of [
      'CONTENT-7731',
      'CHECKER-5512',
      'QQ123456C',
      'EXTRA-9090',
      'disclosureContent',
      'checkedBy',
    ]) {
      expect(json).not.toContain(value);
    }
  });
});
