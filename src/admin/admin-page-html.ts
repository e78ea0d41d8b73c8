import type { Organisation } from '../../config/organisations';
import type { Transfer, TransferState } from '../transfer/transfer';
import type { AdminIdentity } from './admin-users';
import type { AuditEntry } from './audit-log';
import { html, SafeHtml } from './html';
import { failedSection, type FailedGroup } from './failed-section-html';
import { auditSection, countsSection, latestSection, manualStartSection } from './page-sections-html';

export interface Notice {
  kind: 'success' | 'problem';
  text: string;
}

/** What the HR page shows: ids, organisations, reasons, sentences and times; never personal data. */
export interface AdminPageModel {
  identity: AdminIdentity;
  counts: Record<TransferState, number>;
  failedGroups: FailedGroup[];
  failedTotal: number;
  failedShown: number;
  latest: Transfer[];
  audit: AuditEntry[];
  organisations: readonly Organisation[];
  notice?: Notice;
}

const STYLE = `
body{font-family:system-ui,sans-serif;margin:0 auto;max-width:72rem;padding:1rem;line-height:1.5;color:#111}
table{border-collapse:collapse;width:100%;margin:.5rem 0 1.5rem}th,td{border:1px solid #999;padding:.3rem .5rem;text-align:left;vertical-align:top}
caption{text-align:left;font-style:italic}button{font-size:1rem;padding:.3rem .8rem;cursor:pointer}
.visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
.notice{padding:.6rem 1rem;border:2px solid}.success{border-color:#1a7f37}.problem{border-color:#b00020}
a:focus,button:focus,input:focus,select:focus{outline:3px solid #fd0;outline-offset:2px}.hint{display:block;color:#444}`;

function noticeOf(notice: Notice | undefined): SafeHtml {
  if (!notice) return html``;
  const role = notice.kind === 'success' ? 'status' : 'alert';
  return html`<p class="notice ${notice.kind}" role="${role}">${notice.text}</p>`;
}

/** The whole HR page: plain HTML and CSS, no script. */
export function renderAdminPage(model: AdminPageModel): string {
  const { identity } = model;
  const roleText = identity.role === 'hr-admin' ? 'HR admin' : 'support (read-only)';
  return html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>Employment check transfers — DiT checks connector</title>
        <style>
          ${new SafeHtml(STYLE)}
        </style>
      </head>
      <body>
        <header>
          <p>Signed in as <strong>${identity.user}</strong>, ${roleText}.</p>
          <nav aria-label="Admin tools">
            <ul>
              <li><a href="/admin/queues">Bull Board: the transfer queue</a></li>
              <li><a href="/admin/audit">Audit log (JSON)</a></li>
              <li><a href="/openapi.json">API description (OpenAPI)</a></li>
            </ul>
          </nav>
        </header>
        <main>
          <h1>Employment check transfers</h1>
          ${noticeOf(model.notice)} ${countsSection(model.counts)}
          ${failedSection(identity, model.failedGroups, model.failedTotal, model.failedShown)}
          ${manualStartSection(identity, model.organisations)} ${latestSection(model.latest)}
          ${auditSection(model.audit)}
        </main>
      </body>
    </html>`.value;
}
