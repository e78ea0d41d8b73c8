import { dataTable, html } from '../../../src/admin/pages/html';

const squash = (markup: string) => markup.replace(/>\s+</g, '><').replace(/\s+/g, ' ');

describe('dataTable', () => {
  it('when given a caption, columns and rows, then it renders them in order with the caption escaped', () => {
    const table = dataTable({
      id: 'latest',
      caption: 'Failed with <script>',
      columns: ['Transfer', false, 'State'],
      rows: [
        html`<tr>
          <td>R0A-A-1</td>
          <td>failed</td>
        </tr>`,
      ],
    });

    expect(squash(table.value)).toBe(
      '<div class="nhsuk-scroll" data-module="nhsuk-scroll">' +
        '<div class="nhsuk-scroll__content" role="region" aria-labelledby="latest-caption">' +
        '<table class="nhsuk-table" id="latest">' +
        '<caption class="nhsuk-table__caption nhsuk-table__caption--s" id="latest-caption"> Failed with &lt;script&gt; </caption>' +
        '<thead class="nhsuk-table__head"><tr class="nhsuk-table__row">' +
        '<th class="nhsuk-table__header" scope="col">Transfer</th><th class="nhsuk-table__header" scope="col">State</th>' +
        '</tr></thead><tbody class="nhsuk-table__body"><tr><td>R0A-A-1</td><td>failed</td></tr></tbody></table>' +
        '</div></div>',
    );
  });

  it('when no id is given, then the table has no id attribute, and its caption an id made of its words', () => {
    const table = dataTable({ caption: 'Transfers that failed: No match', columns: ['A'], rows: [] }).value;

    expect(table).toMatch(/<table class="nhsuk-table" ?>/);
    expect(table).toContain('aria-labelledby="caption-transfers-that-failed-no-match"');
    expect(table).toContain('id="caption-transfers-that-failed-no-match"');
    expect(table.match(/ id=/g)).toHaveLength(1);
  });
});
