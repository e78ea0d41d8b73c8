import nock from 'nock';
import { TRANSFER_QUEUE_NAME } from '../../../src/store/transfer-job';
import {
  anEsrCandidateOfTheHappyApplicant,
  tracServesAHappyApplicant,
} from '../../helpers/nocked-trac-and-esr';
import { aTestWorker, type TestWorker, type TestWorkerOptions } from '../../helpers/worker';

const TRAC = 'http://trac.test';
const ESR = 'http://esr.test';
const APPLICANT = 'A-500101';
const ESR_ID = '4417801';

const candidate = anEsrCandidateOfTheHappyApplicant(ESR_ID);

let harness: TestWorker;

beforeAll(() => {
  nock.disableNetConnect();
  nock.enableNetConnect(/127\.0\.0\.1|localhost/);
});
afterEach(async () => {
  await harness.close();
  nock.cleanAll();
});
afterAll(() => nock.enableNetConnect());

/** ESR: the first search hangs past the client's time-out (2 s); every later one, and every post, is answered. */
function esrHangsOnTheFirstSearch(): void {
  nock(ESR).persist().post('/oauth2/token').reply(200, { access_token: 'e', expires_in: 900 });
  // the first run's search hangs past the client's time-out; the run that takes over is answered
  nock(ESR)
    .get('/dit/v1/applicants')
    .query(true)
    .delay(2500)
    .reply(200, { items: [candidate] });
  nock(ESR)
    .persist()
    .get('/dit/v1/applicants')
    .query(true)
    .reply(200, { items: [candidate] });
  nock(ESR)
    .persist()
    .post(new RegExp(`/dit/v1/applicants/${ESR_ID}/employment-checks/`))
    .reply(201, { esrRecordId: 'stored', recordType: 'X', receivedAt: '2026-06-14T10:22:07Z' });
}

/** Once the transfer's first run has begun (and waits on ESR's search), its job's lock goes, as in a Redis failover. */
async function theLockGoesWhileTheFirstRunWaits(
  transferId: string,
  beforeItGoes: () => void = () => {},
): Promise<void> {
  for (let polls = 0; polls < 100 && (await harness.store.get(transferId))?.attempts !== 1; polls += 1) {
    await new Promise((r) => setTimeout(r, 20));
  }
  await new Promise((r) => setTimeout(r, 100));
  beforeItGoes();
  await harness.redis.del(`${harness.prefix}:${TRANSFER_QUEUE_NAME}:${transferId}:lock`);
}

/** After the first run's search timed out and it ended: the transfer as the run that took over left it. */
async function expectTheTakeOverRunsEnd(transferId: string): Promise<void> {
  for (let polls = 0; polls < 100 && !harness.logs.some((l) => l.includes('run stopped')); polls += 1) {
    await new Promise((r) => setTimeout(r, 50));
  }
  const transfer = await harness.store.get(transferId);
  expect(transfer).toMatchObject({ state: 'completed', reason: null });
  expect(Object.values(transfer!.records)).toEqual(Array(6).fill('SENT'));
  expect(harness.logs.filter((l) => l.includes('run stopped'))).toHaveLength(1);
}

/**
 * Trac serves a happy applicant, ESR hangs on the first search, and the worker's stalled check runs
 * every 200 ms: the first run still waits on ESR when its lock goes.
 */
function aWorkerWhoseFirstRunWaitsOnEsr(options: Partial<TestWorkerOptions> = {}): TestWorker {
  tracServesAHappyApplicant(TRAC, APPLICANT);
  esrHangsOnTheFirstSearch();
  return aTestWorker({
    tracUrl: TRAC,
    esrUrl: ESR,
    httpTimeoutMs: 2000,
    tuning: { stalledIntervalMs: 200 },
    ...options,
  });
}

describe('a run that lost its job', () => {
  it('when the same worker is handed the job again and completes it while the first run still waits on ESR, then the first writes nothing when it ends', async () => {
    harness = aWorkerWhoseFirstRunWaitsOnEsr();

    const transferId = await harness.enqueue('R0A', APPLICANT);
    // the stalled check hands the job to a second run on this worker before the lock is renewed
    await theLockGoesWhileTheFirstRunWaits(transferId);
    expect(await harness.waitUntilFinished(transferId)).toMatchObject({ state: 'completed', reason: null });
    await expectTheTakeOverRunsEnd(transferId);
  }, 20_000);

  it('when another worker takes the job over and completes it while the first run still waits on ESR, then the first writes nothing when it ends', async () => {
    // busy with its first run, the first worker cannot take the job again: the second one does
    harness = aWorkerWhoseFirstRunWaitsOnEsr({ concurrency: 1, start: false });
    const first = harness.startWorker();
    const transferId = await harness.enqueue('R0A', APPLICANT);
    await theLockGoesWhileTheFirstRunWaits(transferId, () => harness.startWorker());
    expect(await harness.waitUntilFinished(transferId)).toMatchObject({ state: 'completed', reason: null });
    await expectTheTakeOverRunsEnd(transferId);
    await first.close();
  }, 20_000);
});
