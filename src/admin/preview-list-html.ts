import type { Organisation } from '../../config/organisations';
import type { PreviewSummary } from '../preview/preview';
import type { AdminIdentity } from './admin-users';
import { csrfInput } from './failed-section-html';
import { cell, dataTable, html, rowHeading, tableRow, timeOf, type SafeHtml } from './html';
import { button, pageSection } from './page-components-html';
import { renderPage, type Notice } from './page-layout';
import { PREVIEWS_PATH, previewPath, progressText, STATE_TAGS } from './preview-pages-html';

const WHEN_TO_RUN = html`<p>
  A match preview shows, before anything is sent, which Trac applicants would match their applicant record in
  ESR and why the others would not. Run one before go-live and before each rotation, correct ESR (or Trac),
  then run it again. It reads Trac and ESR only: nothing is written to either.
</p>`;

function startForm(identity: AdminIdentity, organisations: readonly Organisation[]): SafeHtml {
  if (identity.role !== 'hr-admin') return html``;
  const options = organisations
    .filter((o) => o.enabled)
    .map((o) => html`<option value="${o.code}">${o.code} — ${o.name}</option>`);
  return pageSection(
    'preview-start-heading',
    'Start a match preview',
    html`<form method="post" action="/admin/actions/match-preview" id="preview-start">
      ${csrfInput(identity)}
      <div class="nhsuk-form-group">
        <label class="nhsuk-label" for="preview-organisation">Organisation</label>
        <select class="nhsuk-select" id="preview-organisation" name="organisationCode" required>
          ${options}
        </select>
      </div>
      <div class="nhsuk-form-group">
        <label class="nhsuk-label" for="preview-statuses">Trac statuses</label>
        <div class="nhsuk-hint" id="preview-statuses-hint">
          Separated by commas; leave empty for every status
        </div>
        <input
          class="nhsuk-input"
          id="preview-statuses"
          name="statuses"
          type="text"
          aria-describedby="preview-statuses-hint"
          value="Offer: Accepted"
        />
      </div>
      <div class="nhsuk-form-group">
        <label class="nhsuk-label" for="preview-changed-since">Status changed on or after</label>
        <div class="nhsuk-hint" id="preview-changed-since-hint">Leave empty for any date</div>
        <input
          class="nhsuk-input nhsuk-input--width-10"
          id="preview-changed-since"
          name="changedSince"
          type="date"
          aria-describedby="preview-changed-since-hint"
        />
      </div>
      ${button('Start preview')}
    </form>`,
  );
}

function previewRow(preview: PreviewSummary): SafeHtml {
  return tableRow([
    rowHeading(html`<a class="nhsuk-link" href="${previewPath(preview.previewId)}">${preview.previewId}</a>`),
    cell(preview.organisationCode),
    cell(STATE_TAGS[preview.state]),
    cell(progressText(preview.progress)),
    cell(String(preview.counts.MATCHED)),
    cell(String(preview.counts.NO_ESR_MATCH)),
    cell(String(preview.counts.AMBIGUOUS_ESR_MATCH)),
    cell(timeOf(preview.createdAt)),
  ]);
}

export interface PreviewListModel {
  identity: AdminIdentity;
  previews: readonly PreviewSummary[];
  organisations: readonly Organisation[];
  notice?: Notice;
}

/** `GET /admin/match-previews` in a browser: what a preview is, the start form, the last 7 days' previews. */
export function renderPreviewList(model: PreviewListModel): string {
  const list =
    model.previews.length === 0
      ? html`<p id="previews-none">No match preview in the last 7 days.</p>`
      : dataTable({
          id: 'previews',
          caption: 'Match previews of the last 7 days, newest first',
          columns: [
            'Preview',
            'Organisation',
            'State',
            'Progress',
            'Would match',
            'No match',
            'Ambiguous',
            'Started',
          ],
          rows: model.previews.map(previewRow),
        });
  return renderPage({
    title: 'Match previews',
    identity: model.identity,
    current: PREVIEWS_PATH,
    notice: model.notice,
    body: [
      WHEN_TO_RUN,
      startForm(model.identity, model.organisations),
      pageSection('previews-heading', 'Previews', list),
    ],
  });
}
