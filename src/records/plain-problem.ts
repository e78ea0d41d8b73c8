import type { DataProblem, ProblemSubject } from './data-problem';
import { CODE_WORDS, FIELD_WORDS, ITEM_FIELD_WORDS, ITEM_NOUNS } from './field-words';
import { RECORD_NAMES, type RecordType } from './record-types';

/**
 * A data problem as HR reads it on the HR pages: which check, which field as Trac names it, what is
 * wrong, and what to correct where. No codes, no field paths (`dbs.certificateNumber`), no values.
 */
export interface PlainProblem {
  /** What is wrong: "In Trac's DBS check, the certificate number has 11 digits; it must have 12." */
  sentence: string;
  /** What to do: "Correct the certificate number in the applicant's DBS check in Trac, then re-queue." */
  fix: string;
}

/** `someField` → `some field`; `SOME_CODE` → `some code`: the words of a name no table holds. */
const wordsOf = (name: string) =>
  name
    .replace(/_/g, ' ')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();

/** A table's own entry for a name ESR or Trac sent, never one every object inherits (`constructor`). */
const ownWords = (table: Readonly<Record<string, string>>, name: string): string | undefined =>
  Object.hasOwn(table, name) ? table[name] : undefined;

const isRecord = (subject: ProblemSubject): subject is RecordType => Object.hasOwn(RECORD_NAMES, subject);

interface FieldPlace {
  /** `certificate number`, `received on date of reference 3`; empty for the whole record. */
  words: string;
}

/**
 * The field a problem names, in words: a list item's field with the item's number as Trac counts it
 * (`tracField`, when items were left out on the way, holds Trac's number).
 */
function placeOf(problem: DataProblem): FieldPlace {
  const table = FIELD_WORDS[problem.subject];
  const path = problem.tracField && /\[\d+\]/.test(problem.tracField) ? problem.tracField : problem.field;
  const item = /^(\w+)\[(\d+)\](?:\.(.+))?$/.exec(path);
  const esrItem = /^(\w+)\[\d+\](?:\.(\w+))?/.exec(problem.field);
  if (item?.[1] && item[2] !== undefined) {
    const noun = ownWords(ITEM_NOUNS, item[1]) ?? 'item';
    const itemName = `${noun} ${Number(item[2]) + 1}`;
    const leaf = esrItem?.[2];
    if (!leaf) return { words: itemName };
    const fieldWords = ownWords(ITEM_FIELD_WORDS, leaf) ?? ownWords(table, leaf) ?? wordsOf(leaf);
    return { words: `${fieldWords} of ${itemName}` };
  }
  const leaf = problem.field.split('.').pop() ?? '';
  if (leaf === '' || leaf === 'data') return { words: '' };
  return { words: ownWords(table, leaf) ?? wordsOf(leaf) };
}

