import { REASON_CODES } from '../../../src/platform/errors';
import { MATCH_HINTS } from '../../../src/transfer/classify-match';
import { HINTS, NO_HINT_TEXT } from '../../../src/transfer/match-hints';
import { REASONS } from '../../../src/transfer/reasons';

/**
 * connector.md, match preview: no sentence tells HR to change a name or a date in ESR without first
 * checking, in ESR, that the record is this applicant's (issue 17, item 1: following a hint renamed
 * the applicant's twin): advice is safe when followed literally.
 */
const NAME_OR_DATE =
  /\b(first |last |sur|fore)names?\b|\bnames? or\b|date of birth|birth date|\bday\b.*\bmonth\b/i;
const CHANGE = /\b(correct|chang|amend|renam|edit|updat|fix|alter)\w*/i;
const CHECK_FIRST = /\bcheck\b[^.;]*\bthis applicant's\b/i;

const context = { organisationCode: 'R0A', applicantId: 'A-100300', detail: 'detail.', attempts: 5 };
const SENTENCES: [string, string][] = [
  ...MATCH_HINTS.flatMap((hint) =>
    ['TIS', 'Hicom'].map((provider): [string, string] => [
      `hint ${hint} (${provider})`,
      HINTS[hint].fix(provider),
    ]),
  ),
  ['no hint', NO_HINT_TEXT.fix()],
  ...REASON_CODES.flatMap((code): [string, string][] => [
    [`reason ${code} (what to fix)`, REASONS[code].fix],
    [`reason ${code} (its sentence)`, REASONS[code].sentence(context, 'TIS')],
  ]),
];

/** Where the first change of a name or date is asked for, or -1 when none is. */
function firstChangeOfNameOrDate(sentence: string): number {
  return NAME_OR_DATE.test(sentence) ? (CHANGE.exec(sentence)?.index ?? -1) : -1;
}

describe('advice on names and dates is safe when followed literally', () => {
  it.each(SENTENCES)(
    'when the %s sentence asks HR to change a name or date, then it first says to check in ESR that the record is this applicant’s',
    (_which, sentence) => {
      const change = firstChangeOfNameOrDate(sentence);
      if (change === -1) return;
      const check = CHECK_FIRST.exec(sentence);
      expect({ sentence, checksFirst: check !== null && check.index < change }).toEqual({
        sentence,
        checksFirst: true,
      });
    },
  );

  it('when the sentences that ask for such a change are counted, then there are some: the test can fail', () => {
    const asking = SENTENCES.filter(([, sentence]) => firstChangeOfNameOrDate(sentence) !== -1);
    expect(asking.map(([which]) => which)).toEqual(
      expect.arrayContaining(['hint FIRST_NAME_DIFFERS (TIS)', 'hint DATE_OF_BIRTH_DAY_MONTH_SWAPPED (TIS)']),
    );
  });
});
