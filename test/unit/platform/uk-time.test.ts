import { ukMidnightIso, ukTimeText } from '../../../src/platform/uk-time';

describe('times as HR reads them (UK time, GMT or BST named)', () => {
  it.each([
    ['2026-06-14T10:22:06Z', '14 June 2026 at 11:22:06 BST'],
    ['2026-06-14T10:22:06.123Z', '14 June 2026 at 11:22:06 BST'],
    ['2026-01-05T09:03:00Z', '5 January 2026 at 09:03:00 GMT'],
    // the clocks go forward at 01:00 UTC on the last Sunday of March
    ['2026-03-29T00:59:59Z', '29 March 2026 at 00:59:59 GMT'],
    ['2026-03-29T01:00:00Z', '29 March 2026 at 02:00:00 BST'],
    // and back at 01:00 UTC on the last Sunday of October
    ['2026-10-25T00:59:59Z', '25 October 2026 at 01:59:59 BST'],
    ['2026-10-25T01:00:00Z', '25 October 2026 at 01:00:00 GMT'],
    ['2026-12-31T23:30:00+00:00', '31 December 2026 at 23:30:00 GMT'],
  ])('when the time is %s, then HR reads %s', (iso, expected) => {
    expect(ukTimeText(iso)).toBe(expected);
  });

  it('when the text is no time, then it is shown as it is', () => {
    expect(ukTimeText('not a time')).toBe('not a time');
  });
});

describe('a date HR types, as the start of that day in the UK', () => {
  it.each([
    ['2026-01-05', '2026-01-05T00:00:00.000Z'],
    ['2026-05-01', '2026-04-30T23:00:00.000Z'],
    // the clocks change at 01:00 UTC: both days start on the clock of the day before
    ['2026-03-29', '2026-03-29T00:00:00.000Z'],
    ['2026-03-30', '2026-03-29T23:00:00.000Z'],
    ['2026-10-25', '2026-10-24T23:00:00.000Z'],
    ['2026-10-26', '2026-10-26T00:00:00.000Z'],
  ])('when HR types %s, then the day starts at %s', (date, expected) => {
    expect(ukMidnightIso(date)).toBe(expected);
    expect(ukTimeText(expected)).toMatch(/at 00:00:00 (GMT|BST)$/);
  });
});
