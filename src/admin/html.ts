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

/** `2026-06-14 10:22:06 UTC` inside a `<time>` element; a dash when there is no time. */
export function timeOf(iso: string | null | undefined): SafeHtml {
  if (!iso) return html`—`;
  const text = iso.replace('T', ' ').replace(/\.\d+Z$|Z$/, ' UTC');
  return html`<time datetime="${iso}">${text}</time>`;
}

export interface DataTable {
  /** `id` of the table element, when something (a test, a link) needs to find it. */
  id?: string;
  caption: string | SafeHtml;
  /** Column headings, left to right; a falsy entry is left out (a column only some roles see). */
  columns: readonly (string | SafeHtml | false)[];
  rows: readonly SafeHtml[];
}

/** A table of the page: caption, one row of column headings, then the rows. */
export function dataTable(table: DataTable): SafeHtml {
  const headings = table.columns.filter((column) => column !== false);
  return html`<table${table.id ? html` id="${table.id}"` : ''}>
    <caption>
      ${table.caption}
    </caption>
    <thead>
      <tr>
        ${headings.map((column) => html`<th scope="col">${column}</th>`)}
      </tr>
    </thead>
    <tbody>
      ${table.rows}
    </tbody>
  </table>`;
}
