import nock from 'nock';
import { PermanentError, RetryableError } from '../../../src/platform/errors';
import { createTracClient } from '../../../src/trac/trac-client';

const TRAC = 'http://trac.test';
const client = () =>
  createTracClient({ baseUrl: TRAC, clientId: 'id', clientSecret: 'secret', timeoutMs: 500 });
const applicant = {
  applicantId: 'A-1',
  organisationCode: 'R0A',
  status: 'Outcome: Recruited',
  doctorInTraining: true,
  person: { forename: 'Aoife', surname: 'Brien', dateOfBirth: '1994-03-17', niNumber: 'QQ123456C' },
};

beforeAll(() => {
  nock.disableNetConnect();
  nock.enableNetConnect(/127\.0\.0\.1|localhost/);
});
beforeEach(() => {
  nock(TRAC)
    .post(
      '/oauth/token',
      (body: Record<string, string>) => body.scope === 'applicants.read' && body.client_id === 'id',
    )
    .reply(200, { access_token: 't', token_type: 'Bearer', expires_in: 3600 });
});
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

describe('Trac client', () => {
  it('when the applicant exists, then only the fields used for matching are kept', async () => {
    nock(TRAC).get('/api/v1/applicants/A-1').reply(200, applicant);
    const result = await client().getApplicant('A-1');
    expect(result?.person).toEqual({ forename: 'Aoife', surname: 'Brien', dateOfBirth: '1994-03-17' });
    expect(JSON.stringify(result)).not.toContain('QQ123456C');
  });

  it('when Trac holds no such applicant, then the result is undefined', async () => {
    nock(TRAC).get('/api/v1/applicants/A-9').reply(404, { error: 'not_found' });
    await expect(client().getApplicant('A-9')).resolves.toBeUndefined();
  });

  it('when a check was never opened, then the result is undefined', async () => {
    nock(TRAC).get('/api/v1/applicants/A-1/checks/eu-status').reply(404, { error: 'not_found' });
    await expect(client().getCheck('A-1', 'eu-status')).resolves.toBeUndefined();
  });

  it('when a check is complete, then it is returned with its data', async () => {
    const check = {
      checkType: 'dbs',
      state: 'Complete',
      completedAt: '2026-06-02T15:40:00Z',
      data: { x: 1 },
    };
    nock(TRAC).get('/api/v1/applicants/A-1/checks/dbs').reply(200, check);
    await expect(client().getCheck('A-1', 'dbs')).resolves.toEqual(check);
  });

  it.each([400, 403, 422])(
    'when Trac answers %i, then it fails at once with TRAC_REJECTED',
    async (status) => {
      nock(TRAC).get('/api/v1/applicants/A-1').reply(status, { error: 'x' });
      await expect(client().getApplicant('A-1')).rejects.toMatchObject({ reason: 'TRAC_REJECTED' });
    },
  );

  it.each([408, 429, 500, 503])('when Trac answers %i, then the error is retryable', async (status) => {
    nock(TRAC).get('/api/v1/applicants/A-1').reply(status, {}, { 'Retry-After': '2' });
    await expect(client().getApplicant('A-1')).rejects.toBeInstanceOf(RetryableError);
  });

  it('when the applicant answer breaks the contract, then it is INVALID_TRAC_DATA naming the field', async () => {
    nock(TRAC)
      .get('/api/v1/applicants/A-1')
      .reply(200, { ...applicant, person: { ...applicant.person, dateOfBirth: '17/03/1994' } });
    const error = await client()
      .getApplicant('A-1')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PermanentError);
    expect((error as Error).message).toContain('applicant.person.dateOfBirth');
    expect((error as Error).message).not.toContain('17/03/1994');
  });
});
