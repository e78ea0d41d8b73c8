import {
  has,
  is,
  optional,
  presentExactlyWhen,
  required,
  requiredUnless,
  type FieldTable,
} from './field-table';
import { SOURCE } from './source-field';
import { aBoolean, aDate, dated, matches, notFuture, oneOf, rejectWhen } from './value-rules';

const BASIC = is('disclosureLevel', 'BASIC');

/** records.md §1, ESR `dbs`. */
export const DBS_BODY: FieldTable = {
  issuingBody: required(oneOf('DBS', 'DISCLOSURE_SCOTLAND', 'ACCESSNI')),
  disclosureLevel: required(oneOf('BASIC', 'STANDARD', 'ENHANCED', 'ENHANCED_BARRED')),
  barredLists: presentExactlyWhen(
    is('disclosureLevel', 'ENHANCED_BARRED'),
    oneOf('CHILDREN', 'ADULTS', 'CHILDREN_AND_ADULTS'),
  ),
  workforce: requiredUnless(BASIC, oneOf('CHILD', 'ADULT', 'CHILD_AND_ADULT', 'OTHER')),
  certificateNumber: required(matches(/^\d{12}$/, 'must be 12 digits')),
  issueDate: required(aDate, notFuture),
  updateServiceSubscribed: required(
    aBoolean,
    rejectWhen(
      (value, body) => value === true && BASIC.holds(body),
      'must be false when disclosureLevel is BASIC',
    ),
  ),
  // "both or neither": the date is present exactly when the result is, so one rule covers the pair
  updateServiceCheckDate: presentExactlyWhen(
    has('updateServiceResult'),
    aDate,
    dated('on or after', 'issueDate'),
    notFuture,
  ),
  updateServiceResult: optional(
    oneOf('NO_MATCH_FOUND', 'BLANK_NO_NEW_INFO', 'NON_BLANK_NO_NEW_INFO', 'NEW_INFO'),
  ),
  outcome: required(oneOf('SATISFACTORY', 'UNSATISFACTORY')),
  checkCompletedDate: required(aDate, notFuture),
  source: SOURCE,
};
