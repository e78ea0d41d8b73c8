import { is, optional, optionalOnlyWhen, presentExactlyWhen, required, type FieldTable } from './field-table';
import { SOURCE } from './source-field';
import { aBoolean, aDate, dated, notFuture, oneOf, rejectWhen, type ValueRule } from './value-rules';

const GMC = is('registrationBody', 'GMC');

/** GMC numbers are 7 digits, GDC numbers 3 to 6; another body is reported on its own field. */
const registrationNumberFormat: ValueRule = (value, body) => {
  if (typeof value !== 'string') return 'must be text';
  if (body.registrationBody === 'GMC' && !/^\d{7}$/.test(value)) return 'must be 7 digits for GMC';
  if (body.registrationBody === 'GDC' && !/^\d{3,6}$/.test(value)) return 'must be 3 to 6 digits for GDC';
  return undefined;
};

/** records.md §2, ESR `professional-registration`. */
export const PROFESSIONAL_REGISTRATION_BODY: FieldTable = {
  registrationBody: required(oneOf('GMC', 'GDC')),
  registrationNumber: required(registrationNumberFormat),
  registrationType: required(
    oneOf('FULL', 'PROVISIONAL'),
    rejectWhen(
      (value, body) => value === 'PROVISIONAL' && !GMC.holds(body),
      'may be PROVISIONAL only with GMC',
    ),
  ),
  licenceToPractise: presentExactlyWhen(GMC, aBoolean),
  registrationStatus: required(
    oneOf('REGISTERED', 'REGISTERED_WITH_CONDITIONS', 'SUSPENDED', 'NOT_REGISTERED'),
  ),
  specialistRegister: optionalOnlyWhen(GMC, aBoolean),
  gpRegister: optionalOnlyWhen(GMC, aBoolean),
  registeredFrom: required(aDate),
  expiryDate: optional(aDate, dated('after', 'registeredFrom')),
  revalidationDate: optional(aDate, dated('after', 'registeredFrom')),
  registerCheckedDate: required(aDate, notFuture),
  source: SOURCE,
};
