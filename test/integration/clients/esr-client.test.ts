import nock from 'nock';
import { createEsrClient } from '../../../src/esr/esr-client';
import { PermanentError, RetryableError } from '../../../src/platform/errors';

const ESR = 'http://esr.test';
const client = () =>
  createEsrClient({ baseUrl: ESR, clientId: 'id', clientSecret: 'secret', timeoutMs: 500 });
const stored = { esrRecordId: 'R1', recordType: 'DBS', receivedAt: '2026-06-14T10:22:07Z' };
const post = (c: ReturnType<typeof client>) => c.postRecord('4417723', 'dbs', { a: 1 }, 'dit-R0A-A-1-dbs');

function tokenIssued(times = 1, token = 'tok-1') {
  return nock(ESR)
    .post('/oauth2/token')
    .times(times)
    .reply(200, { access_token: token, token_type: 'Bearer', expires_in: 900 });
}

beforeAll(() => {
  nock.disableNetConnect();
  nock.enableNetConnect(/127\.0\.0\.1|localhost/);
});
afterEach(() => {
  nock.abortPendingRequests(); // a delayed reply's timer would outlive the test
  nock.cleanAll();
});
afterAll(() => nock.enableNetConnect());

describe('ESR client', () => {
  it('when a record is stored, then it posts the body with the bearer token and the idempotency key', async () => {
    tokenIssued();
    const scope = nock(ESR, {
      reqheaders: { authorization: 'Bearer tok-1', 'idempotency-key': 'dit-R0A-A-1-dbs' },
    })
      .post('/dit/v1/applicants/4417723/employment-checks/dbs', { a: 1 })
      .reply(201, stored);
    await expect(post(client())).resolves.toEqual({ stored: true, esrRecordId: 'R1', replayed: false });
    expect(scope.isDone()).toBe(true);
  });

  it('when ESR replays a stored key, then the result says replayed', async () => {
    tokenIssued();
    nock(ESR)
      .post(/employment-checks/)
      .reply(201, stored, { 'Idempotent-Replayed': 'true' });
    await expect(post(client())).resolves.toMatchObject({ stored: true, replayed: true });
  });

  it('when two requests run, then one token serves both', async () => {
    const token = tokenIssued(1);
    nock(ESR)
      .post(/employment-checks/)
      .times(2)
      .reply(201, stored);
    const c = client();
    await Promise.all([post(c), post(c)]);
    expect(token.isDone()).toBe(true);
  });

  it('when the token was revoked (401), then a new token is fetched once and the request repeated', async () => {
    tokenIssued(1, 'old');
    tokenIssued(1, 'new');
    nock(ESR, { reqheaders: { authorization: 'Bearer old' } })
      .post(/employment-checks/)
      .reply(401, { code: 'INVALID_TOKEN' });
    nock(ESR, { reqheaders: { authorization: 'Bearer new' } })
      .post(/employment-checks/)
      .reply(201, stored);
    await expect(post(client())).resolves.toMatchObject({ stored: true });
  });

  it('when a second 401 follows the refresh, then it is retryable and names the authentication failure', async () => {
    tokenIssued(2);
    nock(ESR)
      .post(/employment-checks/)
      .times(2)
      .reply(401, { code: 'INVALID_TOKEN' });
    const error = await post(client()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RetryableError);
    expect((error as Error).message).toMatch(/authentication failed/);
  });

  it('when ESR says the professional registration exists, then the record is superseded', async () => {
    tokenIssued();
    nock(ESR)
      .post(/employment-checks/)
      .reply(409, { code: 'PROFESSIONAL_REGISTRATION_EXISTS', message: 'exists' });
    await expect(client().postRecord('1', 'professional-registration', {}, 'k')).resolves.toEqual({
      stored: false,
      superseded: true,
    });
  });

  it.each([
    [409, 'IDEMPOTENCY_KEY_IN_USE'],
    [408, 'TIMEOUT'],
    [500, 'ERROR'],
    [502, 'ERROR'],
    [503, 'ERROR'],
    [504, 'ERROR'],
  ])('when ESR answers %i %s, then the error is retryable', async (status, code) => {
    tokenIssued();
    nock(ESR)
      .post(/employment-checks/)
      .reply(status, { code });
    await expect(post(client())).rejects.toBeInstanceOf(RetryableError);
  });

  it('when ESR answers 429 with Retry-After, then the retryable error carries the wait', async () => {
    tokenIssued();
    nock(ESR)
      .post(/employment-checks/)
      .reply(429, { code: 'RATE_LIMITED' }, { 'Retry-After': '3' });
    await expect(post(client())).rejects.toMatchObject({ retryAfterMs: 3000 });
  });

  it.each([
    [400, 'VALIDATION_FAILED'],
    [400, 'IDEMPOTENCY_KEY_INVALID'],
    [403, 'ORGANISATION_NOT_AUTHORISED'],
    [404, 'APPLICANT_NOT_FOUND'],
    [422, 'IDEMPOTENCY_KEY_REUSED'],
    [409, 'SOMETHING_ELSE'],
  ])(
    'when ESR answers %i %s, then it fails at once with ESR_REJECTED naming the code',
    async (status, code) => {
      tokenIssued();
      nock(ESR)
        .post(/employment-checks/)
        .reply(status, {
          code,
          message: 'no',
          errors: [{ field: 'certificateNumber', message: 'must be 12 digits' }],
        });
      const error = await post(client()).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(PermanentError);
      expect(error).toMatchObject({ reason: 'ESR_REJECTED' });
      expect((error as Error).message).toContain(code);
      expect((error as Error).message).toContain('certificateNumber');
    },
  );

  it('when ESR does not answer in time, then the error is retryable', async () => {
    tokenIssued();
    nock(ESR)
      .post(/employment-checks/)
      .delay(2000)
      .reply(201, stored);
    await expect(post(client())).rejects.toBeInstanceOf(RetryableError);
  });

  it('when the connection fails, then the error is retryable', async () => {
    tokenIssued();
    nock(ESR)
      .post(/employment-checks/)
      .replyWithError({ code: 'ECONNRESET' });
    await expect(post(client())).rejects.toBeInstanceOf(RetryableError);
  });

  it('when the search answers candidates, then they are parsed', async () => {
    tokenIssued();
    const candidate = {
      esrApplicantId: '1',
      organisationCode: 'R0A',
      firstName: 'A',
      lastName: 'B',
      dateOfBirth: '1990-01-01',
      recordOrigin: 'TIS',
      personType: 'APPLICANT',
      applicationStatus: 'ACTIVE',
      hasProfessionalRegistration: false,
    };
    nock(ESR)
      .get('/dit/v1/applicants')
      .query({ organisationCode: 'R0A', lastName: 'B', dateOfBirth: '1990-01-01' })
      .reply(200, { items: [candidate] });
    await expect(
      client().searchApplicants({ organisationCode: 'R0A', lastName: 'B', dateOfBirth: '1990-01-01' }),
    ).resolves.toEqual([candidate]);
  });

  it('when the search is refused with a 4xx, then it fails at once with ESR_REJECTED', async () => {
    tokenIssued();
    nock(ESR).get('/dit/v1/applicants').query(true).reply(403, { code: 'ORGANISATION_NOT_AUTHORISED' });
    await expect(
      client().searchApplicants({ organisationCode: 'R0A', lastName: 'B', dateOfBirth: '1990-01-01' }),
    ).rejects.toMatchObject({ reason: 'ESR_REJECTED' });
  });

  it('when the token endpoint refuses the credentials, then the error is retryable (they may be rotating)', async () => {
    nock(ESR).post('/oauth2/token').reply(401, { code: 'INVALID_CLIENT' });
    await expect(post(client())).rejects.toBeInstanceOf(RetryableError);
  });
});
