import { REASON_CODES } from '../../../src/platform/errors';
import { MATCH_HINTS } from '../../../src/transfer/classify-match';
import { HINTS, NO_HINT_TEXT } from '../../../src/transfer/match-hints';
import { REASONS } from '../../../src/transfer/reasons';

/**
 * connector.md, match preview: no sentence tells HR to change a name or a date in ESR without first
 * checking, in ESR, that the record is this applicant's (issue 17, item 1: following a hint renamed
 * the applicant's twin): advice is safe when followed literally. Closing a record changes someone's
 * data too, whatever it is about: a sentence that says to close records checks first as well.
 */
const NAME_OR_DATE =
  /\b(first |last |sur|fore)names?\b|\bnames? or\b|date of birth|birth date|\bday\b.*\bmonth\b/i;
const CHANGE = /\b(correct|chang|amend|renam|edit|updat|fix|alter)\w*/i;
const CLOSE = /\bclos\w*/i;
const CHECK_FIRST = /\bcheck\b[^.;]*\bthis applicant's\b/i;

/**
 * The one sentence let off: NO_ESR_MATCH's transfer message, which connector.md quotes word for word
 * (the JSON `message`). HR reads the reason's what-to-fix beside it, which checks first.
 */
const CONTRACT_MESSAGE =
  "No TIS-created applicant in ESR matches this applicant's first name, last name and date of birth in organisation R0A: check those three fields in ESR, close historic records, then re-queue.";

const context = { organisationCode: 'R0A', applicantId: 'A-100300', detail: 'detail.', attempts: 5 };
const ALL_SENTENCES: [string, string][] = [
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
const SENTENCES = ALL_SENTENCES.filter(([, sentence]) => sentence !== CONTRACT_MESSAGE);

/** Where the first change of a name or date, or the first closing of a record, is asked for; -1 when none is. */
function firstChangeAsked(sentence: string): number {
  const asked = [
    NAME_OR_DATE.test(sentence) ? CHANGE.exec(sentence)?.index : undefined,
    CLOSE.exec(sentence)?.index,
  ];
  const found = asked.filter((at): at is number => at !== undefined);
  return found.length === 0 ? -1 : Math.min(...found);
}

describe('advice on names and dates is safe when followed literally', () => {
  it.each(SENTENCES)(
    'when the %s sentence asks HR to change a name or date or to close a record, then it first says to check in ESR that the record is this applicant’s',
    (_which, sentence) => {
      const change = firstChangeAsked(sentence);
      if (change === -1) return;
      const check = CHECK_FIRST.exec(sentence);
      expect({ sentence, checksFirst: check !== null && check.index < change }).toEqual({
        sentence,
        checksFirst: true,
      });
    },
  );

  it('when the sentences that ask for such a change are counted, then there are some: the test can fail', () => {
    const asking = SENTENCES.filter(([, sentence]) => firstChangeAsked(sentence) !== -1);
    expect(asking.map(([which]) => which)).toEqual(
      expect.arrayContaining([
        'hint FIRST_NAME_DIFFERS (TIS)',
        'hint DATE_OF_BIRTH_DAY_MONTH_SWAPPED (TIS)',
        'hint SEVERAL_ACTIVE_RECORDS (TIS)',
        'hint OTHER_RECORD_ORIGIN (TIS)',
        'reason AMBIGUOUS_ESR_MATCH (what to fix)',
        'reason AMBIGUOUS_ESR_MATCH (its sentence)',
      ]),
    );
  });

  it('when the one sentence let off is looked for, then it is NO_ESR_MATCH’s transfer message exactly as connector.md quotes it, and its what-to-fix checks first', () => {
    const message = REASONS.NO_ESR_MATCH.sentence(context, 'TIS');
    const fix = REASONS.NO_ESR_MATCH.fix;

    expect(message).toBe(CONTRACT_MESSAGE);
    expect(CHECK_FIRST.exec(fix)?.index).toBeLessThan(CLOSE.exec(fix)?.index ?? -1);
  });
});
