import { ukTimeText } from '../../platform/uk-time';

/** HTML that has been escaped or built from escaped parts; anything else is escaped when rendered. */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => ESCAPES[char] ?? char);
}

function render(value: unknown): string {
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return value.map(render).join('');
  if (typeof value === 'string') return escapeHtml(value);
  if (typeof value === 'number' || value === true) return String(value);
  return ''; // undefined, null and false render nothing (conditional parts)
}

/** A template tag that escapes every interpolated value unless it is SafeHtml (or a list of it). */
export function html(strings: TemplateStringsArray, ...values: unknown[]): SafeHtml {
  let out = strings[0] ?? '';
  values.forEach((value, i) => {
    out += render(value) + (strings[i + 1] ?? '');
  });
  return new SafeHtml(out);
}

/** An ISO time as the pages write it, in UK time: `14 June 2026 at 11:22:06 BST`. */
export const timeText = ukTimeText;

/** `14 June 2026 at 11:22:06 BST` inside a `<time>` element; a dash when there is no time. */
export function timeOf(iso: string | null | undefined): SafeHtml {
  if (!iso) return html`—`;
  return html`<time datetime="${iso}">${timeText(iso)}</time>`;
}

export interface DataTable {
  /** `id` of the table element, when something (a test, a link) needs to find it. */
  id?: string;
  caption: string | SafeHtml;
  /** Column headings, left to right; a falsy entry is left out (a column only some roles see). */
  columns: readonly (string | SafeHtml | false)[];
  /** Rows built with `tableRow`, `rowHeading` and `cell`. */
  rows: readonly SafeHtml[];
}

/** One row of a data table; `transferId` marks the row of a transfer (tests and links find it). */
export function tableRow(cells: readonly SafeHtml[], transferId?: string): SafeHtml {
  // a start tag alone: Prettier's HTML formatting would close it
  // prettier-ignore
  const open = transferId ? html`<tr class="nhsuk-table__row" data-transfer-id="${transferId}">` : html`<tr class="nhsuk-table__row">`;
  return html`${open}${cells}</tr>`;
}

/** The cell that names its row (a transfer id, a state). */
export const rowHeading = (content: unknown) =>
  html`<th class="nhsuk-table__header" scope="row">${content}</th>`;

export const cell = (content: unknown) => html`<td class="nhsuk-table__cell">${content}</td>`;

/** An id for a caption without a table id: its words, so that it is the same on every render. */
function captionIdOf(table: DataTable): string {
  if (table.id) return `${table.id}-caption`;
  const words = String(table.caption)
    .replace(/<[^>]*>/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 60);
  return `caption-${words}`;
}

/**
 * A table in the NHS.UK frontend's style: caption, one row of column headings, then the rows,
 * inside the design system's scroll component, so that a table wider than a small screen scrolls
 * inside the page rather than widening it (WCAG 1.4.10: the page reflows at 320 px); its script
 * makes the table focusable while it scrolls, so a keyboard can scroll it too.
 */
export function dataTable(table: DataTable): SafeHtml {
  const headings = table.columns.filter((column) => column !== false);
  const captionId = captionIdOf(table);
  // a start tag alone: Prettier's HTML formatting would close it
  // prettier-ignore
  const open = table.id ? html`<table class="nhsuk-table" id="${table.id}">` : html`<table class="nhsuk-table">`;
  return html`<div class="nhsuk-scroll" data-module="nhsuk-scroll">
    <div class="nhsuk-scroll__content" role="region" aria-labelledby="${captionId}">
      ${open}
        <caption class="nhsuk-table__caption nhsuk-table__caption--s" id="${captionId}">
          ${table.caption}
        </caption>
        <thead class="nhsuk-table__head">
          <tr class="nhsuk-table__row">
            ${headings.map((column) => html`<th class="nhsuk-table__header" scope="col">${column}</th>`)}
          </tr>
        </thead>
        <tbody class="nhsuk-table__body">
          ${table.rows}
        </tbody>
      </table>
    </div>
  </div>`;
}
