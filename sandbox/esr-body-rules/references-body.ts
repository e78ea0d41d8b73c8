import { aList, is, optional, required, requiredUnless, type FieldTable } from './field-table';
import { SOURCE } from './source-field';
import { aDate, dated, notFuture, oneOf, text } from './value-rules';

/** One reference (records.md §3's table). */
const REFERENCE: FieldTable = {
  referenceType: required(oneOf('EMPLOYMENT', 'TRAINING', 'CHARACTER')),
  refereeName: required(text(1, 150)),
  refereeOrganisation: required(text(1, 240)),
  refereeJobTitle: optional(text(0, 240)),
  periodFrom: required(aDate),
  periodTo: optional(aDate, dated('on or after', 'periodFrom')),
  requestedDate: required(aDate, notFuture),
  receivedDate: requiredUnless(
    is('outcome', 'REFUSED'),
    aDate,
    dated('on or after', 'requestedDate'),
    notFuture,
  ),
  outcome: required(oneOf('SATISFACTORY', 'REFUSED', 'INDETERMINATE', 'UNSATISFACTORY')),
};

/** records.md §3, ESR `references`: 1 to 10 references, in Trac's order. */
export const REFERENCES_BODY: FieldTable = {
  references: aList({ items: REFERENCE, min: 1, max: 10, countMessage: 'must hold 1 to 10 references' }),
  source: SOURCE,
};
