import type { Organisation } from '../../../config/organisations';
import { REASON_CODES, type ReasonCode } from '../../platform/errors';
import { REASONS } from '../../transfer/reasons';
import { TRANSFER_STATES, type Transfer, type TransferState } from '../../transfer/transfer';
import { PAGE_SIZE } from '../api/admin-schemas';
import type { AdminIdentity } from '../auth/admin-users';
import { csrfInput, hidden } from './failed-section-html';
import { dataTable, html, type SafeHtml } from '../pages/html';
import { button, STATE_LABELS } from '../pages/page-components-html';
import { renderPage, type Notice } from '../pages/page-layout';
import { TRANSFER_COLUMNS, transferRow } from '../overview/page-sections-html';
import { pagination } from '../pages/pagination-html';

export interface ListFilter {
  state?: TransferState;
  reason?: ReasonCode;
  organisation?: string;
  /** Only completed transfers with outstanding records. */
  outstanding?: boolean;
}

export interface TransferListModel {
  identity: AdminIdentity;
  filter: ListFilter;
  page: number;
  total: number;
  transfers: readonly Transfer[];
  organisations: readonly Organisation[];
  /** Set when the address held a filter that is not one (the page then lists nothing). */
  problem?: Notice;
}

/** The list's address with a filter and a page (page 1 left out). */
export function listPath(filter: ListFilter, page = 1): string {
  const params = new URLSearchParams();
  if (filter.state) params.set('state', filter.state);
  if (filter.reason) params.set('reason', filter.reason);
  if (filter.organisation) params.set('organisation', filter.organisation);
  if (filter.outstanding) params.set('outstanding', 'true');
  if (page > 1) params.set('page', String(page));
  const query = params.toString();
  return `/admin/transfers${query ? `?${query}` : ''}`;
}

function select(id: string, name: string, label: string, options: SafeHtml[]): SafeHtml {
  return html`<div class="nhsuk-form-group">
    <label class="nhsuk-label" for="${id}">${label}</label>
    <select class="nhsuk-select" id="${id}" name="${name}">
      ${options}
    </select>
  </div>`;
}

const option = (value: string, text: string, chosen: string | undefined) =>
  value === (chosen ?? '')
    ? html`<option value="${value}" selected>${text}</option>`
    : html`<option value="${value}">${text}</option>`;

function filterForm(model: TransferListModel): SafeHtml {
  const { filter } = model;
  const states = TRANSFER_STATES.map((s) => option(s, STATE_LABELS[s].text, filter.state));
  const reasons = REASON_CODES.map((r) => option(r, REASONS[r].title, filter.reason));
  const organisations = model.organisations.map((o) =>
    option(o.code, `${o.code} — ${o.name}`, filter.organisation),
  );
  return html`<form method="get" action="/admin/transfers" id="filters">
    ${select('filter-state', 'state', 'State', [option('', 'Any state', filter.state), ...states])}
    ${select('filter-reason', 'reason', 'Reason', [option('', 'Any reason', filter.reason), ...reasons])}
    ${select('filter-organisation', 'organisation', 'Organisation', [
      option('', 'Any organisation', filter.organisation),
      ...organisations,
    ])}
    ${select('filter-outstanding', 'outstanding', 'Outstanding records', [
      option('', 'With or without', filter.outstanding ? 'true' : undefined),
      option('true', 'Only completed with records outstanding', filter.outstanding ? 'true' : undefined),
    ])}
    ${button('Show transfers', 'secondary')}
  </form>`;
}

/** HR admins may re-queue every failed transfer the filters list (at most 1000 a press). */
function bulkRequeue(model: TransferListModel): SafeHtml {
  const { filter, identity } = model;
  if (identity.role !== 'hr-admin' || filter.state !== 'failed' || model.total === 0) return html``;
  return html`<form method="post" action="/admin/actions/retry-group">
    ${csrfInput(identity)}
    ${filter.reason ? html`<input type="hidden" name="reason" value="${filter.reason}" />` : ''}
    ${filter.organisation ? html`<input type="hidden" name="organisation" value="${filter.organisation}" />` : ''}
    ${button(html`Re-queue all ${model.total} ${hidden('failed transfers listed')}`, 'secondary')}
  </form>`;
}

function titleOf(filter: ListFilter): string {
  if (filter.outstanding) return 'Completed transfers with records outstanding';
  return filter.state ? `${STATE_LABELS[filter.state].text} transfers` : 'Transfers';
}

/** The navigation entry a plain list belongs to. */
function navigationOf(filter: ListFilter): string | undefined {
  if (filter.reason || filter.organisation || filter.outstanding) return undefined;
  return filter.state === 'failed'
    ? '/admin/transfers?state=failed'
    : filter.state
      ? undefined
      : '/admin/transfers';
}

/** `GET /admin/transfers` in a browser: filters, the matching transfers newest first, pagination. */
export function renderTransferList(model: TransferListModel): string {
  const { filter, page, total } = model;
  const last = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const first = (page - 1) * PAGE_SIZE + 1;
  const summary =
    total === 0
      ? 'No transfers match.'
      : `${total} ${total === 1 ? 'transfer matches' : 'transfers match'}, newest first; showing ${Math.min(first, total)} to ${Math.min(first + model.transfers.length - 1, total)}.`;
  return renderPage({
    title: titleOf(filter),
    identity: model.identity,
    current: navigationOf(filter),
    notice: model.problem,
    body: [
      filterForm(model),
      html`<p id="list-summary">${summary}</p>`,
      bulkRequeue(model),
      model.transfers.length > 0
        ? dataTable({
            id: 'transfer-list',
            caption: `${titleOf(filter)}, page ${page} of ${last}`,
            columns: TRANSFER_COLUMNS,
            rows: model.transfers.map(transferRow),
          })
        : html``,
      pagination(page, last, (n) => listPath(filter, n)),
    ],
  });
}
