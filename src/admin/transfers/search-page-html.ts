import type { Transfer } from '../../transfer/transfer';
import type { AdminIdentity } from '../auth/admin-users';
import { dataTable, html } from '../pages/html';
import { renderPage } from '../pages/page-layout';
import { startOffer } from './start-link-html';
import { TRANSFER_COLUMNS, transferRow } from '../overview/page-sections-html';

export interface SearchPageModel {
  identity: AdminIdentity;
  query: string;
  transfers: readonly Transfer[];
}

const HOW_TO_SEARCH = html`<p>
  Type a transfer id (for example R0A-A-100234) or a Trac applicant id (for example A-100234) in the box at
  the top of the page, in capitals or small letters.
</p>`;

/** `GET /admin/search?q=…`: the transfers the text names, each linking to its page. */
export function renderSearchPage(model: SearchPageModel): string {
  const { query, transfers } = model;
  const found =
    transfers.length === 0
      ? html`<p id="search-summary">No transfer matches “${query}”.</p>
          ${startOffer(model.identity, query)} ${HOW_TO_SEARCH}`
      : html`<p id="search-summary">
            ${transfers.length} ${transfers.length === 1 ? 'transfer matches' : 'transfers match'} “${query}”.
          </p>
          ${dataTable({
            id: 'search-results',
            caption: `Transfers matching ${query}`,
            columns: TRANSFER_COLUMNS,
            rows: transfers.map(transferRow),
          })}`;
  return renderPage({
    title: 'Find a transfer',
    identity: model.identity,
    search: query,
    body: query.trim() === '' ? HOW_TO_SEARCH : found,
  });
}
