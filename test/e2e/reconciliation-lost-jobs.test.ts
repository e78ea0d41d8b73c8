import { startSandboxes, type StartedSandboxes } from '../../sandbox';
import { queueTransfer } from '../../src/store/transfer-queue';
import { keysOf } from '../../src/store/transfer-store';
import { ORPHANED_CLAIM_AGE_MS } from '../../src/transfer/start-transfer';
import { transferIdOf } from '../../src/transfer/transfer-ids';
import { aStoredTransfer } from '../helpers/admin';
import { esrRecordsFor } from '../helpers/sandbox';
import {
  anOrganisationsFile,
  aStatusChangeWithoutWebhook,
  aSweepHarness,
  type SweepHarness,
} from '../helpers/sweeps';

/**
 * A start claims the transfer, then adds its job. A Redis failover can keep the claim and lose the
 * add (or a process can die in between): the store then holds a `waiting` transfer that BullMQ
 * knows nothing of. A webhook naming the wrong organisation is the case only a sweep can find:
 * Trac lists the applicant under its own organisation, so the listing never names that transfer.
 */
describe('reconciliation sweeps and transfers whose job was lost', () => {
  let sandboxes: StartedSandboxes;
  let h: SweepHarness;

  beforeEach(async () => {
    sandboxes = await startSandboxes();
  });

  afterEach(async () => {
    await h.close();
    await sandboxes.close();
  });

  /** A start's claim, `ageMs` old, whose job never reached BullMQ. */
  async function aClaimWithoutItsJob(organisationCode: string, applicantId: string, ageMs: number) {
    const transferId = transferIdOf(organisationCode, applicantId);
    await h.transfers.store.claim(transferId, organisationCode, applicantId, 'webhook');
    const claimedAt = new Date(Date.now() - ageMs).toISOString();
    await h.redis.hset(
      keysOf(h.prefix).transferKey(transferId),
      'createdAt',
      claimedAt,
      'updatedAt',
      claimedAt,
    );
    return transferId;
  }

  const sweptOnce = async () => {
    h.startSweeper();
    expect(await h.settled(await h.sweepNow())).toBe('completed');
    return (await h.log.latest())[0];
  };

  it('when a webhook naming the wrong organisation lost its job, then a sweep queues it again and the worker fails it ORGANISATION_MISMATCH with nothing sent', async () => {
    h = aSweepHarness(sandboxes);
    // A-100234 is R0A's in Trac; the lost webhook named 7A1
    const lost = await aClaimWithoutItsJob('7A1', 'A-100234', 60_000);

    const sweep = await sweptOnce();
    const transfer = await h.transfers.waitUntilFinished(lost);

    expect(sweep).toMatchObject({ outcome: 'completed', listed: 0, started: 1 });
    expect(transfer).toMatchObject({ state: 'failed', reason: 'ORGANISATION_MISMATCH', trigger: 'webhook' });
    expect(await esrRecordsFor(sandboxes.esrUrl, '4417723')).toEqual([]);
  });

  it('when the lost transfer is of the right organisation and Trac lists it too, then it is queued once and completes', async () => {
    h = aSweepHarness(sandboxes);
    const lost = await aClaimWithoutItsJob('R0A', 'A-100234', 60_000);
    aStatusChangeWithoutWebhook(sandboxes, 'A-100234');

    const sweep = await sweptOnce();
    const transfer = await h.transfers.waitUntilFinished(lost);

    expect(sweep).toMatchObject({ listed: 1, started: 1 });
    expect(transfer).toMatchObject({ state: 'completed', reason: null, trigger: 'webhook' });
    expect(await esrRecordsFor(sandboxes.esrUrl, '4417723')).not.toEqual([]);
  });

  it('when a claim is younger than a start takes, has its job, or is finished, then a sweep leaves it alone', async () => {
    h = aSweepHarness(sandboxes);
    await h.transfers.queue.pause(); // the queued job stays queued while the sweep looks
    const young = await aClaimWithoutItsJob('7A1', 'A-100234', ORPHANED_CLAIM_AGE_MS / 2);
    const queued = await aClaimWithoutItsJob('7A1', 'A-100235', 60_000);
    const job = { organisationCode: '7A1', applicantId: 'A-100235', trigger: 'webhook' as const };
    await queueTransfer(h.transfers.queue, { ...job, receivedAt: new Date().toISOString() });
    const failed = await aStoredTransfer(h.transfers.store, {
      organisationCode: '7A1',
      applicantId: 'A-100300',
    });
    const jobBefore = await h.transfers.queue.getJob(queued);

    const sweep = await sweptOnce();

    expect(sweep).toMatchObject({ listed: 0, started: 0 });
    expect(await h.transfers.queue.getJob(young)).toBeUndefined();
    expect(await h.transfers.queue.getJob(failed)).toBeUndefined();
    expect((await h.transfers.queue.getJob(queued))?.timestamp).toBe(jobBefore?.timestamp);
    expect(await h.transfers.store.get(young)).toMatchObject({ state: 'waiting' });
  });

  it('when the lost transfer is of a disabled organisation, then a sweep leaves it for HR', async () => {
    h = aSweepHarness(sandboxes, { organisationsFile: anOrganisationsFile({ '7A1': false }) });
    const lost = await aClaimWithoutItsJob('7A1', 'A-100234', 60_000);

    const sweep = await sweptOnce();

    expect(sweep).toMatchObject({ started: 0 });
    expect(await h.transfers.queue.getJob(lost)).toBeUndefined();
    expect(await h.transfers.store.get(lost)).toMatchObject({ state: 'waiting' });
  });
});
