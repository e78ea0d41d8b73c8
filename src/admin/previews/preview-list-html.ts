import type { Organisation } from '../../../config/organisations';
import type { PreviewSummary } from '../../preview/preview';
import type { AdminIdentity } from '../auth/admin-users';
import { cell, dataTable, html, rowHeading, tableRow, timeOf, type SafeHtml } from '../pages/html';
import { pageSection } from '../pages/page-components-html';
import { renderPage } from '../pages/page-layout';
import type { PreviewFormState } from './preview-form';
import { previewFormSummary, previewStartForm } from './preview-form-html';
import { PREVIEWS_PATH, previewPath, progressText, STATE_TAGS } from './preview-pages-html';

const WHEN_TO_RUN = html`<p>
  A match preview shows, before anything is sent, which Trac applicants would match their applicant record in
  ESR and why the others would not. Run one before go-live and before each rotation, correct ESR (or Trac),
  then run it again. It reads Trac and ESR only: nothing is written to either.
</p>`;

/** What a preview covered: its statuses (every one when none were given) and the earliest status change. */
function coveredText(preview: PreviewSummary): SafeHtml {
  const statuses = preview.statuses.length > 0 ? preview.statuses.join(', ') : 'Every status';
  return preview.changedSince
    ? html`${statuses}; changed on or after ${timeOf(preview.changedSince)}`
    : html`${statuses}`;
}

/** `3 would match, 1 no match, 0 ambiguous`: the three counts in one cell, so the list fits the page. */
const resultsText = (counts: PreviewSummary['counts']) =>
  `${counts.MATCHED} would match, ${counts.NO_ESR_MATCH} no match, ${counts.AMBIGUOUS_ESR_MATCH} more than one match`;

function previewRow(preview: PreviewSummary): SafeHtml {
  return tableRow([
    rowHeading(html`<a class="nhsuk-link" href="${previewPath(preview.previewId)}">${preview.previewId}</a>`),
    cell(preview.organisationCode),
    cell(coveredText(preview)),
    cell(STATE_TAGS[preview.state]),
    cell(html`${resultsText(preview.counts)}<br />${progressText(preview.progress)}`),
    cell(timeOf(preview.createdAt)),
  ]);
}

export interface PreviewListModel {
  identity: AdminIdentity;
  previews: readonly PreviewSummary[];
  organisations: readonly Organisation[];
  /** The start form as it came back with a problem (values kept, errors at their fields). */
  form?: PreviewFormState;
}

/** `GET /admin/match-previews` in a browser: what a preview is, the start form, the last 7 days' previews. */
export function renderPreviewList(model: PreviewListModel): string {
  const list =
    model.previews.length === 0
      ? html`<p id="previews-none">No match preview in the last 7 days.</p>`
      : dataTable({
          id: 'previews',
          caption: 'Match previews of the last 7 days, newest first',
          columns: ['Preview', 'Organisation', 'Trac statuses covered', 'State', 'Results', 'Started'],
          rows: model.previews.map(previewRow),
        });
  return renderPage({
    title: 'Match previews',
    identity: model.identity,
    current: PREVIEWS_PATH,
    notice: previewFormSummary(model.form),
    body: [
      WHEN_TO_RUN,
      previewStartForm(model.identity, model.organisations, model.form),
      pageSection('previews-heading', 'Previews', list),
    ],
  });
}
