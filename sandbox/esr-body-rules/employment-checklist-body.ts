import { aList, is, optional, presentExactlyWhen, required, type FieldTable } from './field-table';
import { SOURCE } from './source-field';
import { aDate, dated, notFuture, oneOf, text } from './value-rules';

/** One line of the checklist: identity and occupational health are no `check` ESR knows. */
const ITEM: FieldTable = {
  check: required(
    oneOf('DBS', 'PROFESSIONAL_REGISTRATION', 'REFERENCES', 'RIGHT_TO_WORK', 'EU_STATUS', 'QUALIFICATIONS'),
  ),
  status: required(oneOf('COMPLETE', 'OUTSTANDING', 'NOT_REQUIRED')),
  completedDate: presentExactlyWhen(is('status', 'COMPLETE'), aDate, notFuture),
};

/** records.md §4, ESR `employment-checklist`. */
export const EMPLOYMENT_CHECKLIST_BODY: FieldTable = {
  conditionalOfferDate: required(aDate),
  unconditionalOfferDate: optional(aDate, dated('on or after', 'conditionalOfferDate')),
  proposedStartDate: required(aDate),
  completedBy: required(text(1, 150)),
  completedDate: required(aDate, notFuture),
  items: aList({ items: ITEM, min: 1, countMessage: 'must hold at least 1 item', uniqueBy: 'check' }),
  source: SOURCE,
};
