import { IsoDateTimeSchema } from './common-schemas';
import { londonDateOf } from './dates';

/** Trac's `null` and a missing field both mean "Trac holds nothing". */
export function absentIfNull<Value>(value: Value | null | undefined): Value | undefined {
  return value ?? undefined;
}

export function trimmed(value: string | null | undefined): string | undefined {
  return absentIfNull(value)?.trim();
}

export function withoutWhiteSpace(value: string | null | undefined): string | undefined {
  return absentIfNull(value)?.replace(/\s+/g, '');
}

/** Share codes: white space removed, upper-cased. */
export function shareCodeOf(value: string | null | undefined): string | undefined {
  return withoutWhiteSpace(value)?.toUpperCase();
}

/**
 * ESR's date for a Trac date: a date-time becomes its calendar date in Europe/London; anything
 * else is passed on unchanged for ESR's schema to accept (`YYYY-MM-DD`) or reject.
 */
export function esrDateOf(value: string | null | undefined): string | undefined {
  if (value === null || value === undefined) return undefined;
  return IsoDateTimeSchema.safeParse(value).success ? londonDateOf(value) : value;
}
