import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmbeddedRedis, type EmbeddedRedis } from '../../scripts/embedded-redis';
import { DEMO_APPLICANTS } from '../../sandbox';
import { aScriptedRandom, esrRecordsFor, setSandboxFaults, withSandboxes } from '../helpers/sandbox';
import { aTestWorker, type TestWorker } from '../helpers/worker';

const HAPPY = DEMO_APPLICANTS.filter((demo) => demo.expected.reason === null && demo.esrApplicantId);

describe('lost responses', () => {
  // every ESR record POST is stored, then the connection is dropped without an answer, once
  const sandboxes = withSandboxes({ random: aScriptedRandom([0]) });
  let harness: TestWorker;
  afterEach(async () => {
    await setSandboxFaults(sandboxes.esrUrl, {});
    await harness.close();
  });

  it('when ESR stores a record but the answer is lost, then the retry is replayed and ESR holds it once', async () => {
    const demo = HAPPY[0]!;
    await setSandboxFaults(sandboxes.esrUrl, { lostResponseRate: 1 });
    harness = aTestWorker({
      tracUrl: sandboxes.tracUrl,
      esrUrl: sandboxes.esrUrl,
      attempts: 8,
      start: false,
    });
    const id = await harness.enqueue(demo.organisationCode, demo.applicantId);
    harness.startWorker();

    for (let polls = 0; polls < 200; polls += 1) {
      if ((await esrRecordsFor(sandboxes.esrUrl, demo.esrApplicantId!)).length >= 1) break;
      await new Promise((r) => setTimeout(r, 25));
    }
    await setSandboxFaults(sandboxes.esrUrl, {});
    const transfer = await harness.waitUntilFinished(id);

    expect(transfer).toMatchObject({ state: 'completed', reason: null });
    expect(transfer.attempts).toBeGreaterThan(1);
    const stored = await esrRecordsFor(sandboxes.esrUrl, demo.esrApplicantId!);
    expect(stored.every((record) => record.timesKeyStored === 1)).toBe(true);
    expect(stored).toHaveLength(Object.values(demo.expected.records).filter((o) => o === 'SENT').length);
  });
});

describe('Redis restarted mid-run', () => {
  const sandboxes = withSandboxes();
  let redis: EmbeddedRedis;
  let harness: TestWorker;
  const dataDir = mkdtempSync(join(tmpdir(), 'dit-restart-'));

  beforeAll(async () => {
    redis = await startEmbeddedRedis({ dataDir });
  });
  afterAll(async () => {
    await harness.close();
    await redis.stop();
  });

  it('when Redis stops and comes back (AOF on), then the worker resumes and every transfer completes once', async () => {
    await setSandboxFaults(sandboxes.esrUrl, { latencyMs: 100 });
    harness = aTestWorker({
      redisUrl: redis.url,
      tracUrl: sandboxes.tracUrl,
      esrUrl: sandboxes.esrUrl,
      attempts: 8,
    });
    const ids = await Promise.all(
      HAPPY.map((demo) => harness.enqueue(demo.organisationCode, demo.applicantId)),
    );
    for (let polls = 0; polls < 200; polls += 1) {
      if ((await esrRecordsFor(sandboxes.esrUrl, HAPPY[0]!.esrApplicantId!)).length >= 1) break;
      await new Promise((r) => setTimeout(r, 25));
    }

    await redis.stop();
    await new Promise((r) => setTimeout(r, 1000));
    redis = await startEmbeddedRedis({ dataDir, port: redis.port });
    await setSandboxFaults(sandboxes.esrUrl, {});

    for (const id of ids)
      await expect(harness.waitUntilFinished(id, 40_000)).resolves.toMatchObject({ reason: null });
    for (const demo of HAPPY) {
      const stored = await esrRecordsFor(sandboxes.esrUrl, demo.esrApplicantId!);
      expect(stored.every((record) => record.timesKeyStored === 1)).toBe(true);
    }
  });
});
