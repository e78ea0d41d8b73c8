import type { Organisation } from '../../config/organisations';
import { TRANSFER_STATES, type Transfer, type TransferState } from '../transfer/transfer';
import type { AdminIdentity } from './admin-users';
import type { AuditEntry } from './audit-log';
import { csrfInput } from './failed-section-html';
import { dataTable, html, timeOf, type SafeHtml } from './html';

export function countsSection(counts: Record<TransferState, number>): SafeHtml {
  const rows = TRANSFER_STATES.map(
    (state) =>
      html`<tr>
        <th scope="row">${state}</th>
        <td>${counts[state]}</td>
      </tr>`,
  );
  return html`<section aria-labelledby="counts-heading">
    <h2 id="counts-heading">Transfers by state</h2>
    ${dataTable({ caption: 'How many transfers are in each state', columns: ['State', 'Transfers'], rows })}
  </section>`;
}

export function manualStartSection(
  identity: AdminIdentity,
  organisations: readonly Organisation[],
): SafeHtml {
  if (identity.role !== 'hr-admin') return html``;
  const options = organisations
    .filter((organisation) => organisation.enabled)
    .map((o) => html`<option value="${o.code}">${o.code} — ${o.name}</option>`);
  return html`<section aria-labelledby="start-heading">
    <h2 id="start-heading">Start a transfer by hand</h2>
    <p>
      For an applicant whose Trac status is Outcome: Recruited but whose transfer never started. Trac is asked
      first.
    </p>
    <form method="post" action="/admin/actions/start">
      ${csrfInput(identity)}
      <p>
        <label for="start-organisation">Organisation</label>
        <select id="start-organisation" name="organisationCode" required>
          ${options}
        </select>
      </p>
      <p>
        <label for="start-applicant">Trac applicant id</label>
        <input
          id="start-applicant"
          name="applicantId"
          required
          pattern="[A-Za-z0-9_\\-]{1,64}"
          autocomplete="off"
          aria-describedby="start-applicant-hint"
        />
        <span id="start-applicant-hint" class="hint">For example A-100234</span>
      </p>
      <p><button type="submit">Start transfer</button></p>
    </form>
  </section>`;
}

export function latestSection(transfers: readonly Transfer[]): SafeHtml {
  const rows = transfers.map(
    (t) =>
      html`<tr data-transfer-id="${t.transferId}">
        <th scope="row">${t.transferId}</th>
        <td>${t.state}</td>
        <td>${t.reason ?? '—'}</td>
        <td>${t.attempts}</td>
        <td>${timeOf(t.updatedAt)}</td>
      </tr>`,
  );
  return html`<section aria-labelledby="latest-heading">
    <h2 id="latest-heading">Latest transfers</h2>
    ${dataTable({
      id: 'latest-transfers',
      caption: 'The most recently changed transfers, newest first',
      columns: ['Transfer', 'State', 'Reason', 'Attempts', 'Last change'],
      rows,
    })}
  </section>`;
}

export function auditSection(entries: readonly AuditEntry[]): SafeHtml {
  const rows = entries.map(
    (e) =>
      html`<tr>
        <td>${timeOf(e.at)}</td>
        <td>${e.user}</td>
        <td>${e.role}</td>
        <td>${e.action}</td>
        <td>${e.target}</td>
        <td>${e.result}</td>
      </tr>`,
  );
  return html`<section aria-labelledby="audit-heading">
    <h2 id="audit-heading">Recent admin actions</h2>
    <p>The full log: <a href="/admin/audit">audit log (JSON)</a>.</p>
    ${dataTable({
      caption: 'The latest admin writes, newest first',
      columns: ['When', 'Who', 'Role', 'Action', 'Target', 'Result'],
      rows,
    })}
  </section>`;
}
