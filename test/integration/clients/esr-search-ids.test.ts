import nock from 'nock';
import { createEsrClient } from '../../../src/esr/esr-client';
import { RetryableError } from '../../../src/platform/errors';

const ESR = 'http://esr-ids.test';
const QUERY = { organisationCode: 'R0A', lastName: 'B', dateOfBirth: '1990-01-01' };
const client = () =>
  createEsrClient({ baseUrl: ESR, clientId: 'id', clientSecret: 'secret', timeoutMs: 500 });

/** A search answer of one in-scope candidate with the given id. */
function searchAnswers(esrApplicantId: string) {
  nock(ESR).post('/oauth2/token').reply(200, { access_token: 'tok', token_type: 'Bearer', expires_in: 900 });
  const candidate = {
    esrApplicantId,
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
    .query(QUERY)
    .reply(200, { items: [candidate] });
  return candidate;
}

beforeAll(() => {
  nock.disableNetConnect();
  nock.enableNetConnect(/127\.0\.0\.1|localhost/);
});
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

describe('ESR applicant ids in a search answer (esr.md: 1 to 32 of A-Z a-z 0-9 - _, a letter or digit first)', () => {
  it.each([
    ['a spreadsheet formula', '=HYPERLINK("https://evil.example","Open")'],
    ['a formula with a pipe to a command', '@SUM(1+1)|cmd'],
    ['a leading minus', '-4417723'],
    ['a leading underscore', '_4417723'],
    ['a leading plus', '+4417723'],
    ['a space', '4417 723'],
    ['33 characters', 'a'.repeat(33)],
    ['nothing', ''],
  ])(
    'when a candidate’s id has %s, then the answer is malformed: retryable, like a 5xx',
    async (_what, id) => {
      searchAnswers(id);

      const error = await client()
        .searchApplicants(QUERY)
        .catch((e: unknown) => e);

      expect(error).toBeInstanceOf(RetryableError);
      expect((error as Error).message).toBe('ESR search: answer did not match the contract');
    },
  );

  it.each([['4417723'], ['A'], ['9'], ['a-_Z0'], ['Z'.repeat(32)]])(
    'when a candidate’s id is %s, then it is accepted as is',
    async (id) => {
      const candidate = searchAnswers(id);

      await expect(client().searchApplicants(QUERY)).resolves.toEqual([candidate]);
    },
  );
});
