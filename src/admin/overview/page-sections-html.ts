import type { Organisation } from '../../../config/organisations';
import { REASONS } from '../../transfer/reasons';
import { TRANSFER_STATES, type Transfer, type TransferState } from '../../transfer/transfer';
import { STARTING_STATUS_TEXT } from '../../transfer/trigger-status';
import type { AdminIdentity } from '../auth/admin-users';
import type { AuditEntry } from '../audit/audit-log';
import { actionText, resultText, targetHtml, whoText } from '../audit/audit-words-html';
import { startForm } from '../transfers/start-page-html';
import { matchCauseLine } from '../transfers/match-cause-html';
import { cell, dataTable, html, rowHeading, tableRow, timeOf, type SafeHtml } from '../pages/html';
import {
  OUTSTANDING_LABEL,
  STATE_LABELS,
  stateTag,
  tag,
  transferLink,
  transferStateTag,
  visuallyHidden,
} from '../pages/page-components-html';

/** The list of the transfers in one state. */
export const stateListPath = (state: TransferState) => `/admin/transfers?state=${state}`;

/** The list of the transfers that completed with outstanding records. */
export const OUTSTANDING_LIST_PATH = '/admin/transfers?outstanding=true';

/** The counts by state, then how many of the completed ones have outstanding records. */
export function countsSection(counts: Record<TransferState, number>, outstanding = 0): SafeHtml {
  const countLink = (href: string, count: number, what: string) =>
    html`<a class="nhsuk-link" href="${href}">${count}${visuallyHidden(` ${what}: see the list`)}</a>`;
  const rows = [
    ...TRANSFER_STATES.map((state) =>
      tableRow([
        rowHeading(stateTag(state)),
        cell(
          countLink(
            stateListPath(state),
            counts[state],
            `${STATE_LABELS[state].text.toLowerCase()} transfers`,
          ),
        ),
      ]),
    ),
    tableRow([
      rowHeading(tag(OUTSTANDING_LABEL, 'orange')),
      cell(countLink(OUTSTANDING_LIST_PATH, outstanding, 'completed transfers with outstanding records')),
    ]),
  ];
  return html`<section aria-labelledby="counts-heading">
    <h2 id="counts-heading">Transfers by state</h2>
    ${dataTable({
      id: 'counts',
      caption: 'How many transfers are in each state (each count opens its list)',
      columns: ['State', 'Transfers'],
      rows,
    })}
  </section>`;
}

/** The manual start on the overview; a start that comes back with a problem answers on its own page. */
export function manualStartSection(
  identity: AdminIdentity,
  organisations: readonly Organisation[],
): SafeHtml {
  if (identity.role !== 'hr-admin') return html``;
  return html`<section aria-labelledby="start-heading">
    <h2 id="start-heading">Start a transfer by hand</h2>
    <p>
      For an applicant whose Trac status is ${STARTING_STATUS_TEXT} but whose transfer never started. Trac is
      asked first.
    </p>
    ${startForm(identity, organisations)}
  </section>`;
}

/** A table row of one transfer: its link, state, reason, attempts and last change. */
export const transferRow = (t: Transfer) =>
  tableRow(
    [
      rowHeading(transferLink(t.transferId)),
      cell(transferStateTag(t)),
      cell(html`${t.reason ? REASONS[t.reason].title : '—'}${matchCauseLine(t)}`),
      cell(t.attempts),
      cell(timeOf(t.updatedAt)),
    ],
    t.transferId,
  );

export const TRANSFER_COLUMNS = ['Transfer', 'State', 'Reason', 'Attempts', 'Last change'] as const;

export function latestSection(transfers: readonly Transfer[]): SafeHtml {
  return html`<section aria-labelledby="latest-heading">
    <h2 id="latest-heading">Latest transfers</h2>
    ${dataTable({
      id: 'latest-transfers',
      caption: 'The most recently changed transfers, newest first',
      columns: TRANSFER_COLUMNS,
      rows: transfers.map(transferRow),
    })}
    <p><a class="nhsuk-link" href="/admin/transfers">All transfers</a></p>
  </section>`;
}

/** One audit entry in words: when, who (and as what), what they did, to what, and whether it was done. */
export const auditRow = (e: AuditEntry) =>
  tableRow([
    cell(timeOf(e.at)),
    cell(whoText(e)),
    cell(actionText(e.action)),
    cell(targetHtml(e)),
    cell(resultText(e.result)),
  ]);

export const AUDIT_COLUMNS = ['When', 'Who', 'What', 'On what', 'Result'] as const;

export function auditSection(entries: readonly AuditEntry[]): SafeHtml {
  return html`<section aria-labelledby="audit-heading">
    <h2 id="audit-heading">Recent admin actions</h2>
    <p><a class="nhsuk-link" href="/admin/audit">The whole audit log</a></p>
    ${dataTable({
      caption: 'The latest admin writes, newest first',
      columns: AUDIT_COLUMNS,
      rows: entries.map(auditRow),
    })}
  </section>`;
}
