import { HINTS, NO_HINT_TEXT } from '../../transfer/match-hints';
import type { Transfer } from '../../transfer/transfer';
import { html, type SafeHtml } from '../pages/html';

/** `ESR record 4417800`, `ESR records 4417802 and 4417803`. */
export function recordsText(ids: readonly string[]): string {
  if (ids.length === 1) return `ESR record ${ids[0]}`;
  return `ESR records ${ids.slice(0, -1).join(', ')} and ${ids[ids.length - 1]}`;
}

/**
 * A failed match's cause in one line, for a row of a list: the hints' headings and the ESR records
 * they are about (the transfer's page has each hint's sentence). Nothing for any other transfer.
 */
export function matchCauseLine(transfer: Pick<Transfer, 'match'>): SafeHtml {
  const { match } = transfer;
  if (!match) return html``;
  const titles = match.hints.length > 0 ? match.hints.map((hint) => HINTS[hint].title) : [NO_HINT_TEXT.title];
  const records = match.esrApplicantIds.length > 0 ? ` (${recordsText(match.esrApplicantIds)})` : '';
  return html`<p class="nhsuk-body-s nhsuk-u-margin-bottom-0">
    Likely cause: ${titles.join('; ')}${records}.
  </p>`;
}
