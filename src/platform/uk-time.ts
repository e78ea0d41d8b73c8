/**
 * Times as HR reads them, wherever HR reads them (the HR pages, the morning e-mail, Bull Board's
 * failed reasons): UK time, with GMT or BST named, e.g. `14 June 2026 at 11:22:06 BST`. Stored
 * times and the JSON API stay ISO 8601 in UTC.
 */
const UK_TIME = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
  timeZoneName: 'short',
});

/** `2026-06-14T10:22:06Z` as `14 June 2026 at 11:22:06 BST`; a text that is no time is returned as it is. */
export function ukTimeText(iso: string): string {
  const time = new Date(iso);
  return Number.isNaN(time.getTime()) ? iso : UK_TIME.format(time);
}

const LONDON_CLOCK = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  hour: '2-digit',
  hourCycle: 'h23',
});

/**
 * Midnight in the UK at the start of a day, as an ISO time in UTC: `2026-05-01` (BST) →
 * `2026-04-30T23:00:00.000Z`, `2026-01-05` (GMT) → `2026-01-05T00:00:00.000Z`. A date HR types
 * means that day in the UK.
 */
export function ukMidnightIso(date: string): string {
  const utcMidnight = new Date(`${date}T00:00:00Z`);
  // the UK is GMT or BST (one hour ahead) at UTC midnight on any day: its clock reads 00 or 01 then
  const ahead = Number(LONDON_CLOCK.format(utcMidnight)) === 1 ? 1 : 0;
  return new Date(utcMidnight.getTime() - ahead * 3_600_000).toISOString();
}
