import { aLatencyGate, withSandboxes } from '../helpers/sandbox';
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
