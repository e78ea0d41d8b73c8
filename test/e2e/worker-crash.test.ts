import { DEMO_APPLICANTS } from '../../sandbox';
import { startTsProcess, type ManagedProcess } from '../helpers/processes';
import { testRedisUrl } from '../helpers/redis';
import { esrRecordsFor, setSandboxFaults, withSandboxes } from '../helpers/sandbox';
import { aTestWorker, type TestWorker } from '../helpers/worker';

const sandboxes = withSandboxes();
const HAPPY = DEMO_APPLICANTS.filter((demo) => demo.expected.reason === null && demo.esrApplicantId);
let harness: TestWorker;
const processes: ManagedProcess[] = [];

function aWorkerProcess(): ManagedProcess {
  const worker = startTsProcess('test/helpers/worker-process.ts', {
    NODE_ENV: 'test',
    REDIS_URL: testRedisUrl(),
    QUEUE_PREFIX: harness.prefix,
    TRAC_BASE_URL: sandboxes.tracUrl,
    ESR_BASE_URL: sandboxes.esrUrl,
    WORKER_CONCURRENCY: '4',
  });
  processes.push(worker);
  return worker;
}

beforeAll(() => {
  harness = aTestWorker({ tracUrl: sandboxes.tracUrl, esrUrl: sandboxes.esrUrl, start: false });
});
afterAll(async () => {
  await Promise.all(processes.map((p) => p.kill('SIGKILL')));
  await harness.close();
});

describe('a worker process killed mid-transfer', () => {
  it('when SIGKILL hits after some records were sent, then another worker finishes and each record is stored once', async () => {
    await setSandboxFaults(sandboxes.esrUrl, { latencyMs: 150 });
    const first = aWorkerProcess();
    await first.waitFor('worker-ready');
    const ids = await Promise.all(
      HAPPY.map((demo) => harness.enqueue(demo.organisationCode, demo.applicantId)),
    );

    const target = HAPPY[0]!;
    for (let polls = 0; polls < 200; polls += 1) {
      if ((await esrRecordsFor(sandboxes.esrUrl, target.esrApplicantId!)).length >= 2) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    await first.kill('SIGKILL');
    const partly = await esrRecordsFor(sandboxes.esrUrl, target.esrApplicantId!);
    expect(partly.length).toBeGreaterThanOrEqual(2);
    expect(partly.length).toBeLessThan(6);

    await setSandboxFaults(sandboxes.esrUrl, {});
    const second = aWorkerProcess();
    await second.waitFor('worker-ready');
    for (const id of ids)
      await expect(harness.waitUntilFinished(id, 30_000)).resolves.toMatchObject({ reason: null });

    for (const demo of HAPPY) {
      const stored = await esrRecordsFor(sandboxes.esrUrl, demo.esrApplicantId!);
      const sent = Object.values(demo.expected.records).filter((outcome) => outcome === 'SENT').length;
      expect(stored).toHaveLength(sent);
      expect(stored.every((record) => record.timesKeyStored === 1)).toBe(true);
    }
  });
});
