import { readFileSync } from 'node:fs';
import { MATCH_HINTS } from '../../../src/transfer/classify-match';
import { HINTS } from '../../../src/transfer/match-hints';

const guide = readFileSync('docs/match-preview.md', 'utf8');
const contract = readFileSync('docs/connector.md', 'utf8');

/** The table row of a hint in docs/match-preview.md, its cells trimmed. */
function rowOf(hint: string): string[] {
  const line = guide.split('\n').find((l) => l.startsWith(`| \`${hint}\` `));
  return line ? line.split('|').map((cell) => cell.trim()) : [];
}

describe('the hint table (src/transfer/match-hints.ts) and the docs', () => {
  it.each(MATCH_HINTS.map((hint) => [hint]))(
    'when %s is looked up in docs/match-preview.md, then its row has the page’s heading, when it applies and its sentence',
    (hint) => {
      expect(rowOf(hint)).toEqual([
        '',
        `\`${hint}\``,
        HINTS[hint].title,
        HINTS[hint].when,
        HINTS[hint].fix('TIS'),
        '',
      ]);
    },
  );

  it.each(MATCH_HINTS.map((hint) => [hint]))(
    'when %s is looked up in docs/connector.md, then the contract names it',
    (hint) => {
      expect(contract).toContain(`\`${hint}\``);
    },
  );
});
