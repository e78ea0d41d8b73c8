import request from 'supertest';
import { anEsrApplicant } from '../../../sandbox/seed-builders';
import { anEsrApp } from './sandbox-kit';

const BIRTH_DATE = '1991-02-14';

/** ESR holds each of these last names as written here; the search spells them otherwise. */
const HELD = [
  { esrApplicantId: '5500001', lastName: 'Strauß' },
  { esrApplicantId: '5500002', lastName: 'SØRENSEN' },
  { esrApplicantId: '5500003', lastName: 'Łukaszewicz' },
  { esrApplicantId: '5500004', lastName: 'ÆRØ' },
  { esrApplicantId: '5500005', lastName: 'Smith\u00ADJones' },
  { esrApplicantId: '5500006', lastName: 'Mac\u200BLeod' },
  { esrApplicantId: '5500007', lastName: 'STRAUS' },
];

async function searchFor(lastName: string): Promise<string[]> {
  const esr = anEsrApp({
    organisations: [{ code: 'R0A', ditProvider: 'TIS' }],
    applicants: HELD.map((held) =>
      anEsrApplicant({ ...held, organisationCode: 'R0A', firstName: 'ALEX', dateOfBirth: BIRTH_DATE }),
    ),
  });
  const answer = await request(esr.app)
    .get('/dit/v1/applicants')
    .query({ organisationCode: 'R0A', lastName, dateOfBirth: BIRTH_DATE })
    .set('Authorization', `Bearer ${await esr.token()}`);
  expect(answer.status).toBe(200);
  return (answer.body as { items: { esrApplicantId: string }[] }).items.map((c) => c.esrApplicantId);
}

describe("ESR sandbox search under esr.md's name rule (its own reading of it)", () => {
  it.each([
    ['STRAUSS', 'Strauß', '5500001'],
    ['Sørensen', 'SØRENSEN', '5500002'],
    ['sorensen', 'SØRENSEN', '5500002'],
    ['LUKASZEWICZ', 'Łukaszewicz', '5500003'],
    ['Aero', 'ÆRØ', '5500004'],
    ['Smithjones', 'Smith\u00ADJones (soft hyphen)', '5500005'],
    ['MACLEOD', 'Mac\u200BLeod (zero-width space)', '5500006'],
  ])('when the search names %j and ESR holds %j, then that record is found', async (lastName, _held, id) => {
    expect(await searchFor(lastName)).toEqual([id]);
  });

  it('when the search names STRAUS, then only STRAUS is found, not Strauß: no fuzzy matching', async () => {
    expect(await searchFor('Straus')).toEqual(['5500007']);
  });
});
