import type { z } from 'zod';
import { compareDates, isCalendarDate } from './dates';
import type { FieldPath } from './field-names';

/**
 * The cross-field rules of `records.md`, used inside each ESR body schema's `superRefine`. Every
 * rule ignores a value that is absent or not a real date: other issues already name those.
 */
type Ctx = z.RefinementCtx;

export function addRuleIssue(ctx: Ctx, path: FieldPath, message: string): void {
  ctx.addIssue({ code: 'custom', path: [...path], message });
}

/** "Present exactly when X": required under X, absent otherwise. */
export function requirePresentExactlyWhen(
  ctx: Ctx,
  path: FieldPath,
  value: unknown,
  condition: boolean,
  when: string,
): void {
  if (condition && value === undefined) addRuleIssue(ctx, path, `is required when ${when}`);
  requireAbsentUnless(ctx, path, value, condition, when);
}

/** "Only with X": absent unless X, optional under X. */
export function requireAbsentUnless(
  ctx: Ctx,
  path: FieldPath,
  value: unknown,
  condition: boolean,
  when: string,
): void {
  if (!condition && value !== undefined) addRuleIssue(ctx, path, `must be absent unless ${when}`);
}

/** "Required unless X": optional under X. */
export function requireUnless(ctx: Ctx, path: FieldPath, value: unknown, exception: boolean, unless: string) {
  if (!exception && value === undefined) addRuleIssue(ctx, path, `is required unless ${unless}`);
}

/** "Not future": on or before today in Europe/London. */
export function requireNotFuture(ctx: Ctx, path: FieldPath, date: string | undefined, today: string): void {
  if (date !== undefined && isCalendarDate(date) && compareDates(date, today) > 0) {
    addRuleIssue(ctx, path, 'must not be in the future');
  }
}

export type DateOrder = 'after' | 'on or after' | 'on or before';

const ORDER_HOLDS: Readonly<Record<DateOrder, (comparison: number) => boolean>> = {
  after: (comparison) => comparison > 0,
  'on or after': (comparison) => comparison >= 0,
  'on or before': (comparison) => comparison <= 0,
};

/** `date` must be `order` the date held in field `otherField` (named in the message). */
export function requireDateOrder(
  ctx: Ctx,
  path: FieldPath,
  date: string | undefined,
  order: DateOrder,
  other: { field: string; date: string | undefined },
): void {
  if (date === undefined || other.date === undefined) return;
  if (!isCalendarDate(date) || !isCalendarDate(other.date)) return;
  if (!ORDER_HOLDS[order](compareDates(date, other.date))) {
    addRuleIssue(ctx, path, `must be ${order} ${other.field}`);
  }
}
