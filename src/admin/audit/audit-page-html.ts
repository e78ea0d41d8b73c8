import { MAX_AUDIT_PAGE, PAGE_SIZE } from '../api/admin-schemas';
import type { AdminIdentity } from '../auth/admin-users';
import type { AuditEntry } from './audit-log';
import { dataTable, html } from '../pages/html';
import { renderPage } from '../pages/page-layout';
import { AUDIT_COLUMNS, auditRow } from '../overview/page-sections-html';
import { pagination } from '../pages/pagination-html';

export const AUDIT_PATH = '/admin/audit';

export interface AuditPageModel {
  identity: AdminIdentity;
  page: number;
  total: number;
  entries: readonly AuditEntry[];
}

/**
 * `GET /admin/audit` in a browser: the audit log, newest first, 50 a page, every entry in words
 * (scripts and `curl` get the same entries as JSON from the same address).
 */
export function renderAuditPage(model: AuditPageModel): string {
  const { page, total } = model;
  const last = Math.min(MAX_AUDIT_PAGE, Math.max(1, Math.ceil(total / PAGE_SIZE)));
  const summary =
    total === 0
      ? 'No admin has changed anything yet.'
      : `${total} ${total === 1 ? 'change' : 'changes'} by admins, newest first; page ${page} of ${last}.`;
  return renderPage({
    title: 'Audit log',
    identity: model.identity,
    backLink: { href: '/admin', text: 'Back to the overview' },
    body: [
      html`<p>
        Every change an HR admin made (on these pages, through the API or in Bull Board), with who made it and
        whether it was done. Changes are kept at least 400 days.
      </p>`,
      html`<p id="audit-summary">${summary}</p>`,
      model.entries.length > 0
        ? dataTable({
            id: 'audit-log',
            caption: `Changes by admins, page ${page} of ${last}`,
            columns: AUDIT_COLUMNS,
            rows: model.entries.map(auditRow),
          })
        : html``,
      pagination(page, last, (n) => (n > 1 ? `${AUDIT_PATH}?page=${n}` : AUDIT_PATH)),
    ],
  });
}
