import type { RecordOutcome, RecordType } from '../../records/record-types';
import type { FirstTrigger, Transfer, TransferState } from '../../transfer/transfer';
import { html, type SafeHtml } from './html';

/**
 * The NHS.UK frontend components the HR pages use (nhsuk-frontend's markup, rendered here rather
 * than with its Nunjucks macros): tags, buttons, summary lists, links to a transfer. Every value
 * goes through `html`, which escapes it.
 */

type TagColour = 'grey' | 'blue' | 'yellow' | 'green' | 'red' | 'orange' | 'aqua-green' | 'white';

export const tag = (text: string, colour: TagColour) =>
  html`<strong class="nhsuk-tag nhsuk-tag--${colour}">${text}</strong>`;

/** Each state as HR reads it (the API's code beside it, for support staff comparing with JSON). */
export const STATE_LABELS: Readonly<Record<TransferState, { text: string; colour: TagColour }>> = {
  waiting: { text: 'Waiting', colour: 'grey' },
  active: { text: 'Running', colour: 'blue' },
  delayed: { text: 'Retrying later', colour: 'yellow' },
  completed: { text: 'Completed', colour: 'green' },
  failed: { text: 'Failed', colour: 'red' },
};

export const stateTag = (state: TransferState) => tag(STATE_LABELS[state].text, STATE_LABELS[state].colour);

/** What a list calls a completed transfer whose records are not all sent: not the plain green tag. */
export const OUTSTANDING_LABEL = 'Completed, records outstanding';

/** A transfer's state tag; a completed one with outstanding records is tagged as such. */
export const transferStateTag = (transfer: Pick<Transfer, 'state' | 'outstanding'>) =>
  transfer.state === 'completed' && transfer.outstanding.length > 0
    ? tag(OUTSTANDING_LABEL, 'orange')
    : stateTag(transfer.state);

export const RECORD_LABELS: Readonly<Record<RecordType, string>> = {
  dbs: 'DBS check',
  'professional-registration': 'Professional registration',
  references: 'References',
  'employment-checklist': 'Employment checklist',
  'illegal-working-checklist': 'Right to work (illegal working checklist)',
  'eu-status': 'EU settlement status',
};

const OUTCOME_LABELS: Readonly<Record<RecordOutcome, { text: string; colour: TagColour }>> = {
  SENT: { text: 'Sent to ESR', colour: 'green' },
  SUPERSEDED_IN_ESR: { text: 'Already held in ESR', colour: 'aqua-green' },
  NOT_RECORDED: { text: 'Not recorded in Trac', colour: 'grey' },
  NOT_COMPLETE: { text: 'Not complete in Trac', colour: 'orange' },
  NOT_REQUIRED: { text: 'Not required', colour: 'grey' },
  NOT_SENT: { text: 'Not sent', colour: 'white' },
  PENDING: { text: 'In progress', colour: 'blue' },
};

export const outcomeTag = (outcome: RecordOutcome) =>
  tag(OUTCOME_LABELS[outcome].text, OUTCOME_LABELS[outcome].colour);

export const TRIGGER_LABELS: Readonly<Record<FirstTrigger, string>> = {
  webhook: 'Trac webhook',
  manual: 'Started by hand (HR admin)',
  reconciliation: 'Found by a sweep (its webhook never came)',
};

/** One transfer's page. */
export const transferPath = (transferId: string) => `/admin/transfers/${encodeURIComponent(transferId)}`;

export const transferLink = (transferId: string) =>
  html`<a class="nhsuk-link" href="${transferPath(transferId)}">${transferId}</a>`;

export type ButtonVariant = 'primary' | 'secondary' | 'warning';

/** A submit button; `small` for one in a table row. */
export function button(
  label: SafeHtml | string,
  variant: ButtonVariant = 'primary',
  small = false,
): SafeHtml {
  const classes = [
    'nhsuk-button',
    variant !== 'primary' && `nhsuk-button--${variant}`,
    small && 'nhsuk-button--small',
  ].filter(Boolean);
  return html`<button class="${classes.join(' ')}" data-module="nhsuk-button" type="submit">
    ${label}
  </button>`;
}

export interface SummaryRow {
  key: string;
  value: SafeHtml | string;
}

/** Key–value rows of one thing (a transfer's facts). */
export function summaryList(rows: readonly SummaryRow[], id?: string): SafeHtml {
  // a start tag alone: Prettier's HTML formatting would close it
  // prettier-ignore
  const open = id ? html`<dl class="nhsuk-summary-list" id="${id}">` : html`<dl class="nhsuk-summary-list">`;
  return html`${open}
    ${rows.map(
      (row) =>
        html`<div class="nhsuk-summary-list__row">
          <dt class="nhsuk-summary-list__key">${row.key}</dt>
          <dd class="nhsuk-summary-list__value">${row.value}</dd>
        </div>`,
    )}
  </dl>`;
}

export const visuallyHidden = (text: string) => html`<span class="nhsuk-u-visually-hidden">${text}</span>`;

/** A heading and its content as one labelled region of a page. */
export function pageSection(id: string, heading: string, body: SafeHtml | readonly SafeHtml[]): SafeHtml {
  return html`<section aria-labelledby="${id}">
    <h2 id="${id}">${heading}</h2>
    ${body}
  </section>`;
}
