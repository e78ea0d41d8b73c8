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
