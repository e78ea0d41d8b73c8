import type { Organisation } from '../../../config/organisations';
import type { AdminIdentity } from '../auth/admin-users';
import { csrfInput } from '../transfers/failed-section-html';
import { html, type SafeHtml } from '../pages/html';
import { button, pageSection } from '../pages/page-components-html';
import type { Notice } from '../pages/page-layout';
import type { PreviewField, PreviewFormState } from './preview-form';

/** Where each field is, for the error summary's links (the date's first box for the date). */
const FIELD_IDS: Readonly<Record<PreviewField, string>> = {
  organisationCode: 'preview-organisation',
  statuses: 'preview-statuses',
  changedSince: 'preview-changed-since-day',
};

/** The form as first shown: the statuses HR usually previews, no date. */
export const FIRST_PREVIEW_FORM: PreviewFormState = { values: { statuses: 'Offer: Accepted' }, errors: {} };

function errorMessage(id: string, text: string | undefined): SafeHtml {
  if (!text) return html``;
  // one line: Prettier's HTML formatting would put white space inside the message
  // prettier-ignore
  return html`<span class="nhsuk-error-message" id="${id}-error"><span class="nhsuk-u-visually-hidden">Error:</span> ${text}</span>`;
}

const groupClass = (error: string | undefined) =>
  error ? 'nhsuk-form-group nhsuk-form-group--error' : 'nhsuk-form-group';

/** One box of the NHS.UK date input: day, month or year. */
function dateItem(part: 'day' | 'month' | 'year', value: string | undefined, error: boolean): SafeHtml {
  const id = `preview-changed-since-${part}`;
  const width = part === 'year' ? 'nhsuk-input--width-4' : 'nhsuk-input--width-2';
  const name = `changedSince${part.charAt(0).toUpperCase()}${part.slice(1)}`;
  const label = `${part.charAt(0).toUpperCase()}${part.slice(1)}`;
  return html`<div class="nhsuk-date-input__item">
    <div class="nhsuk-form-group">
      <label class="nhsuk-label nhsuk-date-input__label" for="${id}">${label}</label>
      <input
        class="nhsuk-input nhsuk-date-input__input ${width}${error ? ' nhsuk-input--error' : ''}"
        id="${id}"
        name="${name}"
        type="text"
        inputmode="numeric"
        value="${value ?? ''}"
      />
    </div>
  </div>`;
}

/**
 * The start form, NHS.UK style: no browser validation (the server checks every field and says
 * what is wrong at the field), the values typed kept, the date as day, month and year boxes (the
 * NHS.UK date input, not the browser's date picker). HR admins only.
 */
export function previewStartForm(
  identity: AdminIdentity,
  organisations: readonly Organisation[],
  state: PreviewFormState = FIRST_PREVIEW_FORM,
): SafeHtml {
  if (identity.role !== 'hr-admin') return html``;
  const { values, errors } = state;
  const options = organisations
    .filter((o) => o.enabled)
    .map((o) =>
      o.code === values.organisationCode
        ? html`<option value="${o.code}" selected>${o.code} — ${o.name}</option>`
        : html`<option value="${o.code}">${o.code} — ${o.name}</option>`,
    );
  const statusesDescribedBy = `preview-statuses-hint${errors.statuses ? ' preview-statuses-error' : ''}`;
  const dateDescribedBy = `preview-changed-since-hint${errors.changedSince ? ' preview-changed-since-error' : ''}`;
  return pageSection(
    'preview-start-heading',
    'Start a match preview',
    html`<form method="post" action="/admin/actions/match-preview" id="preview-start" novalidate>
      ${csrfInput(identity)}
      <div class="${groupClass(errors.organisationCode)}">
        <label class="nhsuk-label" for="preview-organisation">Organisation</label>
        ${errorMessage('preview-organisation', errors.organisationCode)}
        <select
          class="${errors.organisationCode ? 'nhsuk-select nhsuk-select--error' : 'nhsuk-select'}"
          id="preview-organisation"
          name="organisationCode"
          ${errors.organisationCode ? html`aria-describedby="preview-organisation-error"` : ''}
        >
          ${options}
        </select>
      </div>
      <div class="${groupClass(errors.statuses)}">
        <label class="nhsuk-label" for="preview-statuses">Trac statuses</label>
        <div class="nhsuk-hint" id="preview-statuses-hint">
          As Trac names them, separated by commas; leave empty for every status
        </div>
        ${errorMessage('preview-statuses', errors.statuses)}
        <input
          class="${errors.statuses ? 'nhsuk-input nhsuk-input--error' : 'nhsuk-input'}"
          id="preview-statuses"
          name="statuses"
          type="text"
          aria-describedby="${statusesDescribedBy}"
          value="${values.statuses ?? ''}"
        />
      </div>
      <div class="${groupClass(errors.changedSince)}">
        <fieldset class="nhsuk-fieldset" role="group" aria-describedby="${dateDescribedBy}">
          <legend class="nhsuk-fieldset__legend nhsuk-label">Status changed on or after</legend>
          <div class="nhsuk-hint" id="preview-changed-since-hint">
            For example, 1 5 2026 (UK time). Leave all three empty for any date.
          </div>
          ${errorMessage('preview-changed-since', errors.changedSince)}
          <div class="nhsuk-date-input" id="preview-changed-since">
            ${dateItem('day', values.day, Boolean(errors.changedSince))}
            ${dateItem('month', values.month, Boolean(errors.changedSince))}
            ${dateItem('year', values.year, Boolean(errors.changedSince))}
          </div>
        </fieldset>
      </div>
      ${button('Start preview')}
    </form>`,
  );
}

/** The error summary of a form that came back: a link to each field at fault. */
export function previewFormSummary(state: PreviewFormState | undefined): Notice | undefined {
  const fields = (Object.keys(FIELD_IDS) as PreviewField[]).filter((field) => state?.errors[field]);
  if (!state || fields.length === 0) return undefined;
  return {
    kind: 'problem',
    text: 'No preview was started.',
    links: fields.map((field) => ({ href: `#${FIELD_IDS[field]}`, text: state.errors[field] ?? '' })),
  };
}
