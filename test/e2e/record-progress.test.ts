import { keysOf } from '../../src/store/transfer-keys';
import { startTransferOnce } from '../../src/transfer/start-transfer';
import { createOrganisationDirectory } from '../../config/organisations';
import { queueTransfer } from '../../src/store/transfer-queue';
import { aLatencyGate, esrRecordsFor, withSandboxes } from '../helpers/sandbox';
import { aTestWorker, type TestWorker } from '../helpers/worker';
import type { RecordOutcomes } from '../../src/transfer/transfer';

const gate = aLatencyGate();
// ESR answers only when the test lets it: each ESR call is a moment at which HR's view is read
const sandboxes = withSandboxes({ delay: gate.delay, esr: { faults: { latencyMs: 1 } } });
let harness: TestWorker;

afterEach(async () => {
  gate.releaseAll();
  await harness.close();
});

describe('record progress while a transfer runs', () => {
  it('when a record is in flight to ESR, then HR sees it PENDING, with the outcomes decided before it and the records already sent', async () => {
    harness = aTestWorker({ tracUrl: sandboxes.tracUrl, esrUrl: sandboxes.esrUrl });
    const id = await harness.enqueue('R0A', 'A-100306'); // references NOT_COMPLETE, the rest to send
    const finished = harness.waitUntilFinished(id);
    const seen: { records: RecordOutcomes; ledger: string[] }[] = [];

    while (await Promise.race([gate.waitForPending(1).then(() => true), finished.then(() => false)])) {
      const transfer = await harness.store.get(id);
      seen.push({ records: transfer!.records, ledger: Object.keys(await harness.store.ledger(id)) });
      gate.releaseAll();
    }

    const whileDbsInFlight = seen.find((view) => view.records.dbs === 'PENDING');
    expect(whileDbsInFlight).toEqual({
      records: expect.objectContaining({ dbs: 'PENDING', references: 'NOT_COMPLETE' }) as unknown,
      ledger: [],
    });
    // every record the run is about to send shows PENDING, and turns SENT the moment ESR stores it
    const afterDbsStored = seen.find((view) => view.ledger.includes('dbs'));
    expect(afterDbsStored).toEqual({
      records: expect.objectContaining({
        dbs: 'SENT',
        'professional-registration': 'PENDING',
        references: 'NOT_COMPLETE',
      }) as unknown,
      ledger: ['dbs'],
    });
    expect((await finished).records).toMatchObject({ dbs: 'SENT', references: 'NOT_COMPLETE' });
  });
});

/**
 * A Redis failover with replication lag can lose a transfer's claim (its hash) while its worker is
 * running it: the worker took the job before the crash, and writes its outcome to the new master.
 * Before, those writes made half a record (a state, no organisation, applicant or trigger): HR saw
 * an unreadable transfer, and a sweep, finding a state, never started it again.
 */
describe('a transfer whose claim is lost while it runs', () => {
  it('when the claim disappears mid-run, then the worker writes the record whole again as it completes, and a sweep leaves it alone', async () => {
    harness = aTestWorker({ tracUrl: sandboxes.tracUrl, esrUrl: sandboxes.esrUrl });
    const id = await harness.enqueue('R0A', 'A-100234');
    const before = await harness.store.get(id);
    await gate.waitForPending(1);

    await harness.redis.del(keysOf(harness.prefix).transferKey(id)); // the failover lost it
    gate.releaseAll();
    const releasing = setInterval(() => gate.releaseAll(), 10);
    const transfer = await harness.waitUntilFinished(id).finally(() => clearInterval(releasing));

    expect(transfer).toMatchObject({
      transferId: id,
      organisationCode: 'R0A',
      applicantId: 'A-100234',
      trigger: 'manual',
      createdAt: before?.createdAt,
      state: 'completed',
      reason: null,
    });
    expect(Object.values(transfer.records)).not.toContain('PENDING');
    await expect(harness.store.read(id)).resolves.toMatchObject({ kind: 'found' });
    await expect(harness.store.listFinished('completed', 0, 10)).resolves.toEqual({ ids: [id], total: 1 });
    const postsBefore = (await esrRecordsFor(sandboxes.esrUrl, '4417723')).length;

    // what a sweep's start (or a late webhook) does with it now: nothing, it completed
    const organisations = createOrganisationDirectory('config/organisations.json');
    const started = await startTransferOnce(
      {
        organisations,
        claim: (...ids) => harness.store.claim(...ids),
        reopen: () => Promise.reject(new Error('never re-opened')),
        queue: (job) => queueTransfer(harness.queue, job),
        release: () => undefined,
        now: () => new Date(),
      },
      { organisationCode: 'R0A', applicantId: 'A-100234', trigger: 'reconciliation' },
    );
    expect(started).toMatchObject({ kind: 'not_started', state: 'completed' });
    expect(await esrRecordsFor(sandboxes.esrUrl, '4417723')).toHaveLength(postsBefore);
  });
});
