import nock from 'nock';
import { aTestWorker, type TestWorker } from '../../helpers/worker';

const TRAC = 'http://trac-case.test';
const ESR = 'http://esr-case.test';

/** A Trac that resolves applicant ids without regard to case and answers with its own spelling. */
function tracIgnoresTheCaseOfIds(): void {
  nock(TRAC).persist().post('/oauth/token').reply(200, { access_token: 't', expires_in: 3600 });
  nock(TRAC)
    .persist()
    .get(/\/api\/v1\/applicants\/a-500009$/i)
    .reply(200, {
      applicantId: 'A-500009',
      organisationCode: 'R0A',
      status: 'Outcome: Recruited',
      doctorInTraining: true,
      person: { forename: 'Aoife', surname: 'O’Brien', dateOfBirth: '1994-03-17' },
    });
}

let harness: TestWorker;
let esrCalls = 0;

beforeAll(() => {
  nock.disableNetConnect();
  nock.enableNetConnect(/127\.0\.0\.1|localhost/);
});
beforeEach(() => {
  tracIgnoresTheCaseOfIds();
  esrCalls = 0;
  nock(ESR)
    .persist()
    .post(/.*/)
    .reply(() => {
      esrCalls += 1;
      return [500, {}];
    })
    .get(/.*/)
    .reply(() => {
      esrCalls += 1;
      return [500, {}];
    });
});
afterEach(async () => {
  await harness.close();
  nock.cleanAll();
});
afterAll(() => nock.enableNetConnect());

describe('applicant ids are exact: Trac spells the applicant, the transfer follows', () => {
  it('when Trac answers a transfer for a-500009 with applicant A-500009, then it fails TRAC_APPLICANT_NOT_FOUND before any ESR request', async () => {
    harness = aTestWorker({ tracUrl: TRAC, esrUrl: ESR });

    const transfer = await harness.waitUntilFinished(await harness.enqueue('R0A', 'a-500009'));

    expect(transfer).toMatchObject({ state: 'failed', reason: 'TRAC_APPLICANT_NOT_FOUND', attempts: 1 });
    expect(esrCalls).toBe(0);
  });
});
