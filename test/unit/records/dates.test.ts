import { compareDates, isCalendarDate, londonDateOf, todayInLondon } from '../../../src/records/dates';

describe('Europe/London dates', () => {
  it.each([
    ['2026-06-01T23:30:00Z', '2026-06-02', 'a BST evening: London is an hour ahead'],
    ['2026-06-01T22:59:59Z', '2026-06-01', 'a BST evening before midnight in London'],
    ['2026-01-15T23:30:00Z', '2026-01-15', 'a GMT evening: London is on UTC'],
    ['2026-01-16T00:00:00Z', '2026-01-16', 'GMT midnight'],
    ['2026-03-29T00:30:00Z', '2026-03-29', 'the night the clocks go forward'],
    ['2026-10-24T23:30:00Z', '2026-10-25', 'the night before the clocks go back'],
    ['2026-06-02T00:30:00+02:00', '2026-06-01', 'an offset ahead of London'],
  ])('when the date-time is %s (%s), then its London date is %s', (dateTime, expected) => {
    expect(londonDateOf(dateTime)).toBe(expected);
  });

  it('when the text is not a date-time, then londonDateOf throws a RangeError', () => {
    expect(() => londonDateOf('yesterday')).toThrow(RangeError);
  });

  it.each([
    ['2026-06-14T23:30:00Z', '2026-06-15', 'BST'],
    ['2026-12-14T23:30:00Z', '2026-12-14', 'GMT'],
  ])('when now is %s, then today in London is %s (%s)', (now, expected) => {
    expect(todayInLondon(new Date(now))).toBe(expected);
  });

  it.each([
    ['2026-02-28', true],
    ['2028-02-29', true],
    ['2026-02-29', false],
    ['2026-04-31', false],
    ['2026-13-01', false],
    ['2026-6-1', false],
    ['2026-06-01T00:00:00Z', false],
  ])('when the text is %s, then it is a calendar date: %s', (text, expected) => {
    expect(isCalendarDate(text)).toBe(expected);
  });

  it.each([
    ['2026-06-01', '2026-06-02', -1],
    ['2026-06-02', '2026-06-02', 0],
    ['2026-12-01', '2026-06-30', 1],
  ])('when %s is compared with %s, then the result is %i', (a, b, expected) => {
    expect(compareDates(a, b)).toBe(expected);
  });
});
