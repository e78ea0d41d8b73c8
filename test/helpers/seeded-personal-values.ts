import { TRAC_CHECK_TYPES } from '../../src/records/record-types';
import { aTracToken } from './sandbox';

function leavesOf(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(leavesOf);
  if (typeof value === 'object' && value !== null) return Object.values(value).flatMap(leavesOf);
  return [];
}

async function getJson(url: string, token: string): Promise<unknown> {
  const answer = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
  return answer.ok ? answer.json() : undefined;
}

/**
 * What Trac's sandbox holds about an applicant that must never leave the transfer, as it is
 * spelt there (search for them case-sensitively): forename, surname and date of birth (names also
 * in lower case and as ESR spells them, upper case with a plain apostrophe), and every value of the
 * checks the connector reads (certificate, registration and share-code numbers, names, dates, free
 * text) at least 5 characters long.
 */
export async function seededPersonalValues(tracUrl: string, applicantId: string): Promise<string[]> {
  const token = await aTracToken(tracUrl);
  const base = `${tracUrl}/api/v1/applicants/${applicantId}`;
  const applicant = (await getJson(base, token)) as {
    person: { forename: string; surname: string; dateOfBirth: string };
  };
  const { forename, surname, dateOfBirth } = applicant.person;
  const checks = await Promise.all(TRAC_CHECK_TYPES.map((type) => getJson(`${base}/checks/${type}`, token)));
  const content = checks.flatMap((check) => leavesOf((check as { data?: unknown } | undefined)?.data));
  const names = [forename, surname].flatMap((name) => [
    name,
    name.toLowerCase(),
    name.toUpperCase().replace(/’/g, "'"),
  ]);
  return [...new Set([...names, dateOfBirth, ...content.filter((value) => value.length >= 5)])];
}
