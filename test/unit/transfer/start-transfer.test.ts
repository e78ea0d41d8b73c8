import type { OrganisationDirectory } from '../../../config/organisations';
import {
  ORPHANED_CLAIM_AGE_MS,
  requeueTransferOnce,
  startTransferOnce,
  type StartPorts,
  type StartJob,
  type StartRequest,
} from '../../../src/transfer/start-transfer';
import type { ClaimResult, ReopenResult } from '../../../src/transfer/transfer';

const enabled: OrganisationDirectory = {
  findEnabled: (code) =>
    code === 'R0A' ? { code, name: 'R0A', ditProvider: 'TIS', enabled: true } : undefined,
  all: () => [],
};

/** Ports whose store answers are scripted and whose queue records what was queued. */
function ports(
  claim: ClaimResult,
  reopen: ReopenResult = 'missing',
  queueAnswer: 'added' | 'already_queued' = 'added',
) {
  const queued: { job: StartJob; afterReopen: boolean }[] = [];
  const released: string[] = [];
  const p: StartPorts = {
    organisations: enabled,
    claim: () => Promise.resolve(claim),
    reopen: () => Promise.resolve(reopen),
    queue: (job, afterReopen) => {
      queued.push({ job, afterReopen });
      return Promise.resolve(queueAnswer);
    },
    release: (transferId) => void released.push(transferId),
    now: () => new Date('2026-06-14T10:22:06Z'),
  };
  return { p, queued, released };
}

const start = (trigger: StartRequest['trigger'], organisationCode = 'R0A'): StartRequest => ({
  organisationCode,
  applicantId: 'A-1',
  trigger,
});
const longAgo = () => new Date(Date.now() - ORPHANED_CLAIM_AGE_MS - 1000).toISOString();

describe('startTransferOnce: the one path for webhooks, manual starts and re-queues', () => {
  it.each(['webhook', 'manual'] as const)(
    'when a %s starts a new transfer, then its job (ids only, jobId = transfer id) is queued',
    async (trigger) => {
      const { p, queued } = ports('created');

      expect(await startTransferOnce(p, start(trigger))).toEqual({
        kind: 'queued',
        transferId: 'R0A-A-1',
        reopened: false,
      });
      expect(queued).toEqual([
        {
          job: {
            organisationCode: 'R0A',
            applicantId: 'A-1',
            trigger,
            receivedAt: '2026-06-14T10:22:06.000Z',
          },
          afterReopen: false,
        },
      ]);
    },
  );

  it('when the organisation is not enabled, then nothing is claimed or queued', async () => {
    const { p, queued } = ports('created');

    expect(await startTransferOnce(p, start('manual', 'RX9'))).toEqual({
      kind: 'organisation_not_enabled',
      transferId: 'RX9-A-1',
    });
    expect(queued).toEqual([]);
  });

  it('when a webhook comes for a failed transfer, then it is not re-run (that is HR’s decision)', async () => {
    const { p, queued } = ports({ duplicate: 'failed', claimedAt: longAgo() }, 'requeued');

    expect(await startTransferOnce(p, start('webhook'))).toMatchObject({
      kind: 'not_started',
      state: 'failed',
    });
    expect(queued).toEqual([]);
  });

  it('when an HR admin starts a failed transfer by hand, then it is re-opened and queued as a re-queue', async () => {
    const { p, queued } = ports({ duplicate: 'failed', claimedAt: longAgo() }, 'requeued');

    expect(await startTransferOnce(p, start('manual'))).toEqual({
      kind: 'queued',
      transferId: 'R0A-A-1',
      reopened: true,
    });
    expect(queued[0]).toMatchObject({ job: { trigger: 'requeue' }, afterReopen: true });
  });

  it('when a transfer completed for good, then no trigger starts it again', async () => {
    for (const trigger of ['webhook', 'manual'] as const) {
      const { p, queued } = ports({ duplicate: 'completed', claimedAt: longAgo() });
      expect(await startTransferOnce(p, start(trigger))).toMatchObject({
        kind: 'not_started',
        state: 'completed',
      });
      expect(queued).toEqual([]);
    }
    const { p } = ports('created', { refused: 'completed', reason: null });
    expect(await requeueTransferOnce(p, { organisationCode: 'R0A', applicantId: 'A-1' })).toMatchObject({
      kind: 'not_started',
      state: 'completed',
    });
  });

  it('when a fresh claim no run has begun exists, then a webhook makes sure its job is stored but only the first answer says queued', async () => {
    const fresh = ports({ duplicate: 'unstarted', claimedAt: new Date().toISOString() });
    const orphan = ports({ duplicate: 'unstarted', claimedAt: longAgo() });

    expect(await startTransferOnce(fresh.p, start('webhook'))).toMatchObject({ kind: 'not_started' });
    expect(fresh.queued).toHaveLength(1);
    expect(await startTransferOnce(orphan.p, start('webhook'))).toMatchObject({ kind: 'queued' });
  });

  it('when queueing a new claim fails, then the claim is offered back and the failure thrown', async () => {
    const { p, released } = ports('created');
    p.queue = () => Promise.reject(new Error('Redis went away'));

    await expect(startTransferOnce(p, start('webhook'))).rejects.toThrow('Redis went away');
    expect(released).toEqual(['R0A-A-1']);
  });

  it('when HR re-queues a transfer that does not exist, then it is not found', async () => {
    const { p } = ports('created', 'missing');

    expect(await requeueTransferOnce(p, { organisationCode: 'R0A', applicantId: 'A-1' })).toEqual({
      kind: 'not_found',
      transferId: 'R0A-A-1',
    });
  });
});
