import type Redis from 'ioredis';
import { candidateIds } from '../../../src/admin/transfers/find-transfers';
import type { TransferQueries } from '../../../src/store/transfer-queries';
import { FINISHED_STATES, type TransferStore } from '../../../src/transfer/transfer';
import { aStoredTransfer } from '../../helpers/admin';
import { withTransferQueries } from '../../helpers/transfer-queries';

let redis: Redis;
let store: TransferStore;
let queries: TransferQueries;

withTransferQueries('caseblind', (fixture) => ({ redis, store, queries } = fixture));
beforeEach(async () => {
  await queries.list(['R0A'], {}, 0, 1);
});
afterEach(() => {
  jest.restoreAllMocks();
});

/** Counts the search's ZSCANs (the real command runs): the index and pattern of each call. */
function countZscans(client: Redis): () => string[] {
  const spy = jest.spyOn(client, 'zscan');
  return () => spy.mock.calls.map((call) => `${String(call[0])} ${String(call[3])}`);
}

/** The ids a search means, told apart ignoring case. */
const distinctIgnoringCase = (ids: readonly string[]) => new Set(ids.map((id) => id.toLowerCase())).size;

describe('a search that compares ids ignoring case', () => {
  it('when a search finds nothing, then each finished index is scanned once per id it may mean, not once per case variant of it', async () => {
    await aStoredTransfer(store, { applicantId: 'A-100234', state: 'failed' });
    const candidates = candidateIds('r0a-a-nobody', ['R0A']);
    expect(candidates.length).toBeGreaterThan(1);
    const scannedKeys = countZscans(redis);

    const found = await queries.findIgnoringCase(['R0A'], candidates);

    expect(found).toEqual([]);
    const scans = distinctIgnoringCase(candidates) * FINISHED_STATES.length;
    expect(candidates.length * FINISHED_STATES.length).toBeGreaterThan(scans);
    expect(scannedKeys()).toHaveLength(scans);
    expect(new Set(scannedKeys()).size).toBe(scans);
  });

  it('when the id is typed in another case than Trac spells it, then one scan each still finds it', async () => {
    const id = await aStoredTransfer(store, { applicantId: 'A-MixedCase7', state: 'completed' });
    const candidates = candidateIds('r0a-a-mixedcASE7', ['R0A']);
    const scannedKeys = countZscans(redis);

    const found = await queries.findIgnoringCase(['R0A'], candidates);

    expect(found).toEqual([id]);
    expect(scannedKeys()).toHaveLength(distinctIgnoringCase(candidates) * FINISHED_STATES.length);
  });
});
