import type { Organisation } from '../../config/organisations';
import { html, type SafeHtml } from '../admin/pages/html';
import type { ReasonCode } from '../platform/errors';
import { ukTimeText } from '../platform/uk-time';
import { providerName } from '../transfer/match-hints';
import { REASONS } from '../transfer/reasons';
import type { Transfer } from '../transfer/transfer';
import { causeHtml, causeLines, transferUrlOf } from './digest-causes';

/**
 * What the digest says of one failed transfer: identifiers, a time and a failed match's cause
 * (hint codes and ESR ids), never personal data.
 */
export type DigestTransfer = Pick<
  Transfer,
  'transferId' | 'applicantId' | 'reason' | 'finishedAt' | 'updatedAt'
> &
  Partial<Pick<Transfer, 'match'>>;

export interface DigestContent {
  /** The organisation (its DiT provider names the interface in the causes' sentences). */
  organisation: Pick<Organisation, 'code' | 'name'> & Partial<Pick<Organisation, 'ditProvider'>>;
  /** The failed transfers to list, newest first (at most MAX_LISTED). */
  transfers: readonly DigestTransfer[];
  /** How many transfers of the organisation are failed (the subject's N). */
  total: number;
  /** PUBLIC_BASE_URL, without a trailing slash. */
  publicBaseUrl: string;
}

export interface DigestMessage {
  subject: string;
  text: string;
  html: string;
}

/** Transfers listed in one e-mail; the rest are counted and left to the HR page. */
export const MAX_LISTED = 200;

/** The HR page's list of an organisation's failed transfers: the link every digest carries. */
export function hrPageUrlOf(publicBaseUrl: string, organisationCode: string): string {
  const query = new URLSearchParams({ state: 'failed', organisation: organisationCode });
  return `${publicBaseUrl}/admin/transfers?${query.toString()}`;
}

/** `14 June 2026 at 11:22:07 BST`: UK time, as on the HR pages. */
function whenOf(transfer: DigestTransfer): string {
  return ukTimeText(transfer.finishedAt ?? transfer.updatedAt);
}

interface ReasonGroup {
  reason: ReasonCode | null;
  title: string;
  fix: string;
  transfers: DigestTransfer[];
}

/** One group per reason, in the order reasons first appear (newest first); sentences from REASONS. */
function groupByReason(transfers: readonly DigestTransfer[]): ReasonGroup[] {
  const groups = new Map<ReasonCode | null, ReasonGroup>();
  for (const transfer of transfers) {
    const { reason } = transfer;
    let group = groups.get(reason);
    if (!group) {
      const known = reason ? REASONS[reason] : undefined;
      group = {
        reason,
        title: known?.title ?? 'No reason recorded',
        fix: known?.fix ?? 'open the transfer’s page to see what happened, then re-queue it',
        transfers: [],
      };
      groups.set(reason, group);
    }
    group.transfers.push(transfer);
  }
  return [...groups.values()];
}

const subjectOf = (content: DigestContent) =>
  `DiT employment checks: ${content.total} transfers need attention (${content.organisation.code})`;

const countOf = (n: number) => (n === 1 ? '1 transfer' : `${n} transfers`);

function textOf(content: DigestContent, groups: readonly ReasonGroup[], link: string): string {
  const { organisation, total, transfers, publicBaseUrl } = content;
  const provider = providerName(organisation);
  const lines = [
    `DiT employment checks for ${organisation.name} (${organisation.code})`,
    '',
    `${countOf(total)} of employment checks from Trac to ESR failed and need attention.`,
    `See them in the list of failed transfers: ${link}`,
  ];
  for (const group of groups) {
    lines.push('', `${group.title} (${group.reason ?? 'no reason'}): ${countOf(group.transfers.length)}`);
    lines.push(`What to fix: ${group.fix}.`);
    for (const t of group.transfers) {
      lines.push(`- Transfer ${t.transferId}, applicant ${t.applicantId}, failed ${whenOf(t)}`);
      lines.push(...causeLines(t.match, provider, transferUrlOf(publicBaseUrl, t.transferId)));
    }
  }
  if (total > transfers.length)
    lines.push('', `And ${total - transfers.length} more: see the list of failed transfers.`);
  lines.push('', 'This e-mail names transfers and applicants by id only. Sent by the DiT checks connector.');
  return `${lines.join('\n')}\n`;
}

const CELL = 'border:1px solid #999;padding:4px 8px;text-align:left;vertical-align:top';

function groupHtml(group: ReasonGroup, provider: string, publicBaseUrl: string): SafeHtml {
  const rows = group.transfers.map(
    (t) =>
      html`<tr>
        <td style="${CELL}"><a href="${transferUrlOf(publicBaseUrl, t.transferId)}">${t.transferId}</a></td>
        <td style="${CELL}">${t.applicantId}</td>
        <td style="${CELL}">${whenOf(t)}</td>
        <td style="${CELL}">${causeHtml(t.match, provider)}</td>
      </tr>`,
  );
  return html`<h2>${group.title} (${group.reason ?? 'no reason'}): ${countOf(group.transfers.length)}</h2>
    <p><strong>What to fix:</strong> ${group.fix}.</p>
    <table style="border-collapse:collapse;margin:0 0 24px">
      <caption style="text-align:left">
        ${group.title}: failed transfers
      </caption>
      <thead>
        <tr>
          <th scope="col" style="${CELL}">Transfer</th>
          <th scope="col" style="${CELL}">Applicant</th>
          <th scope="col" style="${CELL}">Failed</th>
          <th scope="col" style="${CELL}">Cause and what to check</th>
        </tr>
      </thead>
      <tbody>
        ${rows}
      </tbody>
    </table>`;
}

function htmlOf(
  content: DigestContent,
  groups: readonly ReasonGroup[],
  link: string,
  subject: string,
): string {
  const { organisation, total, transfers, publicBaseUrl } = content;
  const more = total - transfers.length;
  const provider = providerName(organisation);
  return html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <title>${subject}</title>
      </head>
      <body style="font-family:Arial,sans-serif;font-size:16px;line-height:1.5;color:#212b32;max-width:960px">
        <h1>DiT employment checks for ${organisation.name} (${organisation.code})</h1>
        <p>${countOf(total)} of employment checks from Trac to ESR failed and need attention.</p>
        <p><a href="${link}">See the list of failed transfers of ${organisation.code}</a></p>
        ${groups.map((group) => groupHtml(group, provider, publicBaseUrl))}
        ${more > 0 ? html`<p>And ${more} more: see the list of failed transfers.</p>` : ''}
        <p>This e-mail names transfers and applicants by id only. Sent by the DiT checks connector.</p>
      </body>
    </html> `.value;
}

/** The digest of one organisation: subject, plain text and HTML, from the one table of reasons. */
export function composeDigest(content: DigestContent): DigestMessage {
  const groups = groupByReason(content.transfers);
  const link = hrPageUrlOf(content.publicBaseUrl, content.organisation.code);
  const subject = subjectOf(content);
  return { subject, text: textOf(content, groups, link), html: htmlOf(content, groups, link, subject) };
}
