import type { ReasonCode } from '../platform/errors';
import type { Transfer } from '../transfer/transfer';
import type { AdminIdentity } from './admin-users';
import { dataTable, html, timeOf, type SafeHtml } from './html';
import { REASONS } from '../transfer/reasons';
import { CSRF_FIELD } from './write-guard';

export interface FailedGroup {
  reason: ReasonCode | null;
  transfers: Transfer[];
}
export const csrfInput = (identity: AdminIdentity) =>
  html`<input type="hidden" name="${CSRF_FIELD}" value="${identity.csrfToken}" />`;

export const hidden = (text: string) => html`<span class="visually-hidden">${text}</span>`;
function retryButton(identity: AdminIdentity, transfer: Transfer): SafeHtml {
  if (identity.role !== 'hr-admin') return html``;
  return html`<form method="post" action="/admin/actions/retry">
    ${csrfInput(identity)}
    <input type="hidden" name="transferId" value="${transfer.transferId}" />
    <button type="submit">Re-queue ${hidden(transfer.transferId)}</button>
  </form>`;
}

function failedRow(identity: AdminIdentity, transfer: Transfer): SafeHtml {
  return html`<tr data-transfer-id="${transfer.transferId}">
    <th scope="row">${transfer.transferId}</th>
    <td>${transfer.organisationCode}</td>
    <td>${transfer.applicantId}</td>
    <td>${timeOf(transfer.finishedAt)}</td>
    <td>${transfer.attempts}</td>
    <td>${transfer.message ?? ''}</td>
    ${identity.role === 'hr-admin' ? html`<td>${retryButton(identity, transfer)}</td>` : ''}
  </tr>`;
}

/** The reason table's phrase as a sentence on the page: a capital first letter and a full stop. */
const asSentence = (phrase: string) => `${phrase.charAt(0).toUpperCase()}${phrase.slice(1)}.`;

function groupSection(identity: AdminIdentity, group: FailedGroup, index: number): SafeHtml {
  const guidance = group.reason ? REASONS[group.reason] : undefined;
  const code = group.reason ?? 'no reason recorded';
  const count = group.transfers.length;
  const groupButton =
    identity.role === 'hr-admin' && group.reason
      ? html`<form method="post" action="/admin/actions/retry-group">
          ${csrfInput(identity)}
          <input type="hidden" name="reason" value="${group.reason}" />
          <button type="submit">Re-queue all ${count} ${hidden(`failed with ${group.reason}`)}</button>
        </form>`
      : '';
  return html`<section aria-labelledby="group-${index}">
    <h3 id="group-${index}">${guidance?.title ?? 'Failed'} <small>(${code}, ${count})</small></h3>
    <p>
      <strong>What to fix:</strong>
      ${guidance ? asSentence(guidance.fix) : 'Read the sentence of each transfer.'}
    </p>
    ${groupButton}
    ${dataTable({
      caption: `Transfers that failed with ${code}`,
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
          Showing the newest ${shown} of ${failedTotal} failed transfers; re-queue a group to see the rest.
        </p>`
      : '';
  return html`<section aria-labelledby="failed-heading">
    <h2 id="failed-heading">Failed transfers</h2>
    ${groups.length === 0 ? html`<p>No failed transfers.</p>` : ''}${more}
    ${groups.map((group, index) => groupSection(identity, group, index))}
  </section>`;
}
