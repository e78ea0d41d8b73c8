import request from 'supertest';
import { anEsrApp, type EsrErrorBody } from './sandbox-kit';

interface Candidate {
  esrApplicantId: string;
}

async function anAuthorisedEsr(options: Parameters<typeof anEsrApp>[0] = {}) {
  const esr = anEsrApp(options);
  const bearer = `Bearer ${await esr.token()}`;
  const search = (query: Record<string, string>) =>
    request(esr.app).get('/dit/v1/applicants').query(query).set('Authorization', bearer);
  const idsFor = async (query: Record<string, string>) =>
    ((await search(query)).body as { items: Candidate[] }).items.map((c) => c.esrApplicantId);
  return { ...esr, search, idsFor };
}

describe('ESR sandbox applicant search', () => {
  it('when Trac spells the surname with a curly apostrophe, then the O’BRIEN records are found', async () => {
    const { search } = await anAuthorisedEsr();

    const answer = await search({ organisationCode: 'R0A', lastName: 'O’Brien', dateOfBirth: '1994-03-17' });

    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({
      items: [
        {
          esrApplicantId: '4417723',
          organisationCode: 'R0A',
          firstName: 'AOIFE',
          lastName: "O'BRIEN",
          dateOfBirth: '1994-03-17',
          recordOrigin: 'TIS',
          personType: 'APPLICANT',
          applicationStatus: 'ACTIVE',
          hasProfessionalRegistration: false,
        },
        expect.objectContaining({ esrApplicantId: '4417724', firstName: 'CIARA' }),
      ],
    });
  });

  it.each(['obrien', "O'BRIEN", 'o‘brien ', 'O`Brien'])(
    'when the last name is %j, then it matches under the normalisation rule',
    async (lastName) => {
      const { idsFor } = await anAuthorisedEsr();

      expect(await idsFor({ organisationCode: 'R0A', lastName, dateOfBirth: '1994-03-17' })).toEqual([
        '4417723',
        '4417724',
      ]);
    },
  );

  it('when candidates differ in type, status or origin, then ESR returns them all: the connector chooses', async () => {
    const { idsFor } = await anAuthorisedEsr();

    const closedAndActive = await idsFor({
      organisationCode: 'R0A',
      lastName: 'Turner',
      dateOfBirth: '1990-10-10',
    });
    const employee = await idsFor({
      organisationCode: 'R0A',
      lastName: 'Whitfield',
      dateOfBirth: '1990-01-09',
    });
    const manual = await idsFor({ organisationCode: 'R0A', lastName: 'Bello', dateOfBirth: '1996-09-14' });

    expect(closedAndActive).toEqual(['4417815', '4417816']);
    expect(employee).toEqual(['4417803']);
    expect(manual).toEqual(['4417804']);
  });

  it('when the date of birth or the organisation differs, then nothing is found', async () => {
    const { idsFor } = await anAuthorisedEsr();

    const swappedDate = await idsFor({
      organisationCode: 'R0A',
      lastName: 'Nowak',
      dateOfBirth: '1992-05-03',
    });
    const otherOrganisation = await idsFor({
      organisationCode: '7A1',
      lastName: 'OBrien',
      dateOfBirth: '1994-03-17',
    });
    const differentName = await idsFor({
      organisationCode: 'R0A',
      lastName: 'Brien',
      dateOfBirth: '1994-03-17',
    });

    expect([swappedDate, otherOrganisation, differentName]).toEqual([[], [], []]);
  });

  it('when a parameter is missing, then 400 VALIDATION_FAILED naming each missing one', async () => {
    const { search } = await anAuthorisedEsr();

    const answer = await search({ lastName: 'OBrien' });

    expect(answer.status).toBe(400);
    const body = answer.body as EsrErrorBody;
    expect(body.code).toBe('VALIDATION_FAILED');
    expect(body.errors).toEqual([
      { field: 'organisationCode', message: 'is required' },
      { field: 'dateOfBirth', message: 'is required' },
    ]);
  });

  it('when the date of birth is not YYYY-MM-DD, then 400 VALIDATION_FAILED on dateOfBirth', async () => {
    const { search } = await anAuthorisedEsr();

    const answer = await search({ organisationCode: 'R0A', lastName: 'OBrien', dateOfBirth: '17/03/1994' });

    expect(answer.status).toBe(400);
    expect((answer.body as EsrErrorBody).errors).toEqual([
      { field: 'dateOfBirth', message: expect.any(String) as unknown },
    ]);
  });

  it('when ESR silently holds a registration, then the search still reports what ESR reports', async () => {
    const { search } = await anAuthorisedEsr();

    const answer = await search({ organisationCode: 'R0A', lastName: 'Osei', dateOfBirth: '1994-05-05' });

    expect(answer.body).toEqual({ items: [expect.objectContaining({ hasProfessionalRegistration: false })] });
    expect(JSON.stringify(answer.body)).not.toContain('holdsProfessionalRegistration');
  });

  it('when the client may not write for the organisation, then it may still search it', async () => {
    const { idsFor } = await anAuthorisedEsr({ authorisedOrganisations: ['7A1'] });

    expect(await idsFor({ organisationCode: 'R0A', lastName: 'Chen', dateOfBirth: '1996-03-03' })).toEqual([
      '4417812',
    ]);
  });
});
