import type { Organisation } from '../../../config/organisations';
import { RECORD_TYPES, type RecordType } from '../../records/record-types';
import { isOutOfScopeMessage } from '../../transfer/outstanding-messages';
import { plainCompletedMessage, plainOutcome } from '../../transfer/plain-outcome';
import { REASONS, RERUNNABLE_REASONS } from '../../transfer/reasons';
import type { Transfer } from '../../transfer/transfer';
import type { AdminIdentity } from '../auth/admin-users';
import { requeueButton } from './failed-section-html';
import { cell, dataTable, html, rowHeading, SafeHtml, tableRow, timeOf } from '../pages/html';
import {
  outcomeTag,
  pageSection,
  RECORD_LABELS,
  summaryList,
  tag,
  transferStateTag,
  TRIGGER_LABELS,
} from '../pages/page-components-html';
import { renderPage, type Notice } from '../pages/page-layout';
import { startOffer } from './start-link-html';
import type { TransferHistory } from './transfer-history';
import { historySection } from './transfer-history-html';
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
  const outcome = plainOutcome(transfer, organisation);
  return summaryList(
    [
      {
        key: 'Organisation',
        value: `${transfer.organisationCode}${organisation ? ` — ${organisation.name}` : ''}`,
      },
      { key: 'Trac applicant id', value: transfer.applicantId },
      { key: 'State', value: transferStateTag(transfer) },
      {
        key: 'Reason',
        value: reason ? html`${reason.title} <small>(reason code ${transfer.reason})</small>` : 'None',
      },
      {
        key: 'What happened',
        value: html`<span id="transfer-sentence"
          >${outcome?.sentence ?? plainCompletedMessage(transfer.message) ?? '—'}</span
        >`,
      },
      { key: 'What to fix', value: outcome?.fix ?? 'Nothing.' },
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
        ? UNFINISHED_TEXT[transfer.state]
        : transfer.outstanding.length === 0
          ? 'This transfer completed and sent what it should: it is never sent again.'
          : isOutOfScopeMessage(transfer.message)
            ? 'This transfer completed: it is never run again, and its outstanding records (below) must be entered in ESR by hand.'
            : 'This transfer completed: it is never run again, but its outstanding records (below) can still be sent.';
    return html`<p>${why}</p>`;
  }
  if (identity.role !== 'hr-admin') {
    return html`<p>An HR admin can re-queue this transfer once the cause is fixed.</p>`;
  }
  return html`<p>Once the cause is fixed, re-queue it: records ESR already holds are not sent again.</p>
    ${requeueButton(identity, transfer, true)}`;
}

/** The record a failed transfer's problem is about: its row is marked, with what to do about it. */
function problemMark(transfer: PageDetail, type: RecordType): SafeHtml {
  if (transfer.state !== 'failed' || transfer.problem?.subject !== type) return html``;
  const text = transfer.problem.source === 'trac' ? 'To correct in Trac' : 'Refused by ESR';
  return html` ${tag(text, 'red')}
    <p class="nhsuk-body-s nhsuk-u-margin-bottom-0">See “What to fix” above.</p>`;
}

function recordsSection(transfer: PageDetail): SafeHtml {
  const rows = RECORD_TYPES.map((type) => {
    const sent = transfer.ledger[type];
    const marked = transfer.state === 'failed' && transfer.problem?.subject === type;
    const row = tableRow([
      rowHeading(RECORD_LABELS[type]),
      cell(html`${outcomeTag(transfer.records[type] ?? 'NOT_SENT')}${problemMark(transfer, type)}`),
      cell(sent?.esrRecordId ?? '—'),
      cell(timeOf(sent?.sentAt)),
    ]);
    // a start tag's attribute added: the row tests and readers find as the one to correct
    return marked
      ? new SafeHtml(
          row.value.replace(
            '<tr class="nhsuk-table__row">',
            '<tr class="nhsuk-table__row" data-problem="true">',
          ),
        )
      : row;
  });
  return dataTable({
    id: 'transfer-records',
    caption: 'The six check records and what became of each',
    columns: ['Record', 'Outcome', 'ESR record id', 'Sent to ESR at'],
    rows,
  });
}

/** What the page says of a transfer that has not finished, by its state. */
const UNFINISHED_TEXT = {
  waiting: 'This transfer is waiting in the queue to run: reload the page to follow it.',
  active: 'This transfer is running now: reload the page to follow it.',
  delayed: 'Its last attempt did not finish, and it will be tried again: reload the page to follow it.',
  failed: 'This transfer failed: see what to fix above.',
} as const;

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
      pageSection('history-heading', 'History', historySection(model.history, transfer.state)),
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
      ${startOffer(identity, transferId)}
      <p>
        Check the id, or search by the Trac applicant id with the box at the top of the page. A transfer id is
        the organisation code and the applicant id, for example R0A-A-100234.
      </p>`,
  });
}
