import { is, optional, presentExactlyWhen, required, type FieldTable } from './field-table';
import { SOURCE } from './source-field';
import { aBoolean, aDate, aShareCode, dated, notFuture, oneOf, rejectWhen, text } from './value-rules';

const method = (name: string) => is('checkMethod', name);
const TIME_LIMITED = is('permissionType', 'TIME_LIMITED');

/** records.md §5, ESR `illegal-working-checklist`: each check method carries its own evidence only. */
export const ILLEGAL_WORKING_CHECKLIST_BODY: FieldTable = {
  checkMethod: required(oneOf('MANUAL', 'HOME_OFFICE_ONLINE', 'IDSP', 'EMPLOYER_CHECKING_SERVICE')),
  documentList: presentExactlyWhen(method('MANUAL'), oneOf('LIST_A', 'LIST_B_GROUP_1', 'LIST_B_GROUP_2')),
  shareCode: presentExactlyWhen(method('HOME_OFFICE_ONLINE'), aShareCode),
  idspProvider: presentExactlyWhen(method('IDSP'), text(1, 150)),
  ecsReference: presentExactlyWhen(method('EMPLOYER_CHECKING_SERVICE'), text(1, 50)),
  checkDate: required(aDate, notFuture),
  checkedBy: required(text(1, 150)),
  permissionType: required(
    oneOf('UNLIMITED', 'TIME_LIMITED'),
    rejectWhen(
      (value, body) => value !== 'UNLIMITED' && body.documentList === 'LIST_A',
      'must be UNLIMITED when documentList is LIST_A',
    ),
  ),
  permissionExpiryDate: presentExactlyWhen(TIME_LIMITED, aDate, dated('after', 'checkDate')),
  followUpDate: presentExactlyWhen(TIME_LIMITED, aDate, dated('on or before', 'permissionExpiryDate')),
  workRestrictions: optional(text(0, 500)),
  sponsored: optional(aBoolean),
  source: SOURCE,
};
