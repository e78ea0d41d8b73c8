import {
  aStoredTransfer,
  asCaller,
  bodyOf,
  buildAdminTestApp,
  eventually,
  HR_ADMIN,
  itemsOf,
  SUPPORT,
  withAdminTestApp,
} from '../../helpers/admin';
import type { TestApp } from '../../helpers/app';
import { createDigestQueue, type DigestQueue } from '../../../src/store/digest-queue';
import { aDigestHarness } from './digest-kit';
import { startSmtpCapture, type SmtpCapture } from './smtp-kit';

let relay: SmtpCapture;
beforeAll(async () => {
  relay = await startSmtpCapture();
});
afterAll(() => relay.close());

const t = withAdminTestApp(() => ({ env: { SMTP_URL: relay.url } }));
let digestQueue: DigestQueue;
beforeAll(() => {
  digestQueue = createDigestQueue(t.redis, t.prefix);
});
afterAll(() => digestQueue.close());

async function auditEntries(app: TestApp) {
  return itemsOf<{ user: string; action: string; target: string; result: string }>(
    await asCaller(app, HR_ADMIN).get('/admin/audit'),
  );
}

describe('POST /admin/digest', () => {
  it('when an HR admin asks for the digest now, then 202 queued, a digest job waits under a slot of its own, and the audit log says who', async () => {
    const answer = await asCaller(t, HR_ADMIN).post('/admin/digest');

    expect(answer.status).toBe(202);
    expect(bodyOf(answer)).toEqual({ status: 'queued' });
    const waiting = await digestQueue.getWaiting();
    expect(waiting.map((job) => [job.name, job.data])).toEqual([['manual', { trigger: 'manual' }]]);
    expect(waiting[0]?.id).toMatch(/^manual-[0-9a-f-]{36}$/);
    expect(await auditEntries(t)).toContainEqual(
      expect.objectContaining({
        user: HR_ADMIN.user,
        action: 'digest',
        target: `digest ${waiting[0]?.id}`,
        result: '202',
      }),
    );
    await digestQueue.drain();
  });

  it('when a support user asks, then 403 and nothing is queued', async () => {
    const answer = await asCaller(t, SUPPORT).post('/admin/digest');

    expect(answer.status).toBe(403);
    expect(bodyOf(answer)).toEqual({ error: 'forbidden' });
    expect(await digestQueue.getWaitingCount()).toBe(0);
  });

  it('when another site posts it with an HR admin browser, then 403 and nothing is queued', async () => {
    const answer = await asCaller(t, HR_ADMIN).post('/admin/digest').set('Origin', 'https://evil.example');

    expect(answer.status).toBe(403);
    expect(await digestQueue.getWaitingCount()).toBe(0);
  });

  it('when a worker runs the queued digest, then the HR team of an organisation with failed transfers gets it', async () => {
    await aStoredTransfer(t.transferStore, { organisationCode: 'R0A' });
    const worker = aDigestHarness({ smtpUrl: relay.url, queuePrefix: t.prefix });
    worker.startWorker();
    try {
      expect((await asCaller(t, HR_ADMIN).post('/admin/digest')).status).toBe(202);

      await eventually(() => Promise.resolve(relay.messages.length === 1));
      expect(relay.messages[0]?.subject).toBe('DiT employment checks: 1 transfers need attention (R0A)');
    } finally {
      await worker.close();
    }
  });

  it('when SMTP_URL is unset, then 409 digest_not_configured, audited', async () => {
    const unconfigured = await buildAdminTestApp();
    try {
      const answer = await asCaller(unconfigured, HR_ADMIN).post('/admin/digest');

      expect(answer.status).toBe(409);
      expect(bodyOf(answer)).toEqual({ error: 'digest_not_configured' });
      expect(await auditEntries(unconfigured)).toContainEqual(
        expect.objectContaining({ action: 'digest', target: 'digest', result: '409' }),
      );
    } finally {
      await unconfigured.close();
    }
  });
});
