import { dataTable, html } from '../../../src/admin/html';

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
      '<table id="latest"><caption> Failed with &lt;script&gt; </caption>' +
        '<thead><tr><th scope="col">Transfer</th><th scope="col">State</th></tr></thead>' +
        '<tbody><tr><td>R0A-A-1</td><td>failed</td></tr></tbody></table>',
    );
  });

  it('when no id is given, then the table has no id attribute', () => {
    expect(dataTable({ caption: 'c', columns: ['A'], rows: [] }).value).toMatch(/^<table>/);
  });
});
