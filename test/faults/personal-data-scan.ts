import type Redis from 'ioredis';
import { NEVER_SENT_MARKERS, type SandboxSeed } from '../../sandbox';
import { normaliseName } from '../../src/transfer/normalise-name';

export type PersonalDataKind =
  | 'name'
  | 'date of birth'
  | 'certificate number'
  | 'registration number'
  | 'share code'
  | 'identity number'
  | 'check content'
  | 'secret';

/** A value of the seed that must never be found, as a whole word. */
export interface PersonalDataToken {
  /** Lower-cased unless `caseSensitive`. */
  value: string;
  kind: PersonalDataKind;
  caseSensitive: boolean;
}

export interface PersonalDataHit {
  kind: PersonalDataKind;
  token: string;
  where: string;
  /** Up to 60 characters either side, for the report. */
  context: string;
}

/**
 * Names this short are ordinary words too ("Max", "Kit", "Jo" against "max retries"): they are
 * searched in the spellings Trac and ESR use (`Max`, `MAX`), not in every case. Every person still
 * has a name searched in any case: each generated surname is unique and longer.
 */
const SHORT_NAME_LENGTH = 4;

const stripMarks = (value: string) => value.normalize('NFKD').replace(/\p{M}/gu, '');

/** Spellings a value may take once a system has handled it: case, accents, spaces, apostrophes. */
function variantsOf(value: string, kind: PersonalDataKind): PersonalDataToken[] {
  const spellings = new Set([value, stripMarks(value)]);
  if (kind === 'name') spellings.add(value.replace(/[’‘`]/g, "'"));
  if (kind !== 'name' && kind !== 'check content' && /\s/.test(value))
    spellings.add(value.replace(/\s+/g, ''));
  const caseSensitive = kind === 'name' && value.length <= SHORT_NAME_LENGTH;
  const values = caseSensitive
    ? [...spellings].flatMap((v) => [v, v.toUpperCase()])
    : [...spellings].map((v) => v.toLowerCase());
  if (kind === 'name' && normaliseName(value) !== value.toLowerCase()) values.push(normaliseName(value));
  return values
    .map((v) => v.trim())
    .filter((v) => v.length > 0)
    .map((v) => ({ value: v, kind, caseSensitive }));
}

const STRING_FIELDS: Partial<Record<string, PersonalDataKind>> = {
  certificateNumber: 'certificate number',
  registrationNumber: 'registration number',
  shareCode: 'share code',
  documentNumber: 'identity number',
  passportNumber: 'identity number',
  uniqueApplicationNumber: 'identity number',
  niNumber: 'identity number',
};

/** Identity and check numbers anywhere in a Trac person or check (nested objects and lists too). */
function collectNumbers(value: unknown, add: (value: string, kind: PersonalDataKind) => void): void {
  if (Array.isArray(value)) value.forEach((item) => collectNumbers(item, add));
  else if (value !== null && typeof value === 'object') {
    for (const [field, inner] of Object.entries(value)) {
      const kind = STRING_FIELDS[field];
      if (kind && typeof inner === 'string') add(inner, kind);
      else collectNumbers(inner, add);
    }
  }
}

/**
 * The personal data of a seed: every person's names and date of birth (Trac and ESR spellings),
 * certificate, registration, share-code and identity numbers of the checks, and the markers of
 * check contents that must stay in Trac.
 */
export function personalDataOf(seed: SandboxSeed): PersonalDataToken[] {
  const tokens = new Map<string, PersonalDataToken>();
  const add = (value: string, kind: PersonalDataKind) => {
    for (const token of variantsOf(value, kind))
      tokens.set(`${String(token.caseSensitive)} ${token.value}`, token);
  };
  for (const { applicant, checks } of seed.trac.applicants) {
    add(applicant.person.forename, 'name');
    add(applicant.person.surname, 'name');
    add(applicant.person.dateOfBirth, 'date of birth');
    collectNumbers(applicant.person, add);
    collectNumbers(checks, add);
  }
  for (const person of seed.esr.applicants) {
    add(person.firstName, 'name');
    add(person.lastName, 'name');
    add(person.dateOfBirth, 'date of birth');
  }
  for (const marker of NEVER_SENT_MARKERS) add(marker, 'check content');
  return [...tokens.values()];
}

/**
 * The run's secrets as tokens, exactly as written: webhook secrets (whole and their key), passwords,
 * client secrets, and every access token the sandboxes issued. None may reach a log line or Redis.
 */
export function secretTokensOf(secrets: readonly string[]): PersonalDataToken[] {
  const values = secrets.flatMap((secret) =>
    secret.startsWith('whsec_') ? [secret, secret.slice('whsec_'.length)] : [secret],
  );
  return [...new Set(values)]
    .filter((value) => value.length >= 8)
    .map((value) => ({ value, kind: 'secret' as const, caseSensitive: true }));
}

const WORD = /[\p{L}\p{N}]+/gu;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A text prepared for whole-word lookups: its words and ISO dates in sets. */
interface TextView {
  text: string;
  words: Set<string>;
  dates: Set<string>;
}

function viewOf(text: string): TextView {
  return {
    text,
    words: new Set(text.match(WORD) ?? []),
    dates: new Set(text.match(/\d{4}-\d{2}-\d{2}/g) ?? []),
  };
}

function occursIn(view: TextView, value: string): boolean {
  if (ISO_DATE.test(value)) return view.dates.has(value);
  const parts = value.match(WORD) ?? [];
  if (parts.length === 1 && parts[0] === value) return view.words.has(value);
  return parts.length > 0 && parts.every((part) => view.words.has(part)) && view.text.includes(value);
}

/**
 * Whole-word search of many tokens in a large text in one pass: the text's words (and ISO dates)
 * go into sets; a one-word token is a set lookup, a longer one is confirmed with a substring search
 * only when each of its words occurs. Thousands of tokens over megabytes take about a second.
 */
export function findPersonalData(
  text: string,
  where: string,
  tokens: readonly PersonalDataToken[],
): PersonalDataHit[] {
  const exact = viewOf(unescapeJson(text));
  const lower = viewOf(exact.text.toLowerCase());
  const hits: PersonalDataHit[] = [];
  for (const { value, kind, caseSensitive } of tokens) {
    const view = caseSensitive ? exact : lower;
    if (occursIn(view, value)) hits.push({ kind, token: value, where, context: contextOf(view.text, value) });
  }
  return hits;
}

/**
 * JSON escapes inside values and log lines (`\n` in a stack trace, `\u00e9`) would glue a token to
 * the escape's letter: decode `\u` escapes, turn the others into spaces.
 */
function unescapeJson(text: string): string {
  return text
    .replace(/\\u([0-9a-fA-F]{4})/g, (_match, hex: string) => String.fromCharCode(parseInt(hex, 16)))
    .replace(/\\[nrtbf]/g, ' ');
}

function contextOf(text: string, value: string): string {
  const boundary = new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(value)}(?![\\p{L}\\p{N}])`, 'u');
  const at = boundary.exec(text)?.index ?? text.indexOf(value);
  return text.slice(Math.max(0, at - 60), at + value.length + 60).replace(/\s+/g, ' ');
}

function escapeRegExp(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export interface RedisDump {
  keys: number;
  bytes: number;
  /** Keys and values, one entry per key: `key\nvalue\nvalue…`. */
  entries: string[];
}

const SCAN_BATCH = 500;
const MAX_SCAN_ROUNDS = 100_000;

async function valuesOf(redis: Redis, keys: string[]): Promise<string[]> {
  const types = ((await redis.pipeline(keys.map((key) => ['type', key])).exec()) ?? []).map(([, type]) =>
    String(type),
  );
  const reads = keys.map((key, i): [string, ...(string | number)[]] => {
    switch (types[i]) {
      case 'hash':
        return ['hgetall', key];
      case 'list':
        return ['lrange', key, 0, -1];
      case 'set':
        return ['smembers', key];
      case 'zset':
        return ['zrange', key, 0, -1, 'WITHSCORES'];
      case 'stream':
        return ['xrange', key, '-', '+'];
      default:
        return ['get', key];
    }
  });
  const results = (await redis.pipeline(reads).exec()) ?? [];
  return results.map(([error, value], i) =>
    error ? `${keys[i]}\n(unreadable: ${error.message})` : [keys[i], ...flatten(value)].join('\n'),
  );
}

/** Plain text of a reply (hash, list, nested stream entries), never re-escaped as JSON would be. */
function flatten(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(flatten);
  if (value !== null && typeof value === 'object') return Object.entries(value).flatMap(flatten);
  return [String(value)];
}

/** Every key of the Redis and every value of every type (string, hash, list, set, zset, stream). */
export async function dumpRedis(redis: Redis): Promise<RedisDump> {
  const entries: string[] = [];
  let cursor = '0';
  for (let round = 0; round < MAX_SCAN_ROUNDS; round += 1) {
    const [nextCursor, keys] = await redis.scan(cursor, 'COUNT', SCAN_BATCH);
    if (keys.length > 0) entries.push(...(await valuesOf(redis, keys)));
    cursor = nextCursor;
    if (cursor === '0') break;
  }
  const keys = new Set(entries.map((entry) => entry.slice(0, entry.indexOf('\n'))));
  return { keys: keys.size, bytes: entries.reduce((sum, e) => sum + e.length, 0), entries };
}
