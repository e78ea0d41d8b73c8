/**
 * Checks a cron expression before BullMQ ever sees it, so that a typo in `DIGEST_SCHEDULE` stops
 * start-up naming the variable instead of failing at the first schedule. Five fields (minute hour
 * day-of-month month day-of-week) or six (seconds first); each field `*`, a value, a range `a-b`,
 * any of those with a step `/n`, or a comma-separated list of them. Months and weekdays may be
 * named (`JAN`, `MON`); weekday 0 and 7 are both Sunday. A subset of what BullMQ's parser reads:
 * anything accepted here, it accepts too.
 */

interface FieldRule {
  name: string;
  min: number;
  max: number;
  names?: readonly string[];
}

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const WEEKDAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];

const FIELDS: readonly FieldRule[] = [
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day of month', min: 1, max: 31 },
  { name: 'month', min: 1, max: 12, names: MONTHS },
  { name: 'day of week', min: 0, max: 7, names: WEEKDAYS },
];
const SECONDS: FieldRule = { name: 'second', min: 0, max: 59 };

function valueOf(text: string, rule: FieldRule): number | undefined {
  if (/^\d{1,2}$/.test(text)) {
    const value = Number(text);
    return value >= rule.min && value <= rule.max ? value : undefined;
  }
  const index = rule.names?.indexOf(text.toUpperCase()) ?? -1;
  if (index < 0) return undefined;
  return rule.names === MONTHS ? index + 1 : index;
}

function isValidItem(item: string, rule: FieldRule): boolean {
  const [range = '', step, extra] = item.split('/');
  if (extra !== undefined) return false;
  if (step !== undefined && !(/^\d{1,2}$/.test(step) && Number(step) >= 1)) return false;
  if (range === '*') return true;
  const [from = '', to, beyond] = range.split('-');
  if (beyond !== undefined) return false;
  const start = valueOf(from, rule);
  if (start === undefined) return false;
  if (to === undefined) return true;
  const end = valueOf(to, rule);
  return end !== undefined && end >= start;
}

/** Why a cron expression is not valid, or undefined when it is. */
export function cronPatternProblem(pattern: string): string | undefined {
  const fields = pattern.trim().split(/\s+/);
  if (fields.length !== 5 && fields.length !== 6) {
    return 'must be a cron expression of 5 fields (minute hour day month weekday), e.g. 0 8 * * 1-5';
  }
  const rules = fields.length === 6 ? [SECONDS, ...FIELDS] : FIELDS;
  for (const [i, field] of fields.entries()) {
    const rule = rules[i]!;
    if (!field.split(',').every((item) => isValidItem(item, rule))) {
      return `must be a cron expression: the ${rule.name} field "${field}" is not valid (${rule.min}-${rule.max})`;
    }
  }
  return undefined;
}
