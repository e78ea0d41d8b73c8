import { randomBytes } from 'node:crypto';
import { createDigestQueue, type DigestQueue } from '../../../src/store/digest-queue';
import { transferIdOf } from '../../../src/transfer/transfer-ids';
import { deliver, type TestApp } from '../../helpers/app';
import {
  aStoredTransfer,
  asCaller,
  bodyOf,
  itemsOf,
  withAdminTestApp,
  type Credentials,
} from '../../helpers/admin';
import { aSignedWebhook, aWebhookBody, anApplicantId } from '../../helpers/webhooks';
import type { Holdings } from './organisation-scope-kit';

/** Local accounts: one acting for all, HR and support acting for R0A only, HR acting for 7A1 only. */
export const ALL: Credentials = { user: 'hr-all', password: 'hr-all-password' };
export const HR_R0A: Credentials = { user: 'hr-r0a', password: 'hr-r0a-password' };
export const SUPPORT_R0A: Credentials = { user: 'support-r0a', password: 'support-r0a-password' };
export const HR_7A1: Credentials = { user: 'hr-7a1', password: 'hr-7a1-password' };
/** 7A1's name in the organisations list: it must not appear to R0A either. */
export const NAME_7A1 = 'Example University Health Board';

export interface TwoOrganisations {
  t: TestApp;
  r0a: Holdings;
  s7a1: Holdings;
  /** What 7A1 would hold if none of it existed (ids never used, an unknown code). */
  missing: Holdings;
  digestQueue: DigestQueue;
}

const anEmptyHolding = (code: string): Holdings => ({ code, transfers: [], applicants: [], previews: [] });

/**
 * The admin app with the accounts above, and R0A and 7A1 each holding a failed and a completed
 * transfer and a preview; 7A1 also a failed transfer its HR re-queued (waiting, with a job), one a
 * webhook started, and a digest its HR asked for. All made through the connector's own code.
 */
export function withTwoOrganisations(): TwoOrganisations {
  const t = withAdminTestApp({
    env: {
      ADMIN_USERS: [
        `${ALL.user}:${ALL.password}`,
        `${HR_R0A.user}:${HR_R0A.password}:R0A`,
        `${HR_7A1.user}:${HR_7A1.password}:7A1`,
      ].join(','),
      SUPPORT_USERS: `${SUPPORT_R0A.user}:${SUPPORT_R0A.password}:R0A`,
      // so that POST /admin/digest queues a run (nothing sends it: no digest worker here)
      SMTP_URL: 'smtp://127.0.0.1:25',
    },
  });
  const seeded = {
    t,
    r0a: anEmptyHolding('R0A'),
    s7a1: anEmptyHolding('7A1'),
    missing: anEmptyHolding('ZZ9'),
  } as TwoOrganisations;

  async function aTransferOf(holdings: Holdings, state: 'failed' | 'completed'): Promise<string> {
    const applicantId = anApplicantId();
    const reason = state === 'completed' ? { reason: null } : {};
    const transferId = await aStoredTransfer(t.transferStore, {
      organisationCode: holdings.code,
      applicantId,
      state,
      ...reason,
    });
    holdings.transfers.push(transferId);
    holdings.applicants.push(applicantId);
    return transferId;
  }

  async function aPreviewOf(holdings: Holdings, caller: Credentials): Promise<void> {
    const answer = await asCaller(t, caller)
      .post('/admin/match-previews')
      .send({ organisationCode: holdings.code });
    expect(answer.status).toBe(202);
    holdings.previews.push(bodyOf<{ previewId: string }>(answer).previewId);
  }

  beforeAll(async () => {
    seeded.digestQueue = createDigestQueue(t.redis, t.prefix);
    const { r0a, s7a1, missing } = seeded;
    for (const holdings of [r0a, s7a1]) {
      await aTransferOf(holdings, 'failed');
      await aTransferOf(holdings, 'completed');
    }
    const requeued = await aTransferOf(s7a1, 'failed');
    expect((await asCaller(t, HR_7A1).post(`/admin/transfers/${requeued}/retry`)).status).toBe(202);
    const applicantId = anApplicantId();
    const body = aWebhookBody({ data: { organisationCode: '7A1', applicantId } });
    expect((await deliver(t, aSignedWebhook({ body }))).status).toBe(202);
    s7a1.transfers.push(transferIdOf('7A1', applicantId));
    s7a1.applicants.push(applicantId);
    await aPreviewOf(r0a, HR_R0A);
    await aPreviewOf(s7a1, HR_7A1);
    expect((await asCaller(t, HR_7A1).post('/admin/digest')).status).toBe(202);
    missing.transfers = s7a1.transfers.map(() => `7A1-NONE-${randomBytes(4).toString('hex')}`);
    missing.applicants = s7a1.applicants.map(() => `A-NONE-${randomBytes(4).toString('hex')}`);
    missing.previews = s7a1.previews.map(() => `pv_${randomBytes(12).toString('hex')}`);
  });

  afterAll(async () => {
    await seeded.digestQueue?.close();
  });
  return seeded;
}

/** Everything of 7A1's, as its own HR and someone acting for all see it, and the queues hold it. */
export async function stateOf7A1({ t, s7a1, digestQueue }: TwoOrganisations): Promise<string> {
  const transfers = await Promise.all(
    s7a1.transfers.map(async (id) => {
      const transfer = await t.transferStore.get(id);
      const job = await t.queue.getJob(id);
      const jobState = job && (await job.getState());
      return [id, transfer?.state, transfer?.attempts, transfer?.updatedAt, job?.timestamp, jobState];
    }),
  );
  const listed = await asCaller(t, ALL).get('/admin/transfers?organisation=7A1');
  const previews = await asCaller(t, HR_7A1).get('/admin/match-previews');
  const audit = await asCaller(t, HR_7A1).get('/admin/audit');
  const digests = (await digestQueue.getJobs()).filter(
    (job) => !job.data.organisations || job.data.organisations.includes('7A1'),
  );
  return JSON.stringify({
    transfers,
    listed: bodyOf(listed),
    previews: itemsOf(previews),
    audit: bodyOf(audit),
    digests: digests.map((job) => job.id).sort(),
  });
}
