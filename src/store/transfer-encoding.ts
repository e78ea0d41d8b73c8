import { RECORD_OUTCOMES, RECORD_TYPES, type RecordOutcome, type RecordType } from '../records/record-types';
import { MATCH_HINTS, type MatchHint } from '../transfer/classify-match';
import type { LedgerEntry, MatchSummary, RecordOutcomes } from '../transfer/transfer';

/**
 * How a transfer's record outcomes and ledger entries are written in Redis: short strings, so that
 * a transfer's hash stays in Redis's compact encoding (a listpack holds values up to 64 bytes by
 * default; one longer value turns the whole hash into a hash table, about three times the memory).
 * Records written as JSON by earlier versions are still read.
 */
const OUTCOME_CODES: Record<RecordOutcome, string> = {
  SENT: 'S',
  SUPERSEDED_IN_ESR: 'E',
  NOT_RECORDED: 'R',
  NOT_COMPLETE: 'C',
  NOT_REQUIRED: 'Q',
  NOT_SENT: 'N',
  PENDING: 'P',
};
const OUTCOME_OF_CODE = new Map(Object.entries(OUTCOME_CODES).map(([outcome, code]) => [code, outcome]));

// every outcome needs a code of one character, or the encoding is ambiguous
if (new Set(Object.values(OUTCOME_CODES)).size !== RECORD_OUTCOMES.length) {
  throw new Error('transfer-encoding: every record outcome needs its own one-letter code');
}

/** `dbs: SENT, references: NOT_RECORDED, …` as `SR…`, one letter per record type in RECORD_TYPES order. */
export function encodeRecords(records: RecordOutcomes): string {
  return RECORD_TYPES.map((type) => OUTCOME_CODES[records[type]]).join('');
}

/** The stored records: the letters (or an earlier version's JSON); unknown when unreadable. */
export function decodeRecords(stored: string): unknown {
  if (stored.startsWith('{')) {
    try {
      return JSON.parse(stored);
    } catch {
      return undefined;
    }
  }
  if (stored.length !== RECORD_TYPES.length) return undefined;
  const entries = RECORD_TYPES.map((type, i) => [type, OUTCOME_OF_CODE.get(stored[i]!)] as const);
  return entries.every(([, outcome]) => outcome) ? Object.fromEntries(entries) : undefined;
}

/** A ledger entry as `esrRecordId sentAt` (ESR's ids hold no spaces). */
export function encodeLedgerEntry(entry: LedgerEntry): string {
  return `${entry.esrRecordId} ${entry.sentAt}`;
}

export function decodeLedgerEntry(stored: string): LedgerEntry {
  if (stored.startsWith('{')) return JSON.parse(stored) as LedgerEntry;
  const space = stored.lastIndexOf(' ');
  return { esrRecordId: stored.slice(0, space), sentAt: stored.slice(space + 1) };
}

export function isRecordType(field: string): field is RecordType {
  return (RECORD_TYPES as readonly string[]).includes(field);
}

/** One letter per match hint, in MATCH_HINTS order: `NFDECOS`. */
const HINT_LETTERS = 'NFDECOS';
if (HINT_LETTERS.length !== MATCH_HINTS.length) {
  throw new Error('transfer-encoding: every match hint needs its own letter');
}

/**
 * A failed match's cause as `D 4417801` (hint letters, then the ESR ids; `-` for no hint): codes
 * and ids only, short enough to keep the hash compact. `''` is no match summary.
 */
export function encodeMatch(match: MatchSummary | null): string {
  if (!match) return '';
  const letters = match.hints.map((hint) => HINT_LETTERS[MATCH_HINTS.indexOf(hint)]).join('');
  return [letters || '-', ...match.esrApplicantIds].join(' ');
}

/** The stored match summary; null when there is none or it cannot be read. */
export function decodeMatch(stored: string | undefined): MatchSummary | null {
  if (!stored) return null;
  const [letters = '', ...esrApplicantIds] = stored.split(' ');
  const hints =
    letters === '-' ? [] : [...letters].map((letter) => MATCH_HINTS[HINT_LETTERS.indexOf(letter)]);
  if (hints.some((hint) => hint === undefined)) return null;
  return { hints: hints as MatchHint[], esrApplicantIds };
}

/** Outstanding record types as the digits of their places in RECORD_TYPES (`2`: references). */
export function encodeOutstanding(types: readonly RecordType[]): string {
  return types.map((type) => RECORD_TYPES.indexOf(type)).join('');
}

export function decodeOutstanding(stored: string | undefined): RecordType[] {
  return [...(stored ?? '')]
    .map((digit) => RECORD_TYPES[Number(digit)])
    .filter((type): type is RecordType => type !== undefined);
}
