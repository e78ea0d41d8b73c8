import { isCalendarDate, isIsoDateTime } from './calendar';

/**
 * The "rule" column of records.md as small checks on one value. Each answers `undefined` when the
 * value is acceptable, else ESR's short message. `owner` is the object holding the field (the body,
 * or a list item), for rules that name a sibling field; `today` bounds "not future".
 */
export type ValueRule = (
  value: unknown,
  owner: Readonly<Record<string, unknown>>,
  today: string,
) => string | undefined;

export function oneOf(...values: readonly string[]): ValueRule {
  return (value) =>
    typeof value === 'string' && values.includes(value) ? undefined : `must be one of ${values.join(', ')}`;
}

export function matches(pattern: RegExp, message: string): ValueRule {
  return (value) => (typeof value === 'string' && pattern.test(value) ? undefined : message);
}

/** Text of `min` to `max` characters (records.md: "1 to 150 characters", "up to 500 characters"). */
export function text(min: number, max: number): ValueRule {
  const message =
    min === 0 ? `must be text of at most ${max} characters` : `must be ${min} to ${max} characters`;
  return (value) =>
    typeof value === 'string' && value.length >= min && value.length <= max ? undefined : message;
}

/** A Home Office share code (records.md §5 and §6). */
export const aShareCode = matches(/^W[A-Z0-9]{8}$/, 'must be W followed by 8 capital letters or digits');

export const aBoolean: ValueRule = (value) =>
  typeof value === 'boolean' ? undefined : 'must be true or false';

export const aDate: ValueRule = (value) =>
  typeof value === 'string' && isCalendarDate(value) ? undefined : 'must be a date (YYYY-MM-DD)';

export const aDateTime: ValueRule = (value) =>
  typeof value === 'string' && isIsoDateTime(value) ? undefined : 'must be an ISO 8601 date-time';

/** "Not future": on or before today in Europe/London. Apply after `aDate`. */
export const notFuture: ValueRule = (value, _owner, today) =>
  typeof value === 'string' && value > today ? 'must not be in the future' : undefined;

type Order = 'after' | 'on or after' | 'on or before';

const HOLDS: Readonly<Record<Order, (a: string, b: string) => boolean>> = {
  after: (a, b) => a > b,
  'on or after': (a, b) => a >= b,
  'on or before': (a, b) => a <= b,
};

/** The date is `order` the date in the sibling field `other`; nothing to check when that is no date. */
export function dated(order: Order, other: string): ValueRule {
  return (value, owner) => {
    const otherDate = owner[other];
    if (typeof value !== 'string' || typeof otherDate !== 'string' || !isCalendarDate(otherDate)) {
      return undefined;
    }
    // YYYY-MM-DD strings order like the days they name
    return HOLDS[order](value, otherDate) ? undefined : `must be ${order} ${other}`;
  };
}

/** A rule between fields, e.g. "`PROVISIONAL` only with GMC": `breaks` says when it is broken. */
export function rejectWhen(
  breaks: (value: unknown, owner: Readonly<Record<string, unknown>>) => boolean,
  message: string,
): ValueRule {
  return (value, owner) => (breaks(value, owner) ? message : undefined);
}
