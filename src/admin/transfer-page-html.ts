import type { Organisation } from '../../config/organisations';
import { RECORD_TYPES } from '../records/record-types';
import { REASONS } from '../transfer/reasons';
import { RERUNNABLE_REASONS, type Transfer } from '../transfer/transfer';
import type { AdminIdentity } from './admin-users';
import type { AuditEntry } from './audit-log';
import { asSentence, retryButton } from './failed-section-html';
import { cell, dataTable, html, rowHeading, tableRow, timeOf, type SafeHtml } from './html';
import {
  outcomeTag,
  pageSection,
  RECORD_LABELS,
  summaryList,
  transferStateTag,
  TRIGGER_LABELS,
} from './page-components-html';
import { renderPage, type Notice } from './page-layout';
import type { TransferHistory } from './transfer-history';
import type { PageDetail } from './transfer-views';
import { matchSection, outstandingSection } from './transfer-outcome-html';

export interface TransferPageModel {
  identity: AdminIdentity;
  transfer: PageDetail;
  organisation: Organisation | undefined;
  history: TransferHistory;
  notice?: Notice;
}

function factsSection(model: TransferPageModel): SafeHtml {
  const { transfer, organisation } = model;
  const reason = transfer.reason ? REASONS[transfer.reason] : undefined;
  return summaryList(
    [
      {
        key: 'Organisation',
        value: `${transfer.organisationCode}${organisation ? ` — ${organisation.name}` : ''}`,
      },
      { key: 'Trac applicant id', value: transfer.applicantId },
      { key: 'State', value: transferStateTag(transfer) },
      { key: 'Reason', value: reason ? `${reason.title} (${transfer.reason})` : 'None' },
      { key: 'What happened', value: transfer.message ?? '—' },
      { key: 'What to fix', value: reason ? asSentence(reason.fix) : 'Nothing.' },
      { key: 'Attempts', value: String(transfer.attempts) },
      { key: 'How it started', value: TRIGGER_LABELS[transfer.trigger] },
      { key: 'Created', value: timeOf(transfer.createdAt) },
      { key: 'Last change', value: timeOf(transfer.updatedAt) },
      { key: 'Finished', value: timeOf(transfer.finishedAt) },
    ],
    'transfer-facts',
  );
}

/** Why the page has no re-queue button, or the button (HR admins). */
function actionSection(identity: AdminIdentity, transfer: Transfer): SafeHtml {
  const requeueable =
    transfer.state === 'failed' ||
    (transfer.state === 'completed' &&
      transfer.reason !== null &&
      RERUNNABLE_REASONS.includes(transfer.reason));
  if (!requeueable) {
    const why =
      transfer.state !== 'completed'
        ? 'This transfer is queued or running: reload the page to follow it.'
        : transfer.outstanding.length > 0
          ? 'This transfer completed: it is never run again, but its outstanding records (below) can still be sent.'
          : 'This transfer completed and sent what it should: it is never sent again.';
    return html`<p>${why}</p>`;
  }
  if (identity.role !== 'hr-admin') {
    return html`<p>An HR admin can re-queue this transfer once the cause is fixed.</p>`;
  }
  return html`<p>Once the cause is fixed, re-queue it: records ESR already holds are not sent again.</p>
    ${retryButton(identity, transfer, true)}`;
}

function recordsSection(transfer: PageDetail): SafeHtml {
  const rows = RECORD_TYPES.map((type) => {
    const sent = transfer.ledger[type];
    return tableRow([
      rowHeading(RECORD_LABELS[type]),
      cell(outcomeTag(transfer.records[type] ?? 'NOT_SENT')),
      cell(sent?.esrRecordId ?? '—'),
      cell(timeOf(sent?.sentAt)),
    ]);
  });
  return dataTable({
    id: 'transfer-records',
    caption: 'The six check records and what became of each',
    columns: ['Record', 'Outcome', 'ESR record id', 'Sent to ESR at'],
    rows,
  });
}

const ACTION_TEXT = new Map<string, string>([
  ['retry', 'Re-queued'],
  ['retry-bulk', 'Re-queued with others (bulk)'],
  ['start', 'Started by hand'],
  ['send-outstanding', 'Outstanding records sent'],
  ['bull-board', 'Changed in Bull Board'],
]);

const resultText = (result: string) =>
  result === '202' ? 'done (202)' : result.startsWith('2') ? `done (${result})` : `not done (${result})`;

function historySection(history: TransferHistory): SafeHtml {
  const auditRows = history.audit.map((entry: AuditEntry) =>
    tableRow([
      cell(timeOf(entry.at)),
      cell(ACTION_TEXT.get(entry.action) ?? entry.action),
      cell(`${entry.user} (${entry.role})`),
      cell(resultText(entry.result)),
    ]),
  );
  const audit =
    auditRows.length > 0
      ? dataTable({
          id: 'transfer-audit',
          caption: 'Admin actions on this transfer, newest first',
          columns: ['When', 'What', 'Who', 'Result'],
          rows: auditRows,
        })
      : html`<p>No admin has re-queued or started this transfer.</p>`;
  const runs =
    history.runs.length > 0
      ? html`<h3>Runs since it was last started</h3>
          <ol class="nhsuk-list nhsuk-list--number" id="transfer-runs">
            ${history.runs.map((line) => html`<li>${line}</li>`)}
          </ol>`
      : html`<p>The queue holds no runs of this transfer (a finished job is kept 7 to 30 days).</p>`;
  return html`${audit}${runs}`;
}

/** One transfer's page: its facts, the re-queue button, its six records and its history. */
export function renderTransferPage(model: TransferPageModel): string {
  const { transfer, identity } = model;
  return renderPage({
    title: `Transfer ${transfer.transferId}`,
    identity,
    notice: model.notice,
    backLink: { href: '/admin', text: 'Back to the overview' },
    body: [
      factsSection(model),
      matchSection(transfer, model.organisation),
      pageSection('action-heading', 'What can be done', actionSection(identity, transfer)),
      outstandingSection(identity, transfer),
      pageSection('records-heading', 'Records', recordsSection(transfer)),
      pageSection('history-heading', 'History', historySection(model.history)),
    ],
  });
}

/** The answer to a transfer id that names nothing (`404`). */
export function renderTransferNotFound(identity: AdminIdentity, transferId: string): string {
  return renderPage({
    title: 'Transfer not found',
    identity,
    search: transferId,
    body: html`<p>There is no transfer ${transferId}.</p>
      <p>
        Check the id, or search by the Trac applicant id with the box at the top of the page. A transfer id is
        the organisation code and the applicant id, for example R0A-A-100234.
      </p>`,
  });
}
