import { parseTransferId } from '../../transfer/transfer-ids';
import { STARTING_STATUS_TEXT } from '../../transfer/trigger-status';
import type { AdminIdentity } from '../auth/admin-users';
import { html, type SafeHtml } from '../pages/html';

const APPLICANT_ID = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * The manual start's page, filled in with what is known: a transfer id (`?transfer=R0A-A-1`, its
 * organisation and applicant) or an applicant id alone (`?applicantId=A-1`).
 */
function startPathOf(text: string): string | undefined {
  const dash = text.indexOf('-');
  const asTransferId = dash > 0 ? `${text.slice(0, dash).toUpperCase()}${text.slice(dash)}` : text;
  if (parseTransferId(asTransferId))
    return `/admin/start?${new URLSearchParams({ transfer: asTransferId }).toString()}`;
  if (APPLICANT_ID.test(text)) return `/admin/start?${new URLSearchParams({ applicantId: text }).toString()}`;
  return undefined;
}

/**
 * What HR can do when an id names no transfer: start one by hand (HR admins; Trac is asked first,
 * so a wrong id starts nothing). Nothing for support, or for text that is no id.
 */
export function startOffer(identity: AdminIdentity, typed: string): SafeHtml {
  const path = startPathOf(typed.trim());
  if (identity.role !== 'hr-admin' || !path) return html``;
  return html`<p>
    If Trac holds this applicant in ${STARTING_STATUS_TEXT} and the transfer never started,
    <a class="nhsuk-link" id="start-offer" href="${path}">start the transfer by hand</a>.
  </p>`;
}
