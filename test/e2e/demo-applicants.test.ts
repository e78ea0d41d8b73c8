import { DEMO_APPLICANTS, DEMO_SEED, NEVER_SENT_MARKERS } from '../../sandbox';
import { RECORD_TYPES } from '../../src/records/record-types';
import { esrRecordsFor, esrRequestBodies, withSandboxes } from '../helpers/sandbox';
import { aTestWorker, type TestWorker } from '../helpers/worker';

const sandboxes = withSandboxes();
let harness: TestWorker;
const finished = new Map<string, Awaited<ReturnType<TestWorker['waitUntilFinished']>>>();

beforeAll(async () => {
  harness = aTestWorker({ tracUrl: sandboxes.tracUrl, esrUrl: sandboxes.esrUrl, concurrency: 8 });
  const ids = await Promise.all(
    DEMO_APPLICANTS.map((demo) => harness.enqueue(demo.organisationCode, demo.applicantId)),
  );
  for (const id of ids) finished.set(id, await harness.waitUntilFinished(id));
});
afterAll(async () => {
  await harness.close();
});

describe('every seeded demo applicant ends as the contract prescribes', () => {
  it.each(DEMO_APPLICANTS.map((demo) => [demo.applicantId, demo.case, demo] as const))(
    'when %s (%s) is transferred, then state, reason and record outcomes match',
    (_id, _case, demo) => {
      const transfer = finished.get(`${demo.organisationCode}-${demo.applicantId}`);
      expect(transfer).toMatchObject({
        state: demo.expected.state,
        reason: demo.expected.reason,
        records: demo.expected.records,
      });
      expect(transfer?.message === null).toBe(demo.expected.reason === null);
    },
  );

  it('when the transfers are done, then ESR holds exactly the SENT records, each stored once under its key', async () => {
    for (const demo of DEMO_APPLICANTS) {
      if (!demo.esrApplicantId) continue;
      const stored = await esrRecordsFor(sandboxes.esrUrl, demo.esrApplicantId);
      const expectedTypes = RECORD_TYPES.filter((type) => demo.expected.records[type] === 'SENT');
      expect(stored.map((record) => record.recordType).sort()).toEqual([...expectedTypes].sort());
      for (const record of stored) {
        expect(record.timesKeyStored).toBe(1);
        expect(record.idempotencyKey).toBe(
          `dit-${demo.organisationCode}-${demo.applicantId}-${record.recordType}`,
        );
        expect(record.body).toMatchObject({ source: { system: 'TRAC', applicantId: demo.applicantId } });
      }
    }
  });

  it('when anything reached ESR, then no identity, occupational-health or never-sent Trac value is in any raw body', async () => {
    const bodies = await esrRequestBodies(sandboxes.esrUrl);
    expect(bodies.length).toBeGreaterThan(0);
    for (const marker of NEVER_SENT_MARKERS) {
      for (const body of bodies) expect(body).not.toContain(marker);
    }
  });

  it('when the worker logs, then no name or date of birth of the seed appears', () => {
    const text = harness.logs.join('\n');
    expect(text.length).toBeGreaterThan(0);
    for (const { applicant } of DEMO_SEED.trac.applicants) {
      const { forename, surname, dateOfBirth } = applicant.person;
      for (const value of [forename, surname, dateOfBirth]) expect(text).not.toContain(value);
    }
  });

  it('when a completed transfer is run again, then nothing more is sent', async () => {
    const happy = DEMO_APPLICANTS.find((demo) => demo.applicantId === 'A-100234');
    if (!happy?.esrApplicantId) throw new Error('seed lacks A-100234');
    const before = await esrRecordsFor(sandboxes.esrUrl, happy.esrApplicantId);
    const requestsBefore = (await esrRequestBodies(sandboxes.esrUrl)).length;

    const job = await harness.queue.getJob('R0A-A-100234');
    await job?.remove();
    await harness.queue.add(
      'transfer',
      {
        organisationCode: 'R0A',
        applicantId: 'A-100234',
        receivedAt: new Date().toISOString(),
        trigger: 'manual',
      },
      { jobId: 'R0A-A-100234' },
    );
    await new Promise((r) => setTimeout(r, 500));
    await harness.waitUntilFinished('R0A-A-100234');

    expect(await esrRecordsFor(sandboxes.esrUrl, happy.esrApplicantId)).toEqual(before);
    expect((await esrRequestBodies(sandboxes.esrUrl)).length).toBe(requestsBefore);
  });
});
