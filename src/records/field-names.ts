import type { MappingProblem } from './record-definition';

export type FieldPath = readonly PropertyKey[];

/**
 * How ESR's field names differ from Trac's for one record, so a problem names both. Only the
 * names that differ are listed; nested Trac fields are dotted (`updateServiceCheck.date`).
 */
export interface FieldNames {
  /** ESR field → Trac field. */
  fields: Readonly<Record<string, string>>;
  /** The record's one list of items (`references`, `items`), if it has one. */
  list?: {
    esrKey: string;
    tracKey: string;
    /** ESR item field → Trac item field. */
    fields: Readonly<Record<string, string>>;
    /** Trac's index of ESR's item `i`, when items were dropped on the way (default: the same). */
    tracIndexOf?: (esrIndex: number) => number;
  };
}

/** Where every record's `source` comes from. */
const SOURCE_NAMES: Readonly<Record<string, string>> = {
  'source.applicantId': 'applicantId',
  'source.completedAt': 'completedAt',
};

/** `['references', 1, 'receivedDate']` → `references[1].receivedDate`. */
export function formatPath(path: FieldPath): string {
  return path.reduce<string>((text, segment) => {
    if (typeof segment === 'number') return `${text}[${segment}]`;
    return text === '' ? String(segment) : `${text}.${String(segment)}`;
  }, '');
}

function invert(names: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(names).map(([esr, trac]) => [trac, esr]));
}

function rename(path: FieldPath, names: Readonly<Record<string, string>>): string {
  const dotted = formatPath(path);
  return Object.hasOwn(names, dotted) ? (names[dotted] ?? dotted) : dotted;
}

/** Translates a path between ESR's and Trac's names; `toTrac` also maps item indexes. */
function translate(path: FieldPath, names: FieldNames, toTrac: boolean): string {
  const list = names.list;
  const [key, index, ...rest] = path;
  if (list && key === (toTrac ? list.esrKey : list.tracKey) && typeof index === 'number') {
    const itemNames = toTrac ? list.fields : invert(list.fields);
    const listKey = toTrac ? list.tracKey : list.esrKey;
    const listIndex = toTrac && list.tracIndexOf ? list.tracIndexOf(index) : index;
    const head = formatPath([listKey, listIndex]);
    return rest.length === 0 ? head : `${head}.${rename(rest, itemNames)}`;
  }
  const topNames = { ...SOURCE_NAMES, ...names.fields };
  return rename(path, toTrac ? topNames : invert(topNames));
}

function problem(field: string, tracField: string, message: string): MappingProblem {
  const named = field === '' ? 'data' : field;
  return tracField === field ? { field: named, message } : { field: named, tracField, message };
}

/** A problem found in ESR's body: ESR's path, Trac's name added where it differs. */
export function problemAtEsrPath(path: FieldPath, message: string, names: FieldNames): MappingProblem {
  return problem(formatPath(path), translate(path, names, true), message);
}

/**
 * A problem found in Trac's data. Item indexes in `path` are ESR's (Trac's data was parsed after
 * dropped items were removed), field names are Trac's.
 */
export function problemAtTracPath(path: FieldPath, message: string, names: FieldNames): MappingProblem {
  const esrField = translate(path, names, false);
  const [key, index] = path;
  const list = names.list;
  const tracIndexOf = list?.tracIndexOf;
  if (list && tracIndexOf && key === list.tracKey && typeof index === 'number') {
    const tracField = formatPath([list.tracKey, tracIndexOf(index), ...path.slice(2)]);
    return problem(esrField, tracField, message);
  }
  return problem(esrField, formatPath(path), message);
}
