import type { ReasonCode } from '../../platform/errors';
import { REASON_CODES } from '../../platform/errors';
import { REASONS } from '../../transfer/reasons';
import type { AdminRole } from '../auth/admin-users';
import { transfersNamedIn, type AuditEntry } from './audit-entry';
import { html, type SafeHtml } from '../pages/html';
import { transferLink } from '../pages/page-components-html';

/**
 * The audit log's entries as HR reads them on the pages: actions, roles, targets and results in
 * words (the JSON keeps `retry`, `hr-admin`, `reason=NO_ESR_MATCH: …` and `409`).
 */

const ACTION_TEXT = new Map<string, string>([
  ['retry', 'Re-queued'],
  ['retry-bulk', 'Re-queued with others (bulk)'],
  ['start', 'Started by hand'],
  ['send-outstanding', 'Asked to send the outstanding records'],
  ['bull-board', 'Changed in Bull Board'],
  ['digest', 'Sent the morning e-mail now'],
  ['reconciliation', 'Asked for a sweep now'],
  ['match-preview', 'Started a match preview'],
]);

export const actionText = (action: string) => ACTION_TEXT.get(action) ?? 'Another change';

const ROLE_TEXT: Readonly<Record<AdminRole, string>> = { 'hr-admin': 'HR admin', support: 'support' };

/** `hr1 (HR admin)`: who acted, and as what. */
export const whoText = (entry: Pick<AuditEntry, 'user' | 'role'>) =>
  `${entry.user} (${ROLE_TEXT[entry.role]})`;

/** What each answer meant for the action, in words: never the HTTP status itself. */
const RESULT_TEXT = new Map<string, string>([
  ['400', 'Not done: what was asked was not valid'],
  ['401', 'Not done: not signed in'],
  ['403', 'Not done: not allowed'],
  ['404', 'Not done: no such transfer'],
  ['409', 'Not done: it was already queued, running or done'],
  ['422', 'Not done: Trac did not confirm the applicant'],
  ['429', 'Not done: too many tries'],
  ['502', "Not done: Trac refused the connector's request"],
  ['503', 'Not done: a service did not answer; it can be tried again'],
]);

export function resultText(result: string): string {
  if (/^2\d\d$/.test(result)) return 'Done';
  return RESULT_TEXT.get(result) ?? 'Not done';
}

/** Bull Board's actions, from the last part of its address (`…/R0A-A-1/retry`). */
const BOARD_ACTIONS = new Map<string, string>([
  ['retry', 'retry of'],
  ['promote', 'promote of'],
  ['pause', 'pause of the queue'],
  ['resume', 'resume of the queue'],
]);

const lowerFirst = (text: string) => `${text.charAt(0).toLowerCase()}${text.slice(1)}`;

const isReason = (code: string): code is ReasonCode => (REASON_CODES as readonly string[]).includes(code);

/** A bulk re-queue's filter in words: `reason=NO_ESR_MATCH organisation=R0A` → "No matching … in R0A". */
function filterText(target: string): string {
  const reason = /\breason=(\w+)/.exec(target)?.[1];
  const organisation = /\borganisation=(\w+)/.exec(target)?.[1];
  const why =
    reason && isReason(reason) ? `that failed: ${lowerFirst(REASONS[reason].title)}` : 'that failed';
  return `Every transfer ${why}${organisation ? ` in ${organisation}` : ''}`;
}

const links = (ids: readonly string[]) =>
  ids.map((id, index) => html`${index > 0 ? ', ' : ''}${transferLink(id)}`);

/** What an entry acted on, in words, each transfer it names linking to its page. */
export function targetHtml(entry: Pick<AuditEntry, 'action' | 'target'>): SafeHtml {
  const ids = transfersNamedIn(entry.target);
  const more = /and (\d+) more$/.exec(entry.target)?.[1];
  const andMore = more ? ` and ${more} more` : '';
  switch (entry.action) {
    case 'bull-board': {
      const verb = BOARD_ACTIONS.get(entry.target.split('/').pop() ?? '') ?? 'a change to';
      return html`Bull Board: ${verb} ${ids.length > 0 ? links(ids) : 'a job'}`;
    }
    case 'retry-bulk':
      return html`${filterText(entry.target)}${ids.length > 0 ? html`: ${links(ids)}${andMore}` : ': none'}`;
    case 'digest':
      return html`The morning e-mail`;
    case 'reconciliation':
      return html`Every organisation's applicants in Trac`;
    case 'match-preview':
      return html`${entry.target.replace(/^match preview of (\w+).*$/, 'A match preview of $1')}`;
    default:
      return ids.length > 0 ? html`${links(ids)}` : html`${entry.target}`;
  }
}
