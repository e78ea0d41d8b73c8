import nock from 'nock';
import {
  anEsrCandidateOfTheHappyApplicant,
  tracServesAHappyApplicant,
} from '../../helpers/nocked-trac-and-esr';
import { aTestWorker, type TestWorker } from '../../helpers/worker';

const TRAC = 'http://trac.test';
const ESR = 'http://esr.test';
const APPLICANT = 'A-500001';
const ESR_ID = '4417723';
const stored = (id: string) => ({ esrRecordId: id, recordType: 'DBS', receivedAt: '2026-06-14T10:22:07Z' });

function esrHasOneMatch(): void {
  nock(ESR).persist().post('/oauth2/token').reply(200, { access_token: 'e', expires_in: 900 });
  nock(ESR)
    .persist()
    .get('/dit/v1/applicants')
    .query(true)
    .reply(200, { items: [anEsrCandidateOfTheHappyApplicant(ESR_ID)] });
}

/** ESR accepts every record type except DBS, whose answers the test scripts. */
function esrAcceptsAllButDbs(): void {
  nock(ESR)
    .persist()
    .post(new RegExp(`/dit/v1/applicants/${ESR_ID}/employment-checks/(?!dbs)`))
    .reply(201, stored('other'));
}

let harness: TestWorker;

beforeAll(() => {
  nock.disableNetConnect();
  nock.enableNetConnect(/127\.0\.0\.1|localhost/);
});
beforeEach(() => {
  tracServesAHappyApplicant(TRAC, APPLICANT);
  esrHasOneMatch();
  esrAcceptsAllButDbs();
});
afterEach(async () => {
  await harness.close();
  nock.cleanAll();
});
afterAll(() => nock.enableNetConnect());

describe('transfer retries', () => {
  it('when ESR answers 500, 500, then 201, then the record is stored once and every try used the same key', async () => {
    const keys: string[] = [];
    nock(ESR)
      .post(`/dit/v1/applicants/${ESR_ID}/employment-checks/dbs`)
      .times(3)
      .reply(function () {
        keys.push(String(this.req.headers['idempotency-key']));
        return keys.length < 3 ? [500, { code: 'ERROR' }] : [201, stored('dbs-1')];
      });
    harness = aTestWorker({ tracUrl: TRAC, esrUrl: ESR, attempts: 5 });

    const transferId = await harness.enqueue('R0A', APPLICANT);
    const transfer = await harness.waitUntilFinished(transferId);

    expect(transfer).toMatchObject({ state: 'completed', reason: null, attempts: 3 });
    expect(transfer.records.dbs).toBe('SENT');
    expect(new Set(keys)).toEqual(new Set([`dit-${transferId}-dbs`]));
    await expect(harness.store.ledger(transferId)).resolves.toMatchObject({ dbs: { esrRecordId: 'dbs-1' } });
  });

  it('when ESR answers 429 with Retry-After, then the transfer waits and completes without using an attempt', async () => {
    let calls = 0;
    const times: number[] = [];
    nock(ESR)
      .post(`/dit/v1/applicants/${ESR_ID}/employment-checks/dbs`)
      .times(2)
      .reply(() => {
        calls += 1;
        times.push(Date.now());
        return calls === 1 ? [429, { code: 'RATE_LIMITED' }, { 'Retry-After': '1' }] : [201, stored('dbs-2')];
      });
    harness = aTestWorker({ tracUrl: TRAC, esrUrl: ESR, attempts: 1 });

    const transferId = await harness.enqueue('R0A', APPLICANT);
    const transfer = await harness.waitUntilFinished(transferId);

    expect(transfer).toMatchObject({ state: 'completed', reason: null });
    expect(times[1]! - times[0]!).toBeGreaterThanOrEqual(950);
    const job = await harness.queue.getJob(transferId);
    expect(job?.attemptsMade).toBe(1);
  });

  it.each([
    [400, 'VALIDATION_FAILED'],
    [422, 'IDEMPOTENCY_KEY_REUSED'],
  ])('when ESR answers %i %s, then the transfer fails at once with ESR_REJECTED', async (status, code) => {
    const scope = nock(ESR)
      .post(`/dit/v1/applicants/${ESR_ID}/employment-checks/dbs`)
      .reply(status, {
        code,
        message: 'no',
        errors: [{ field: 'certificateNumber', message: 'must be 12 digits' }],
      });
    harness = aTestWorker({ tracUrl: TRAC, esrUrl: ESR, attempts: 5 });

    const transferId = await harness.enqueue('R0A', APPLICANT);
    const transfer = await harness.waitUntilFinished(transferId);

    expect(scope.isDone()).toBe(true);
    expect(transfer).toMatchObject({ state: 'failed', reason: 'ESR_REJECTED', attempts: 1 });
    expect(transfer.message).toContain(code);
    expect(transfer.message).toContain('certificateNumber');
    expect(transfer.records.dbs).toBe('NOT_SENT');
  });

  it('when ESR keeps failing, then the transfer fails RETRIES_EXHAUSTED after the configured attempts', async () => {
    nock(ESR)
      .post(`/dit/v1/applicants/${ESR_ID}/employment-checks/dbs`)
      .times(3)
      .reply(503, { code: 'ERROR' });
    harness = aTestWorker({ tracUrl: TRAC, esrUrl: ESR, attempts: 3 });

    const transferId = await harness.enqueue('R0A', APPLICANT);
    const transfer = await harness.waitUntilFinished(transferId);

    expect(transfer).toMatchObject({ state: 'failed', reason: 'RETRIES_EXHAUSTED', attempts: 3 });
    expect(transfer.message).toMatch(/after 3 attempts/);
    const job = await harness.queue.getJob(transferId);
    expect(await job?.isFailed()).toBe(true);
  });

  it('when ESR rejects the token twice on every attempt, then RETRIES_EXHAUSTED names the authentication failure', async () => {
    nock.cleanAll();
    tracServesAHappyApplicant(TRAC, APPLICANT);
    nock(ESR).persist().post('/oauth2/token').reply(200, { access_token: 'e', expires_in: 900 });
    nock(ESR).persist().get('/dit/v1/applicants').query(true).reply(401, { code: 'INVALID_TOKEN' });
    harness = aTestWorker({ tracUrl: TRAC, esrUrl: ESR, attempts: 2 });

    const transferId = await harness.enqueue('R0A', APPLICANT);
    const transfer = await harness.waitUntilFinished(transferId);

    expect(transfer).toMatchObject({ state: 'failed', reason: 'RETRIES_EXHAUSTED' });
    expect(transfer.message).toMatch(/authentication failed/);
  });
});
