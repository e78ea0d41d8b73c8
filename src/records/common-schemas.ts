import { z } from 'zod';
import { isCalendarDate } from './dates';

/** Trac text field: a string, or nothing (`null` or missing). */
export const TracTextSchema = z.string().nullish();

/** ESR date: `YYYY-MM-DD` naming a real day. "Not future" needs today: see `esr-rules.ts`. */
export const EsrDateSchema = z.string().superRefine((value, ctx) => {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) {
    ctx.addIssue({ code: 'custom', message: 'must be a date (YYYY-MM-DD)' });
  } else if (!isCalendarDate(value)) {
    ctx.addIssue({ code: 'custom', message: 'must be a real calendar date' });
  }
});

/** ISO 8601 date-time with `Z` or a `±hh:mm` offset, as Trac sends `completedAt`. */
export const IsoDateTimeSchema = z.iso.datetime({ offset: true, error: 'must be an ISO 8601 date-time' });

/** Text of `min` to `max` characters. */
export function textOfLength(min: number, max: number) {
  const message = min === 0 ? `must be at most ${max} characters` : `must be ${min} to ${max} characters`;
  return z.string().min(min, message).max(max, message);
}

export const ShareCodeSchema = z
  .string()
  .regex(/^W[A-Z0-9]{8}$/, 'must be W followed by 8 capital letters or digits');

/** Where every ESR body came from: Trac's applicant and the check's completion, unchanged. */
export const SourceSchema = z
  .object({
    system: z.literal('TRAC'),
    applicantId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be 1 to 64 letters, digits, - or _'),
    completedAt: IsoDateTimeSchema,
  })
  .strict();
export type Source = z.infer<typeof SourceSchema>;
