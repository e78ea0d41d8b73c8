import { validateEsrBody } from '../../helpers/esr-body-validation';
import { professionalRegistrationRecord } from '../../../src/records/professional-registration-record';
import { aProfessionalRegistrationCheck } from '../../helpers/record-builders';
import { mapToBody, mapToProblem, problem, TODAY, TOMORROW, unlisted } from './record-test-kit';

type Overrides = Record<string, unknown>;
const map = (overrides: Overrides = {}) =>
  mapToBody(professionalRegistrationRecord, aProfessionalRegistrationCheck(overrides));
const fail = (overrides: Overrides = {}) =>
  mapToProblem(professionalRegistrationRecord, aProfessionalRegistrationCheck(overrides));
const GDC: Overrides = {
  body: 'General Dental Council',
  registrationNumber: '123456',
  licenceToPractise: undefined,
};

describe('Professional registration record: Trac professional-registration → ESR professional-registration', () => {
  it('when the check is complete and valid, then every listed field is sent in ESR form', () => {
    expect(map({ registrationExpiry: '2027-08-06' })).toEqual({
      registrationBody: 'GMC',
      registrationNumber: '7123456',
      registrationType: 'FULL',
      licenceToPractise: true,
      registrationStatus: 'REGISTERED',
      specialistRegister: false,
      gpRegister: false,
      registeredFrom: '2019-08-07',
      expiryDate: '2027-08-06',
      revalidationDate: '2029-08-07',
      registerCheckedDate: '2026-06-03',
      source: { system: 'TRAC', applicantId: 'A-100234', completedAt: '2026-06-03T09:15:00Z' },
    });
  });

  describe('labels', () => {
    it.each([
      [{ body: 'General Medical Council' }, 'registrationBody', 'GMC'],
      [GDC, 'registrationBody', 'GDC'],
      [{ registrationType: 'Full' }, 'registrationType', 'FULL'],
      [{ registrationType: 'Provisional' }, 'registrationType', 'PROVISIONAL'],
      [{ licenceToPractise: 'Yes' }, 'licenceToPractise', true],
      [{ licenceToPractise: 'No' }, 'licenceToPractise', false],
      [{ registrationStatus: 'Registered' }, 'registrationStatus', 'REGISTERED'],
      [
        { registrationStatus: 'Registered with conditions' },
        'registrationStatus',
        'REGISTERED_WITH_CONDITIONS',
      ],
      [{ registrationStatus: 'Suspended' }, 'registrationStatus', 'SUSPENDED'],
      [{ registrationStatus: 'Not registered' }, 'registrationStatus', 'NOT_REGISTERED'],
      [{ specialistRegister: 'Yes' }, 'specialistRegister', true],
      [{ specialistRegister: 'No' }, 'specialistRegister', false],
      [{ gpRegister: 'Yes' }, 'gpRegister', true],
      [{ gpRegister: 'No' }, 'gpRegister', false],
      [{ body: ' general medical COUNCIL  ' }, 'registrationBody', 'GMC'],
      [
        { registrationStatus: 'REGISTERED WITH CONDITIONS' },
        'registrationStatus',
        'REGISTERED_WITH_CONDITIONS',
      ],
    ])('when Trac holds %j, then ESR %s is %s', (overrides, field, value) => {
      expect(map(overrides)).toHaveProperty(field, value);
    });

    it.each([
      [{ body: 'GMC' }, problem('registrationBody', unlisted('GMC'), 'body')],
      [{ registrationType: 'Temporary' }, problem('registrationType', unlisted('Temporary'))],
      [{ licenceToPractise: 'Maybe' }, problem('licenceToPractise', unlisted('Maybe'))],
      [{ registrationStatus: 'Erased' }, problem('registrationStatus', unlisted('Erased'))],
      [{ specialistRegister: 'True' }, problem('specialistRegister', unlisted('True'))],
      [{ gpRegister: 'N' }, problem('gpRegister', unlisted('N'))],
    ])('when Trac holds the unlisted label %j, then the problem names the field', (overrides, expected) => {
      expect(fail(overrides)).toEqual(expected);
    });
  });

  describe('registration numbers', () => {
    it.each([
      [{ registrationNumber: ' 712 3456 ' }, '7123456'],
      [{ ...GDC, registrationNumber: '12 34' }, '1234'],
      [{ ...GDC, registrationNumber: '123' }, '123'],
      [{ ...GDC, registrationNumber: '123456' }, '123456'],
    ])('when Trac holds %j, then registrationNumber is %s (white space removed)', (overrides, expected) => {
      expect(map(overrides).registrationNumber).toBe(expected);
    });

    it.each([
      [{ registrationNumber: '712345' }, 'must be 7 digits for GMC'],
      [{ registrationNumber: '71234567' }, 'must be 7 digits for GMC'],
      [{ registrationNumber: 'A712345' }, 'must be 7 digits for GMC'],
      [{ ...GDC, registrationNumber: '12' }, 'must be 3 to 6 digits for GDC'],
      [{ ...GDC, registrationNumber: '1234567' }, 'must be 3 to 6 digits for GDC'],
    ])('when Trac holds %j, then the number is invalid: %s', (overrides, message) => {
      expect(fail(overrides)).toEqual(problem('registrationNumber', message));
    });
  });

  describe('GMC-only fields', () => {
    it('when the body is GMC and the registration is provisional, then it is sent', () => {
      expect(map({ registrationType: 'Provisional' }).registrationType).toBe('PROVISIONAL');
    });

    it('when the body is GDC and the registration is provisional, then it is invalid', () => {
      expect(fail({ ...GDC, registrationType: 'Provisional' })).toEqual(
        problem('registrationType', 'may be PROVISIONAL only when registrationBody is GMC'),
      );
    });

    it('when the body is GMC and Trac has no licence to practise, then licenceToPractise is required', () => {
      expect(fail({ licenceToPractise: undefined })).toEqual(
        problem('licenceToPractise', 'is required when registrationBody is GMC'),
      );
    });

    it('when the body is GDC and Trac holds GMC-only fields, then they are dropped', () => {
      const body = map({ ...GDC, licenceToPractise: 'Yes', specialistRegister: 'Yes', gpRegister: 'No' });
      expect(body).not.toHaveProperty('licenceToPractise');
      expect(body).not.toHaveProperty('specialistRegister');
      expect(body).not.toHaveProperty('gpRegister');
    });

    it('when the body is GMC and Trac has no specialist or GP register answer, then both are left out', () => {
      const body = map({ specialistRegister: undefined, gpRegister: null });
      expect(body).not.toHaveProperty('specialistRegister');
      expect(body).not.toHaveProperty('gpRegister');
    });
  });

  describe('dates', () => {
    it.each([
      ['registrationExpiry', 'expiryDate', '2019-08-08'],
      ['revalidationDate', 'revalidationDate', '2019-08-08'],
    ])('when Trac %s is the day after registeredFrom, then ESR %s is sent', (tracField, field, date) => {
      expect(map({ [tracField]: date })).toHaveProperty(field, date);
    });

    it.each([
      ['registrationExpiry', 'expiryDate', '2019-08-07'],
      ['registrationExpiry', 'expiryDate', '2019-08-06'],
      ['revalidationDate', 'revalidationDate', '2019-08-07'],
      ['revalidationDate', 'revalidationDate', '2018-01-01'],
    ])('when Trac %s is %s, not after registeredFrom, then ESR %s is invalid', (tracField, field, date) => {
      const tracName = tracField === field ? undefined : tracField;
      expect(fail({ [tracField]: date })).toEqual(problem(field, 'must be after registeredFrom', tracName));
    });

    it('when Trac has no expiry or revalidation date, then neither is sent', () => {
      const body = map({ registrationExpiry: undefined, revalidationDate: undefined });
      expect(body).not.toHaveProperty('expiryDate');
      expect(body).not.toHaveProperty('revalidationDate');
    });

    it('when the register was checked today, then it is accepted', () => {
      expect(map({ verifiedOn: TODAY }).registerCheckedDate).toBe(TODAY);
    });

    it('when the register was checked tomorrow, then it must not be in the future', () => {
      expect(fail({ verifiedOn: TOMORROW })).toEqual(
        problem('registerCheckedDate', 'must not be in the future', 'verifiedOn'),
      );
    });

    it('when the register was checked on a BST evening, then its London date is sent', () => {
      expect(map({ verifiedOn: '2026-06-02T23:10:00Z' }).registerCheckedDate).toBe('2026-06-03');
    });

    it('when registeredFrom is missing, then it is required', () => {
      expect(fail({ registeredFrom: undefined })).toEqual(problem('registeredFrom', 'is required'));
    });
  });

  describe('ESR schema', () => {
    const valid = () => ({ ...map() }) as Record<string, unknown>;
    const gdc = () => ({ ...mapToBody(professionalRegistrationRecord, aProfessionalRegistrationCheck(GDC)) });

    it.each([
      ['licenceToPractise', 'must be absent unless registrationBody is GMC'],
      ['specialistRegister', 'must be absent unless registrationBody is GMC'],
      ['gpRegister', 'must be absent unless registrationBody is GMC'],
    ])('when a GDC body holds %s, then ESR rejects it', (field, message) => {
      const result = validateEsrBody('professional-registration', { ...gdc(), [field]: true }, TODAY);
      expect(result).toEqual({ ok: false, errors: [{ field, message }] });
    });

    it('when a valid body is validated, then ESR accepts it', () => {
      expect(validateEsrBody('professional-registration', valid(), TODAY)).toEqual({ ok: true });
    });
  });
});
