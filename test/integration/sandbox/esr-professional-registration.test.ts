import request from 'supertest';
import { aDbsBody, aProfessionalRegistrationBody } from './esr-bodies';
import { anEsrApp, postRecord, type EsrErrorBody } from './sandbox-kit';

async function anAuthorisedEsr(options: Parameters<typeof anEsrApp>[0] = {}) {
  const esr = anEsrApp(options);
  const token = await esr.token();
  const post = (
    esrApplicantId: string,
    recordType: string,
    body: unknown,
    key = `key-${esrApplicantId}-${recordType}`,
  ) => postRecord(esr.app, token, { esrApplicantId, recordType, key }, body);
  return { ...esr, token, post };
}

describe('ESR sandbox record POST: professional registration held in ESR', () => {
  it('when ESR reports a registration, then 409 PROFESSIONAL_REGISTRATION_EXISTS, other records still go', async () => {
    const { post } = await anAuthorisedEsr();

    const registration = await post('4417805', 'professional-registration', aProfessionalRegistrationBody());
    const dbs = await post('4417805', 'dbs', aDbsBody());

    expect([registration.status, (registration.body as EsrErrorBody).code]).toEqual([
      409,
      'PROFESSIONAL_REGISTRATION_EXISTS',
    ]);
    expect(dbs.status).toBe(201);
  });

  it('when the search said none but ESR holds one, then the POST answers 409 PROFESSIONAL_REGISTRATION_EXISTS', async () => {
    const { post, sandbox } = await anAuthorisedEsr();

    const answer = await post('4417814', 'professional-registration', aProfessionalRegistrationBody());

    expect((answer.body as EsrErrorBody).code).toBe('PROFESSIONAL_REGISTRATION_EXISTS');
    expect(sandbox.records()).toEqual([]);
  });

  it('when a registration was stored, then a second one under another key gets 409 and the search reports it', async () => {
    const { post, app, token } = await anAuthorisedEsr();

    const first = await post(
      '4417723',
      'professional-registration',
      aProfessionalRegistrationBody(),
      'key-1',
    );
    const second = await post(
      '4417723',
      'professional-registration',
      aProfessionalRegistrationBody(),
      'key-2',
    );
    const search = await request(app)
      .get('/dit/v1/applicants?organisationCode=R0A&lastName=OBrien&dateOfBirth=1994-03-17')
      .set('Authorization', `Bearer ${token}`);

    expect(first.status).toBe(201);
    expect([second.status, (second.body as EsrErrorBody).code]).toEqual([
      409,
      'PROFESSIONAL_REGISTRATION_EXISTS',
    ]);
    expect(search.body).toMatchObject({
      items: [{ esrApplicantId: '4417723', hasProfessionalRegistration: true }, {}],
    });
  });
});
