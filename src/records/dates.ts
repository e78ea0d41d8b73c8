const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Formats an instant as its calendar date in Europe/London (BST or GMT, whichever applies). */
const LONDON_DATE_FORMAT = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

function formatLondonDate(instant: Date): string {
  const parts = LONDON_DATE_FORMAT.formatToParts(instant);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}

/** Today in Europe/London, `YYYY-MM-DD`: the limit of every "not future" rule. */
export function todayInLondon(now: Date): string {
  return formatLondonDate(now);
}

/**
 * The calendar date in Europe/London of an ISO 8601 date-time with a zone
 * (`2026-06-01T23:30:00Z` → `2026-06-02`). Throws a RangeError when the text is not a date-time.
 */
export function londonDateOf(isoDateTime: string): string {
  const instant = new Date(isoDateTime);
  if (Number.isNaN(instant.getTime())) throw new RangeError('not an ISO 8601 date-time');
  return formatLondonDate(instant);
}

/** `YYYY-MM-DD` naming a day that exists (no 2026-02-30). */
export function isCalendarDate(value: string): boolean {
  const match = DATE_PATTERN.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** Negative when `a` is before `b`, zero on the same day, positive after (both `YYYY-MM-DD`). */
export function compareDates(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
