import { is, presentExactlyWhen, required, requiredUnless, type FieldTable } from './field-table';
import { SOURCE } from './source-field';
import { aDate, aShareCode, dated, notFuture, oneOf, text } from './value-rules';

const PENDING = is('settlementStatus', 'APPLICATION_PENDING');
const PRE_SETTLED = is('settlementStatus', 'PRE_SETTLED');

/** records.md §6, ESR `eu-status`. */
export const EU_STATUS_BODY: FieldTable = {
  settlementStatus: required(oneOf('SETTLED', 'PRE_SETTLED', 'APPLICATION_PENDING')),
  shareCode: requiredUnless(PENDING, aShareCode),
  ecsReference: presentExactlyWhen(PENDING, text(1, 50)),
  checkDate: required(aDate, notFuture),
  expiryDate: presentExactlyWhen(PRE_SETTLED, aDate, dated('after', 'checkDate')),
  followUpDate: presentExactlyWhen(PRE_SETTLED, aDate, dated('on or before', 'expiryDate')),
  source: SOURCE,
};
