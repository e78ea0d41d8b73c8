import type { ReasonCode } from '../../platform/errors';
import type { Transfer } from '../../transfer/transfer';
import type { AdminIdentity } from '../auth/admin-users';
import { matchCauseLine } from './match-cause-html';
import { cell, dataTable, html, rowHeading, tableRow, timeOf, type SafeHtml } from '../pages/html';
import { button, transferLink, visuallyHidden } from '../pages/page-components-html';
import { plainOutcome } from '../../transfer/plain-outcome';
import { REASONS } from '../../transfer/reasons';
import { CSRF_FIELD } from '../auth/write-guard';

export interface FailedGroup {
  reason: ReasonCode | null;
  transfers: Transfer[];
}
export const csrfInput = (identity: AdminIdentity) =>
  html`<input type="hidden" name="${CSRF_FIELD}" value="${identity.csrfToken}" />`;

/** Text for screen readers only: what a short button or link is about. */
export const hidden = visuallyHidden;

/** The hidden field that brings a re-queue from a transfer's own page back to that page. */
export const RETURN_FIELD = 'returnTo';

/**
 * The re-queue button of one transfer (HR admins only; nothing for support). From a transfer's own
 * page it is a full-size button and the answer comes back to that page.
 */
export function requeueButton(identity: AdminIdentity, transfer: Transfer, onTransferPage = false): SafeHtml {
  if (identity.role !== 'hr-admin') return html``;
  return html`<form method="post" action="/admin/actions/retry">
    ${csrfInput(identity)}
    <input type="hidden" name="transferId" value="${transfer.transferId}" />
    ${onTransferPage ? html`<input type="hidden" name="${RETURN_FIELD}" value="transfer" />` : ''}
    ${button(html`Re-queue ${hidden(transfer.transferId)}`, 'secondary', !onTransferPage)}
  </form>`;
}

function failedRow(identity: AdminIdentity, transfer: Transfer): SafeHtml {
  return tableRow(
    [
      rowHeading(transferLink(transfer.transferId)),
      cell(transfer.organisationCode),
      cell(transfer.applicantId),
      cell(timeOf(transfer.finishedAt)),
      cell(transfer.attempts),
      cell(html`${plainOutcome(transfer)?.sentence ?? ''}${matchCauseLine(transfer)}`),
      identity.role === 'hr-admin' && cell(requeueButton(identity, transfer)),
    ].filter((part): part is SafeHtml => part !== false),
    transfer.transferId,
  );
}

/** The reason table's phrase as a sentence on the page: a capital first letter and a full stop. */
export const asSentence = (phrase: string) => `${phrase.charAt(0).toUpperCase()}${phrase.slice(1)}.`;

/** The list of every failed transfer with a reason (the group shows at most the page's newest). */
export const failedListPath = (reason: ReasonCode | null) =>
  `/admin/transfers?state=failed${reason ? `&reason=${reason}` : ''}`;

function groupSection(identity: AdminIdentity, group: FailedGroup, index: number): SafeHtml {
  const guidance = group.reason ? REASONS[group.reason] : undefined;
  const title = guidance?.title ?? 'Failed without a recorded reason';
  const count = group.transfers.length;
  const groupButton =
    identity.role === 'hr-admin' && group.reason
      ? html`<form method="post" action="/admin/actions/retry-group">
          ${csrfInput(identity)}
          <input type="hidden" name="reason" value="${group.reason}" />
          ${button(html`Re-queue all ${count} ${hidden(`that failed: ${title}`)}`, 'secondary')}
        </form>`
      : '';
  return html`<section aria-labelledby="group-${index}">
    <h3 id="group-${index}">
      ${title} <small>(${count}${group.reason ? html`, reason code ${group.reason}` : ''})</small>
    </h3>
    <div class="nhsuk-inset-text">
      <span class="nhsuk-u-visually-hidden">Information: </span>
      <p>
        <strong>What to fix:</strong>
        ${guidance ? asSentence(guidance.fix) : 'Read the sentence of each transfer.'}
      </p>
    </div>
    <p>
      <a class="nhsuk-link" href="${failedListPath(group.reason)}"
        >Every transfer that failed: ${title.charAt(0).toLowerCase()}${title.slice(1)}</a
      >
    </p>
    ${groupButton}
    ${dataTable({
      caption: `Transfers that failed: ${title}`,
      columns: [
        'Transfer',
        'Organisation',
        'Applicant',
        'Failed at',
        'Attempts',
        'What happened',
        identity.role === 'hr-admin' && 'Action',
      ],
      rows: group.transfers.map((transfer) => failedRow(identity, transfer)),
    })}
  </section>`;
}

export function failedSection(
  identity: AdminIdentity,
  groups: readonly FailedGroup[],
  failedTotal: number,
  shown: number,
): SafeHtml {
  const more =
    failedTotal > shown
      ? html`<p>
          Showing the newest ${shown} of ${failedTotal} failed transfers:
          <a class="nhsuk-link" href="${failedListPath(null)}">see them all</a>.
        </p>`
      : '';
  return html`<section aria-labelledby="failed-heading">
    <h2 id="failed-heading">Failed transfers</h2>
    ${groups.length === 0 ? html`<p>No failed transfers.</p>` : ''}${more}
    ${groups.map((group, index) => groupSection(identity, group, index))}
  </section>`;
}