/** A rule's own words with ESR's field names and codes in HR's words (`when the level is “Basic”`). */
function translated(text: string, subject: ProblemSubject): string {
  const table = FIELD_WORDS[subject];
  return text
    .replace(/\b[a-z][A-Za-z]+\b/g, (name) => (Object.hasOwn(table, name) ? `the ${table[name]}` : name))
    .replace(/\b[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*\b/g, (code) =>
      Object.hasOwn(CODE_WORDS, code)
        ? `“${CODE_WORDS[code]}”`
        : code.includes('_')
          ? `“${wordsOf(code)}”`
          : code,
    );
}

const COUNT_RULES: readonly [RegExp, string][] = [
  [/^must be (\d+(?: to \d+)?) digits(?: for \w+)?$/, 'digits'],
  [/^must be (\d+(?: to \d+)?) characters$/, 'characters'],
  [/^must be (at most \d+) characters$/, 'characters'],
];

const FIXED_RULES: Readonly<Record<string, string>> = {
  'is required': 'is empty; ESR needs it',
  'must not be in the future': 'is in the future',
  'must be a date (YYYY-MM-DD)': 'is not a date',
  'must be a real calendar date': 'is not a real date (such as 31 June)',
  'must be an ISO 8601 date-time': 'is not a date and time',
  'is not a listed label': 'holds a value ESR does not know: choose one of the values Trac offers',
  'is not allowed': 'is not a field ESR takes',
};

/** What is wrong with the field, as a phrase that follows its name ("has 11 digits; it must have 12"). */
function rulePhrase(problem: DataProblem): string {
  const { rule, found, subject } = problem;
  for (const [pattern, unit] of COUNT_RULES) {
    const match = pattern.exec(rule);
    if (match?.[1]) {
      const wanted = match[1];
      return found ? `${found}; it must have ${wanted} ${unit}` : `must have ${wanted} ${unit}`;
    }
  }
  if (Object.hasOwn(FIXED_RULES, rule)) return FIXED_RULES[rule] ?? rule;
  const conditional = /^is required (when|unless) (.+)$/.exec(rule);
  if (conditional?.[1] && conditional[2]) {
    return `is empty; ESR needs it ${conditional[1]} ${translated(conditional[2], subject)}`;
  }
  const absent = /^must be absent unless (.+)$/.exec(rule);
  if (absent?.[1]) return `must be empty unless ${translated(absent[1], subject)}`;
  if (/^must appear at most once/.test(rule)) return 'appears more than once in the checklist';
  return translated(rule, subject);
}

const capitalised = (text: string) => `${text.charAt(0).toUpperCase()}${text.slice(1)}`;

function tracSentence(problem: DataProblem, place: FieldPlace): PlainProblem {
  const phrase = rulePhrase(problem);
  if (!isRecord(problem.subject)) {
    const field = place.words ? `the applicant's ${place.words}` : "the applicant's details";
    return {
      sentence: `In Trac, ${field} ${phrase}.`,
      fix: `Correct ${field} in Trac, then re-queue.`,
    };
  }
  const record = RECORD_NAMES[problem.subject];
  const field = place.words ? `the ${place.words}` : 'the check';
  return {
    sentence: `In Trac's ${record}, ${field} ${phrase}.`,
    fix: `Correct ${field} in the applicant's ${record} in Trac, then re-queue.`,
  };
}

function esrSentence(problem: DataProblem, place: FieldPlace): PlainProblem {
  const record = isRecord(problem.subject) ? `the ${RECORD_NAMES[problem.subject]}` : 'the applicant search';
  const fromTrac = isRecord(problem.subject)
    ? ` in the applicant's ${RECORD_NAMES[problem.subject]} in Trac`
    : '';
  switch (problem.refusal) {
    case 'access':
      return {
        sentence: `ESR refused the connector access to ${record}.`,
        fix: "Ask the connector's operators to check its ESR access for this organisation, then re-queue.",
      };
    case 'not_found':
      return {
        sentence: `ESR no longer holds the applicant record ${record} was to go to.`,
        fix: 'Check in ESR that the applicant record is still open (the post or vacancy, the GMC or GDC number), then re-queue.',
      };
    case 'conflict':
      return {
        sentence: `ESR refused ${record}: it already holds a record that conflicts with it.`,
        fix: `Check ${record} in ESR against Trac's, then re-queue.`,
      };
    default:
      if (!place.words || !problem.rule) {
        return {
          sentence: `ESR refused the data of ${record}.`,
          fix: `Check ${record}${fromTrac}, then re-queue.`,
        };
      }
      return {
        sentence: `ESR refused ${record}: ESR says the ${place.words} ${translated(problem.rule, problem.subject)}.`,
        fix: `Correct the ${place.words}${fromTrac}, then re-queue.`,
      };
  }
}

/** The problem in plain English for the HR pages: what is wrong, and what to correct where. */
export function plainProblem(problem: DataProblem): PlainProblem {
  const place = placeOf(problem);
  const plain = problem.source === 'trac' ? tracSentence(problem, place) : esrSentence(problem, place);
  return { sentence: capitalised(plain.sentence), fix: capitalised(plain.fix) };
}
