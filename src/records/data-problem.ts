import { z } from 'zod';
import { PermanentError, type ReasonCode } from '../platform/errors';
import { formatPath, type FieldPath } from './field-names';
import { RECORD_TYPES } from './record-types';

/** What a data problem is about: one of the six records, Trac's applicant, or ESR's applicant search. */
export const PROBLEM_SUBJECTS = [...RECORD_TYPES, 'applicant', 'search'] as const;
export type ProblemSubject = (typeof PROBLEM_SUBJECTS)[number];

/** How ESR refused, from its answer's status (`400`/`422` data, `403` access, `404`, `409`). */
export const ESR_REFUSALS = ['data', 'access', 'not_found', 'conflict'] as const;
export type EsrRefusal = (typeof ESR_REFUSALS)[number];

/**
 * What HR must correct when a transfer fails `INVALID_TRAC_DATA` or `ESR_REJECTED`, kept on the
 * transfer so that the HR pages can say it in plain English (plain-problem.ts) while the API keeps
 * its message. Names, rules and shapes only: never the value itself (`has 11 digits` is kept, the
 * digits are not).
 */
export const DataProblemSchema = z.object({
  /** Who found it: the connector reading Trac's data by ESR's rules (`trac`), or ESR's answer. */
  source: z.enum(['trac', 'esr']),
  subject: z.enum(PROBLEM_SUBJECTS),
  /** The field as ESR (or, for the applicant, Trac) names it: `certificateNumber`, `references[1].receivedDate`. */
  field: z.string(),
  /** Trac's name of the field, with Trac's item number, where it differs: `references[2].receivedOn`. */
  tracField: z.string().optional(),
  /** The rule broken, as ESR's rules word it: `must be 12 digits`. */
  rule: z.string(),
  /** What the field holds instead, without its value: `has 11 digits`. */
  found: z.string().optional(),
  /** ESR's kind of refusal (ESR only). */
  refusal: z.enum(ESR_REFUSALS).optional(),
});
export type DataProblem = z.infer<typeof DataProblemSchema>;

/** A permanent failure that names what to correct: the worker keeps `problem` on the transfer. */
export class DataProblemError extends PermanentError {
  constructor(
    reason: ReasonCode,
    message: string,
    readonly problem: DataProblem,
  ) {
    super(reason, message);
  }
}

/** The value at a path of parsed data (`['references', 1, 'receivedOn']`), or undefined. */
export function valueAt(data: unknown, path: FieldPath): unknown {
  let value: unknown = data;
  for (const segment of path) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<PropertyKey, unknown>)[segment];
  }
  return value;
}

/**
 * What a field holds instead, described without its value, where the rule is about digits or
 * length: `has 11 digits`, `has 151 characters`, `is empty`. Undefined for any other rule (a date,
 * a label): its rule alone says what to correct.
 */
export function describeFound(value: unknown, rule: string): string | undefined {
  if (typeof value !== 'string') return undefined;
  const text = value.replace(/\s+/g, '');
  if (/digits/.test(rule)) {
    if (text === '') return 'is empty';
    if (!/^\d+$/.test(text)) return 'holds something other than digits';
    return text.length === 1 ? 'has 1 digit' : `has ${text.length} digits`;
  }
  if (/characters/.test(rule)) {
    const length = value.trim().length;
    if (length === 0) return 'is empty';
    return length === 1 ? 'has 1 character' : `has ${length} characters`;
  }
  return undefined;
}

/** A problem of Trac's data found before anything was sent (the connector's reading of ESR's rules). */
export function tracDataProblem(
  subject: ProblemSubject,
  path: FieldPath | string,
  rule: string,
  extra: { tracField?: string; found?: string } = {},
): DataProblem {
  const field = typeof path === 'string' ? path : formatPath(path);
  return {
    source: 'trac',
    subject,
    field,
    ...(extra.tracField && extra.tracField !== field ? { tracField: extra.tracField } : {}),
    rule,
    ...(extra.found ? { found: extra.found } : {}),
  };
}
