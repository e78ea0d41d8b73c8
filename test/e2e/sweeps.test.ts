import { queueTransfer } from '../../src/store/transfer-queue';
import { keysOf } from '../../src/store/transfer-keys';
import { ORPHANED_CLAIM_AGE_MS } from '../../src/transfer/start-transfer';
import { transferIdOf } from '../../src/transfer/transfer-ids';
import { aStoredTransfer } from '../helpers/admin';
import type { StartedSandboxes } from '../../sandbox';
import { esrRecordsFor } from '../helpers/sandbox';
import {
  anOrganisationsFile,
  aStatusChangeWithoutWebhook,
  aSweepHarness,
  withASandboxPerTest,
  type SweepHarness,
} from '../helpers/sweeps';
import { WATERMARK_OVERLAP_MS } from '../../src/transfer/sweep';

describe('sweeps', () => {
  let sandboxes: StartedSandboxes;
  let h: SweepHarness;
  withASandboxPerTest(
    (started) => (sandboxes = started),
    () => h,
  );

  it('when a webhook never came, then a scheduled sweep finds the applicant and the transfer completes marked "reconciliation"', async () => {
    h = aSweepHarness(sandboxes, { intervalSeconds: 1 });
    aStatusChangeWithoutWebhook(sandboxes, 'A-100234');
    const before = new Date();

    const sweeper = h.startSweeper();
    await sweeper.ready;
    const transfer = await h.transfers.waitUntilFinished('R0A-A-100234');

    expect(transfer).toMatchObject({ state: 'completed', reason: null, trigger: 'reconciliation' });
    expect(await esrRecordsFor(sandboxes.esrUrl, '4417723')).not.toEqual([]);
    expect(await h.queue.getJobSchedulers()).toEqual([
      expect.objectContaining({ key: 'reconciliation-sweep', every: 1000 }),
    ]);
    await sweeper.close(); // no sweep moves the watermark while the test reads it
    const sweeps = await h.log.latest();
    const first = sweeps.at(-1);
    expect(first).toMatchObject({ outcome: 'completed', listed: 1, started: 1 });
    const startedAt = Date.parse(first?.startedAt ?? '');
    expect(startedAt).toBeGreaterThanOrEqual(before.getTime() - 1000);
    // the watermark trails the last completed sweep's start by 10 minutes
    const last = sweeps.find((sweep) => sweep.outcome === 'completed');
    expect((await h.log.watermark())?.getTime()).toBe(
      Date.parse(last?.startedAt ?? '') - WATERMARK_OVERLAP_MS,
    );
  });

  it('when transfers already failed or completed, then a sweep leaves them alone and re-runs only the one that completed out of scope', async () => {
    h = aSweepHarness(sandboxes);
    const failed = await aStoredTransfer(h.transfers.store, {
      applicantId: 'A-100300',
      reason: 'NO_ESR_MATCH',
    });
    const done = await aStoredTransfer(h.transfers.store, {
      applicantId: 'A-100304',
      state: 'completed',
      reason: null,
    });
    const outOfScope = await aStoredTransfer(h.transfers.store, {
      applicantId: 'A-100306',
      state: 'completed',
      reason: 'STATUS_CHANGED',
    });
    const before = await Promise.all([failed, done].map((id) => h.transfers.store.get(id)));
    for (const id of ['A-100300', 'A-100304', 'A-100306']) aStatusChangeWithoutWebhook(sandboxes, id);
    h.startSweeper();

    expect(await h.settled(await h.sweepNow())).toBe('completed');
    const rerun = await h.transfers.waitUntilFinished(outOfScope);

    expect(rerun).toMatchObject({ state: 'completed', reason: null, trigger: 'webhook' });
    expect(await Promise.all([failed, done].map((id) => h.transfers.store.get(id)))).toEqual(before);
    expect(await h.transfers.queue.getJob(failed)).toBeUndefined();
    expect(await h.transfers.queue.getJob(done)).toBeUndefined();
    expect(await h.log.latest()).toEqual([expect.objectContaining({ listed: 3, started: 1 })]);
  });

  it('when an organisation is disabled, then its applicants are never listed nor started', async () => {
    h = aSweepHarness(sandboxes, { organisationsFile: anOrganisationsFile({ '7A1': false }) });
    aStatusChangeWithoutWebhook(sandboxes, 'A-100235'); // 7A1
    aStatusChangeWithoutWebhook(sandboxes, 'A-100308'); // R0A
    const requestsBefore = sandboxes.trac.requests().length;
    h.startSweeper();

    expect(await h.settled(await h.sweepNow())).toBe('completed');

    const lists = sandboxes.trac
      .requests()
      .slice(requestsBefore)
      .filter((r) => r.path.startsWith('/api/v1/applicants?'));
    expect(lists.map((r) => new URL(r.path, 'http://x').searchParams.get('organisationCode'))).toEqual([
      'R0A',
    ]);
    expect(await h.transfers.store.get('7A1-A-100235')).toBeUndefined();
    expect(await h.transfers.store.get('R0A-A-100308')).toMatchObject({ trigger: 'reconciliation' });
  });

  it('when Trac serves short and empty pages, then the sweep reads every page and lists each applicant once', async () => {
    h = aSweepHarness(sandboxes);
    sandboxes.trac.setListPaging({ maxItemsPerPage: 1, emptyPageEvery: 2 });
    const ids = ['A-100309', 'A-100311', 'A-100313', 'A-100314'];
    for (const id of ids) aStatusChangeWithoutWebhook(sandboxes, id);
    aStatusChangeWithoutWebhook(sandboxes, 'A-100310', 'Offer: Withdrawn'); // not a trigger status
    h.startSweeper();

    expect(await h.settled(await h.sweepNow())).toBe('completed');

    expect(await h.log.latest()).toEqual([expect.objectContaining({ listed: 4, started: 4 })]);
    for (const id of ids) {
      expect(await h.transfers.store.get(`R0A-${id}`)).toMatchObject({ trigger: 'reconciliation' });
    }
    expect(await h.transfers.store.get('R0A-A-100310')).toBeUndefined();
  });

  /**
   * A start claims the transfer, then adds its job. A Redis failover can keep the claim and lose the
   * add (or a process can die in between): the store then holds a `waiting` transfer that BullMQ
   * knows nothing of. A webhook naming the wrong organisation is the case only a sweep can find:
   * Trac lists the applicant under its own organisation, so the listing never names that transfer.
   */
  describe('and transfers whose job was lost', () => {
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
      expect(transfer).toMatchObject({
        state: 'failed',
        reason: 'ORGANISATION_MISMATCH',
        trigger: 'webhook',
      });
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
      expect(await h.transfers.store.get(young)).toMatchObject({ state: null });
    });

    it('when the lost transfer is of a disabled organisation, then a sweep leaves it for HR', async () => {
      h = aSweepHarness(sandboxes, { organisationsFile: anOrganisationsFile({ '7A1': false }) });
      const lost = await aClaimWithoutItsJob('7A1', 'A-100234', 60_000);

      const sweep = await sweptOnce();

      expect(sweep).toMatchObject({ started: 0 });
      expect(await h.transfers.queue.getJob(lost)).toBeUndefined();
      expect(await h.transfers.store.get(lost)).toMatchObject({ state: null });
    });
  });
});
