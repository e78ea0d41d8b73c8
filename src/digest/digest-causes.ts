import { html, type SafeHtml } from '../admin/pages/html';
import { recordsText } from '../admin/transfers/match-cause-html';
import { HINTS, NO_HINT_TEXT } from '../transfer/match-hints';
import type { MatchSummary } from '../transfer/transfer';

/** One transfer's page: the link each transfer of a digest carries. */
export function transferUrlOf(publicBaseUrl: string, transferId: string): string {
  return `${publicBaseUrl}/admin/transfers/${encodeURIComponent(transferId)}`;
}

/** A cause of a failed match in HR's words: its heading and the one sentence of what to check. */
interface Cause {
  title: string;
  fix: string;
}

/**
 * The causes of a failed match (the match preview's hints, worked out when the transfer failed),
 * each with its sentence: what to check in ESR, and how to tell the record is this applicant's.
 */
export function causesOf(match: MatchSummary | null | undefined, provider: string): Cause[] {
  if (!match) return [];
  if (match.hints.length === 0) return [{ title: NO_HINT_TEXT.title, fix: NO_HINT_TEXT.fix() }];
  return match.hints.map((hint) => ({ title: HINTS[hint].title, fix: HINTS[hint].fix(provider) }));
}

/** The plain-text lines under a transfer of the digest: its causes, the records, its page. */
export function causeLines(
  match: MatchSummary | null | undefined,
  provider: string,
  transferUrl: string,
): string[] {
  const lines = causesOf(match, provider).map((cause) => `  Cause: ${cause.title}. ${cause.fix}`);
  if (match && match.esrApplicantIds.length > 0) {
    lines.push(`  The causes are about ${recordsText(match.esrApplicantIds)}.`);
  }
  lines.push(`  Open the transfer: ${transferUrl}`);
  return lines;
}

/** The same as HTML, for the digest's table cell. */
export function causeHtml(match: MatchSummary | null | undefined, provider: string): SafeHtml {
  const causes = causesOf(match, provider);
  if (causes.length === 0) return html`See the reason above.`;
  const records =
    match && match.esrApplicantIds.length > 0
      ? html`<p style="margin:0">The causes are about ${recordsText(match.esrApplicantIds)}.</p>`
      : '';
  return html`${causes.map(
    (cause) => html`<p style="margin:0 0 8px"><strong>${cause.title}.</strong> ${cause.fix}</p>`,
  )}${records}`;
}
