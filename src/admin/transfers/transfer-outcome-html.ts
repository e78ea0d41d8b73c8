import type { Organisation } from '../../../config/organisations';
import { HINTS, NO_HINT_TEXT, providerName } from '../../transfer/match-hints';
import { isOutOfScopeMessage } from '../../transfer/outstanding-messages';
import { plainCompletedMessage } from '../../transfer/plain-outcome';
import type { Transfer } from '../../transfer/transfer';
import type { AdminIdentity } from '../auth/admin-users';
import { csrfInput, RETURN_FIELD } from './failed-section-html';
import { html, timeOf, type SafeHtml } from '../pages/html';
import { recordsText } from './match-cause-html';
import { button, pageSection, RECORD_LABELS } from '../pages/page-components-html';

/**
 * Why a failed transfer did not match (its `match`): each hint's heading and its one sentence of
 * what to check in ESR, and the ESR records the hints are about. Nothing for any other transfer.
 */
export function matchSection(
  transfer: Pick<Transfer, 'match'>,
  organisation: Organisation | undefined,
): SafeHtml {
  const { match } = transfer;
  if (!match) return html``;
  const provider = providerName(organisation);
  const causes =
    match.hints.length > 0
      ? match.hints.map((hint) => ({ title: HINTS[hint].title, fix: HINTS[hint].fix(provider) }))
      : [{ title: NO_HINT_TEXT.title, fix: NO_HINT_TEXT.fix() }];
  const records =
    match.esrApplicantIds.length > 0
      ? html`<p>The causes above are about ${recordsText(match.esrApplicantIds)}.</p>`
      : html`<p>No ESR record is named: none could be this applicant's.</p>`;
  return pageSection(
    'match-heading',
    'Why it did not match',
    html`<ul class="nhsuk-list" id="transfer-match">
        ${causes.map((cause) => html`<li><strong>${cause.title}.</strong> ${cause.fix}</li>`)}
      </ul>
      ${records}`,
  );
}

/** The "Send outstanding records" button (HR admins), which comes back to the transfer's page. */
function sendOutstandingButton(identity: AdminIdentity, transfer: Pick<Transfer, 'transferId'>): SafeHtml {
  if (identity.role !== 'hr-admin') return html``;
  return html`<form method="post" action="/admin/actions/send-outstanding">
    ${csrfInput(identity)}
    <input type="hidden" name="transferId" value="${transfer.transferId}" />
    <input type="hidden" name="${RETURN_FIELD}" value="transfer" />
    ${button('Send outstanding records', 'secondary')}
  </form>`;
}

type OutstandingFacts = Pick<
  Transfer,
  'transferId' | 'outstanding' | 'outstandingRequestedAt' | 'message' | 'updatedAt'
>;

/**
 * What the last send of the outstanding records did, and when, in HR's words; nothing before any
 * send. A completed transfer's `message` is written only by a send-outstanding run's end, its last
 * write (an HR admin's request does not change `updatedAt`), so `updatedAt` is when that run ended.
 */
function lastSend(transfer: OutstandingFacts): SafeHtml {
  const said = plainCompletedMessage(transfer.message);
  if (!said) return html``;
  return html`<p id="transfer-last-send">
    The last attempt to send the outstanding records, on ${timeOf(transfer.updatedAt)}: ${said}
  </p>`;
}

/** The one way left when the ESR applicant is no longer in scope: pressing again would fail the same way. */
const BY_HAND = html`<p id="transfer-by-hand">
  Enter the outstanding records in ESR by hand, on the doctor's record, after checking in ESR that the record
  is this applicant's (the post or vacancy, the GMC or GDC number). They cannot be sent from here: ESR no
  longer holds the applicant record they were to go to, so sending them again would fail the same way.
</p>`;

/**
 * A completed transfer's outstanding records: each named, what the last send of them did, the two
 * ways forward and the button that sends those Trac now holds as complete, or, once the ESR
 * applicant is no longer in scope, the one way left. Nothing for a transfer with none.
 */
export function outstandingSection(identity: AdminIdentity, transfer: OutstandingFacts): SafeHtml {
  if (transfer.outstanding.length === 0) return html``;
  const asked = transfer.outstandingRequestedAt
    ? html`<p>Sending them was asked for: reload this page to see what was sent.</p>`
    : '';
  const listed = html`<p>Trac did not hold these as complete when the transfer ran, so they were not sent:</p>
    <ul class="nhsuk-list nhsuk-list--bullet" id="transfer-outstanding">
      ${transfer.outstanding.map((type) => html`<li>${RECORD_LABELS[type]}</li>`)}
    </ul>
    ${lastSend(transfer)}`;
  if (isOutOfScopeMessage(transfer.message)) {
    return pageSection('outstanding-heading', 'Outstanding records', html`${listed} ${BY_HAND} ${asked}`);
  }
  return pageSection(
    'outstanding-heading',
    'Outstanding records',
    html`${listed}
      <p>For each, either:</p>
      <ol class="nhsuk-list nhsuk-list--number">
        <li>
          complete it in Trac, then send it from here with "Send outstanding records" (only what Trac then
          holds as complete is sent, and never twice), or
        </li>
        <li>
          enter it in ESR by hand, after checking in ESR that the record is this applicant's (the post or
          vacancy, the GMC or GDC number).
        </li>
      </ol>
      ${asked} ${sendOutstandingButton(identity, transfer)}`,
  );
}
