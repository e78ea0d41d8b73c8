import type { Organisation } from '../../../config/organisations';
import type { Preview, PreviewItem, PreviewState, PreviewSummary } from '../../preview/preview';
import { MATCH_HINTS, type MatchHint } from '../../transfer/classify-match';
import { HINTS, NO_HINT_TEXT, providerName } from '../../transfer/match-hints';
import type { AdminIdentity } from '../auth/admin-users';
import { cell, dataTable, html, rowHeading, tableRow, timeOf, type SafeHtml } from '../pages/html';
import { pageSection, summaryList, tag } from '../pages/page-components-html';
import { renderPage } from '../pages/page-layout';
import { plainPreviewFailure } from './preview-failure-words';

/** The previews' page (its navigation entry) and one preview's page. */
export const PREVIEWS_PATH = '/admin/match-previews';
export const previewPath = (previewId: string) => `${PREVIEWS_PATH}/${encodeURIComponent(previewId)}`;

export const STATE_TAGS: Readonly<Record<PreviewState, SafeHtml>> = {
  waiting: tag('Waiting', 'grey'),
  active: tag('Running', 'blue'),
  completed: tag('Completed', 'green'),
  failed: tag('Failed', 'red'),
};

const RESULT_LABELS = {
  MATCHED: 'Would match',
  NO_ESR_MATCH: 'No match in ESR',
  AMBIGUOUS_ESR_MATCH: 'More than one match',
} as const;

export const progressText = (p: PreviewSummary['progress']) => `${p.checked} of ${p.listed} listed checked`;

function facts(preview: Preview): SafeHtml {
  const running = preview.state === 'waiting' || preview.state === 'active';
  return summaryList(
    [
      { key: 'Organisation', value: preview.organisationCode },
      {
        key: 'Trac statuses',
        value: preview.statuses.length > 0 ? preview.statuses.join(', ') : 'every status',
      },
      {
        key: 'Status changed since',
        value: preview.changedSince ? timeOf(preview.changedSince) : 'any date',
      },
      {
        key: 'State',
        value: running
          ? html`${STATE_TAGS[preview.state]}
              <a class="nhsuk-link" id="preview-refresh" href="${previewPath(preview.previewId)}">Refresh</a>`
          : STATE_TAGS[preview.state],
      },
      { key: 'Progress', value: progressText(preview.progress) },
      { key: 'Started', value: timeOf(preview.createdAt) },
      { key: 'Finished', value: timeOf(preview.finishedAt) },
      ...(preview.failedReason
        ? [{ key: 'Why it failed', value: plainPreviewFailure(preview.failedReason) }]
        : []),
    ],
    'preview-facts',
  );
}

function counts(preview: Preview): SafeHtml {
  const rows = (['MATCHED', 'NO_ESR_MATCH', 'AMBIGUOUS_ESR_MATCH'] as const).map((result) =>
    tableRow([
      rowHeading(html`${RESULT_LABELS[result]} <small>(${result})</small>`),
      cell(String(preview.counts[result])),
    ]),
  );
  return dataTable({
    id: 'preview-counts',
    caption: 'Applicants by result',
    columns: ['Result', 'Applicants'],
    rows,
  });
}

function itemRows(items: readonly PreviewItem[]): SafeHtml[] {
  return items.map((item) =>
    tableRow([
      rowHeading(item.applicantId),
      cell(RESULT_LABELS[item.result]),
      cell(item.esrApplicantIds.join(', ') || '—'),
      cell(item.hints.map((hint) => HINTS[hint].title).join('; ') || '—'),
    ]),
  );
}

function hintGroup(id: string, title: string, sentence: string, items: readonly PreviewItem[]): SafeHtml {
  return html`<section aria-labelledby="${id}-heading" id="${id}" class="preview-hint">
    <h3 id="${id}-heading">${title} (${items.length})</h3>
    <p class="hint-sentence">${sentence}</p>
    ${dataTable({
      caption: `Applicants: ${title}`,
      columns: ['Trac applicant', 'Result', 'ESR applicant ids', 'All hints'],
      rows: itemRows(items),
    })}
  </section>`;
}

/** Applicants that need action, one group per hint (an applicant with two hints is in both). */
function needingAction(preview: Preview, organisation: Organisation | undefined): SafeHtml {
  const provider = providerName(organisation);
  const unmatched = preview.items.filter((item) => item.result !== 'MATCHED');
  const groups = MATCH_HINTS.flatMap((hint: MatchHint) => {
    const items = unmatched.filter((item) => item.hints.includes(hint));
    return items.length > 0
      ? [hintGroup(`hint-${hint}`, HINTS[hint].title, HINTS[hint].fix(provider), items)]
      : [];
  });
  const unhinted = unmatched.filter((item) => item.hints.length === 0);
  if (unhinted.length > 0)
    groups.push(hintGroup('hint-none', NO_HINT_TEXT.title, NO_HINT_TEXT.fix(), unhinted));
  const body =
    groups.length > 0
      ? groups
      : html`<p id="nothing-to-do">
          ${preview.state === 'completed' ? 'Every applicant listed would match: nothing to correct.' : 'None so far.'}
        </p>`;
  return pageSection('action-heading', 'Applicants that need action', body);
}

/** `GET /admin/match-previews/{id}` in a browser: facts, counts, what to correct by hint, the CSV. */
export function renderPreviewPage(
  identity: AdminIdentity,
  preview: Preview,
  organisation?: Organisation,
): string {
  const csv = html`<p>
    <a class="nhsuk-link" id="preview-csv" href="${previewPath(preview.previewId)}.csv"
      >Download every applicant's result as CSV</a
    >
  </p>`;
  return renderPage({
    title: `Match preview ${preview.previewId}`,
    identity,
    current: PREVIEWS_PATH,
    backLink: { href: PREVIEWS_PATH, text: 'All match previews' },
    body: [
      facts(preview),
      pageSection('counts-heading', 'Results', [counts(preview), csv]),
      needingAction(preview, organisation),
    ],
  });
}

export function renderPreviewNotFound(identity: AdminIdentity, previewId: string): string {
  return renderPage({
    title: 'Match preview not found',
    identity,
    current: PREVIEWS_PATH,
    backLink: { href: PREVIEWS_PATH, text: 'All match previews' },
    body: html`<p>There is no match preview ${previewId}: previews are kept 7 days.</p>`,
  });
}
