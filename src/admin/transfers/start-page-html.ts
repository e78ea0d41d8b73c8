import type { Organisation } from '../../../config/organisations';
import { triggerStatusWords } from '../../transfer/trigger-status';
import type { AdminIdentity } from '../auth/admin-users';
import { csrfInput } from './failed-section-html';
import { html, type SafeHtml } from '../pages/html';
import { button } from '../pages/page-components-html';
import { renderPage, type Notice } from '../pages/page-layout';

/** The manual start's two fields, as its form names them. */
export type StartField = 'organisationCode' | 'applicantId';

/** What the form holds: the values typed (kept after a problem) and a message per field at fault. */
export interface StartFormState {
  values: Partial<Record<StartField, string>>;
  errors: Partial<Record<StartField, string>>;
  /** A problem that is no field's (Trac did not answer). */
  problem?: string;
}

export const EMPTY_START_FORM: StartFormState = { values: {}, errors: {} };

/** Where each field is, for the error summary's links. */
export const START_FIELD_IDS: Readonly<Record<StartField, string>> = {
  organisationCode: 'start-organisation',
  applicantId: 'start-applicant',
};

/** The NHS.UK error message above a field (its visually hidden "Error:" is the design system's own). */
function errorMessage(id: string, text: string | undefined): SafeHtml {
  if (!text) return html``;
  // one line: Prettier's HTML formatting would put white space inside the message
  // prettier-ignore
  return html`<span class="nhsuk-error-message" id="${id}-error"><span class="nhsuk-u-visually-hidden">Error:</span> ${text}</span>`;
}

const groupClass = (error: string | undefined) =>
  error ? 'nhsuk-form-group nhsuk-form-group--error' : 'nhsuk-form-group';

/**
 * The manual start form, NHS.UK style: no browser validation (`novalidate`: the server checks every
 * field and says what is wrong at the field), the values typed kept, each error at its field.
 * HR admins only: nothing for support.
 */
export function startForm(
  identity: AdminIdentity,
  organisations: readonly Organisation[],
  state: StartFormState = EMPTY_START_FORM,
): SafeHtml {
  if (identity.role !== 'hr-admin') return html``;
  const { values, errors } = state;
  const options = organisations
    .filter((organisation) => organisation.enabled)
    .map((o) =>
      o.code === values.organisationCode
        ? html`<option value="${o.code}" selected>${o.code} — ${o.name}</option>`
        : html`<option value="${o.code}">${o.code} — ${o.name}</option>`,
    );
  const orgId = START_FIELD_IDS.organisationCode;
  const applicantId = START_FIELD_IDS.applicantId;
  const applicantDescribedBy = `${applicantId}-hint${errors.applicantId ? ` ${applicantId}-error` : ''}`;
  return html`<form method="post" action="/admin/actions/start" novalidate>
    ${csrfInput(identity)}
    <div class="${groupClass(errors.organisationCode)}">
      <label class="nhsuk-label" for="${orgId}">Organisation</label>
      ${errorMessage(orgId, errors.organisationCode)}
      <select
        class="${errors.organisationCode ? 'nhsuk-select nhsuk-select--error' : 'nhsuk-select'}"
        id="${orgId}"
        name="organisationCode"
        ${errors.organisationCode ? html`aria-describedby="${orgId}-error"` : ''}
      >
        ${options}
      </select>
    </div>
    <div class="${groupClass(errors.applicantId)}">
      <label class="nhsuk-label" for="${applicantId}">Trac applicant id</label>
      <div class="nhsuk-hint" id="${applicantId}-hint">For example A-100234</div>
      ${errorMessage(applicantId, errors.applicantId)}
      <input
        class="${errors.applicantId ? 'nhsuk-input nhsuk-input--width-20 nhsuk-input--error' : 'nhsuk-input nhsuk-input--width-20'}"
        id="${applicantId}"
        name="applicantId"
        type="text"
        value="${values.applicantId ?? ''}"
        autocomplete="off"
        spellcheck="false"
        aria-describedby="${applicantDescribedBy}"
      />
    </div>
    ${button('Start transfer')}
  </form>`;
}

/** The error summary of a form that came back: the problem, then a link to each field at fault. */
function summaryOf(state: StartFormState): Notice | undefined {
  const fields = (Object.keys(START_FIELD_IDS) as StartField[]).filter((field) => state.errors[field]);
  if (fields.length === 0 && !state.problem) return undefined;
  return {
    kind: 'problem',
    text: state.problem ?? 'No transfer was started.',
    links: fields.map((field) => ({ href: `#${START_FIELD_IDS[field]}`, text: state.errors[field] ?? '' })),
  };
}

export interface StartPageModel {
  identity: AdminIdentity;
  organisations: readonly Organisation[];
  /** `TRIGGER_STATUSES`, named on the page. */
  triggerStatuses: readonly string[];
  state?: StartFormState;
}

/** `GET /admin/start` (and a manual start that came back with a problem): the form on a page of its own. */
export function renderStartPage(model: StartPageModel): string {
  const state = model.state ?? EMPTY_START_FORM;
  const body =
    model.identity.role === 'hr-admin'
      ? html`<p>
            For an applicant whose Trac status is ${triggerStatusWords(model.triggerStatuses)} but whose
            transfer never started. Trac is asked first; nothing is started unless Trac holds the applicant,
            under that organisation, with that status.
          </p>
          ${startForm(model.identity, model.organisations, state)}`
      : html`<p>Only HR admins can start a transfer by hand: ask one of them.</p>`;
  return renderPage({
    title: 'Start a transfer by hand',
    identity: model.identity,
    backLink: { href: '/admin', text: 'Back to the overview' },
    notice: summaryOf(state),
    body,
  });
}
