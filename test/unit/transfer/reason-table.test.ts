import { readFileSync } from 'node:fs';
import { REASON_CODES } from '../../../src/platform/errors';
import { REASONS } from '../../../src/transfer/reasons';

/** The rows of the Markdown table under `## Reason codes` in docs/connector.md, cells trimmed. */
function documentedRows(): string[][] {
  const text = readFileSync('docs/connector.md', 'utf8');
  const section = text.split(/^## Reason codes$/m)[1]?.split(/^## /m)[0] ?? '';
  return section
    .split('\n')
    .filter((line) => line.startsWith('| `'))
    .map((line) =>
      line
        .slice(1, -1)
        .split(/(?<!\\)\|/)
        .map((cell) => cell.trim()),
    );
}

/** The rows the table must have, straight from the code's one table of reasons. */
const expectedRows = () =>
  REASON_CODES.map((code) => {
    const { state, when, fix } = REASONS[code];
    return [`\`${code}\``, state, when, fix];
  });

describe("docs/connector.md's reason table", () => {
  it('when the docs are read, then their reason table says exactly what the code says, row by row, in the code order', () => {
    expect(documentedRows()).toEqual(expectedRows());
  });
});

describe('the reasons table', () => {
  it('when every reason code is looked up, then each has a title, when, fix and a sentence naming the organisation or what to do', () => {
    for (const code of REASON_CODES) {
      const reason = REASONS[code];
      const sentence = reason.sentence({ organisationCode: 'R0A', applicantId: 'A-1' }, 'TIS');
      expect([reason.title, reason.when, reason.fix].every((text) => text.length > 10)).toBe(true);
      expect(sentence).toMatch(/\.$/);
    }
  });
});
