import { anObject, required } from './field-table';
import { aDateTime, matches, oneOf } from './value-rules';

/**
 * Where every body came from (records.md "Source"): `TRAC`, Trac's applicant id (trac.md: 1 to 64
 * of `A-Z a-z 0-9 - _`) and the check's `completedAt`, an ISO date-time passed on unchanged.
 */
export const SOURCE = anObject({
  system: required(oneOf('TRAC')),
  applicantId: required(matches(/^[A-Za-z0-9_-]{1,64}$/, 'must be 1 to 64 letters, digits, - or _')),
  completedAt: required(aDateTime),
});
