import { ukMidnightIso } from '../../platform/uk-time';
import { isCalendarDate } from '../../records/dates';
import type { AdminAnswer } from '../api/admin-schemas';

/** The start form's fields: the organisation, the statuses, and the date as day, month and year. */
export type PreviewField = 'organisationCode' | 'statuses' | 'changedSince';

export interface PreviewFormValues {
  organisationCode?: string;
  statuses?: string;
  day?: string;
  month?: string;
  year?: string;
}

/** What the form holds: the values typed (kept after a problem) and a message per field at fault. */
export interface PreviewFormState {
  values: PreviewFormValues;
  errors: Partial<Record<PreviewField, string>>;
}

const MAX_STATUSES = 50;
const MAX_STATUS_LENGTH = 100;

/** The form as posted, trimmed; anything else it carries left out. */
export function previewFormValues(form: Record<string, unknown>): PreviewFormValues {
  const text = (name: string) => (typeof form[name] === 'string' ? form[name].trim().slice(0, 5000) : '');
  return {
    organisationCode: text('organisationCode'),
    statuses: text('statuses'),
    day: text('changedSinceDay'),
    month: text('changedSinceMonth'),
    year: text('changedSinceYear'),
  };
}

/** The date's problem, or the day it names (`YYYY-MM-DD`); all three empty is no date. */
function dateOf(values: PreviewFormValues, today: string): { date?: string; error?: string } {
  const { day = '', month = '', year = '' } = values;
  if (day === '' && month === '' && year === '') return {};
  if (day === '' || month === '' || year === '') {
    return {
      error: 'Enter the day, month and year the status changed on or after, or leave all three empty',
    };
  }
  const numbers = [day, month, year].every((part) => /^\d+$/.test(part));
  const date = numbers ? `${year.padStart(4, '0')}-${month.padStart(2, '0')}-${day.padStart(2, '0')}` : '';
  if (!numbers || year.length !== 4 || day.length > 2 || month.length > 2 || !isCalendarDate(date)) {
    return { error: 'Enter a real date, for example 1 5 2026' };
  }
  if (date > today) return { error: 'Enter a date that is today or before' };
  return { date };
}

/**
 * The server's own check of every field, in HR's words, and the API's body when all are good
 * (statuses split at commas, the date as the start of that day in the UK).
 */
export function checkPreviewForm(
  values: PreviewFormValues,
  today: string,
): { body: Record<string, unknown> } | { errors: PreviewFormState['errors'] } {
  const errors: PreviewFormState['errors'] = {};
  const statuses = (values.statuses ?? '')
    .split(',')
    .map((status) => status.trim())
    .filter(Boolean);
  if (statuses.length > MAX_STATUSES) errors.statuses = `Enter at most ${MAX_STATUSES} statuses`;
  else if (statuses.some((status) => status.length > MAX_STATUS_LENGTH)) {
    errors.statuses = `Enter statuses of at most ${MAX_STATUS_LENGTH} characters each`;
  }
  if (!values.organisationCode) errors.organisationCode = 'Select the organisation';
  const { date, error } = dateOf(values, today);
  if (error) errors.changedSince = error;
  if (Object.keys(errors).length > 0) return { errors };
  return {
    body: {
      organisationCode: values.organisationCode,
      ...(statuses.length > 0 ? { statuses } : {}),
      ...(date ? { changedSince: ukMidnightIso(date) } : {}),
    },
  };
}

/** A refusal of the start, at the field it is about, in HR's words. */
export function previewErrorsOf(answer: AdminAnswer): PreviewFormState['errors'] {
  const body = answer.body as { error?: string; issues?: { path: string }[] };
  switch (body.error) {
    case 'organisation_not_enabled':
      return { organisationCode: 'That organisation is not enabled for this service: select another' };
    case 'organisation_not_permitted':
      return { organisationCode: 'You do not act for that organisation: ask its HR team for a preview' };
    default: {
      const paths = (body.issues ?? []).map((issue) => issue.path.split('.')[0] ?? '');
      if (paths.includes('statuses')) return { statuses: 'Enter each status as Trac names it' };
      if (paths.includes('changedSince')) return { changedSince: 'Enter a real date, for example 1 5 2026' };
      return { organisationCode: 'Select the organisation' };
    }
  }
}
