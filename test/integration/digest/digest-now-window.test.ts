import { DIGEST_SCHEDULER_ID } from '../../../src/store/digest-queue';
import { aStoredTransfer, asCaller, eventually, HR_ADMIN, withAdminTestApp } from '../../helpers/admin';
import { aDigestHarness, type DigestHarness } from './digest-kit';
import { startSmtpCapture, type SmtpCapture } from './smtp-kit';

const MINUTE_MS = 60_000;

let relay: SmtpCapture;
beforeAll(async () => {
  relay = await startSmtpCapture();
});
afterAll(() => relay.close());

const t = withAdminTestApp(() => ({ env: { SMTP_URL: relay.url } }));
/** The worker's clock: moved by the tests, never waited for. */
let clock = Date.parse('2026-06-15T09:00:00Z');
let h: DigestHarness;
beforeEach(async () => {
  relay.messages.length = 0;
  h = aDigestHarness({ smtpUrl: relay.url });
  await h.startWorker({}, { now: () => new Date(clock) }).ready;
});
afterEach(() => h.close());

const mailsTo = (code: string) => relay.messages.filter((mail) => mail.subject.endsWith(`(${code})`));

describe('"Send the digest now" sends each organisation at most one e-mail per 10 minutes', () => {
  it('when 5 HR requests arrive at once, then each answers 202 and each organisation with failed transfers gets one e-mail', async () => {
    const app = withWorkerOn(t.prefix);
    await aStoredTransfer(t.transferStore, { organisationCode: 'R0A' });
    await aStoredTransfer(t.transferStore, { organisationCode: '7A1' });

    const answers = await Promise.all(
      Array.from({ length: 5 }, () => asCaller(t, HR_ADMIN).post('/admin/digest')),
    );

    expect(answers.map((answer) => answer.status)).toEqual([202, 202, 202, 202, 202]);
    try {
      // every run asked for has finished (the one delayed job is the scheduler's next time)
      await eventually(async () => {
        const counts = await app.queue.getJobCounts('waiting', 'active');
        return counts.waiting === 0 && counts.active === 0;
      });
      expect(mailsTo('R0A')).toHaveLength(1);
      expect(mailsTo('7A1')).toHaveLength(1);
    } finally {
      await app.close();
    }
  });

  it('when it is sent now again within 10 minutes, then nothing new is sent; 10 minutes after the first, it sends again', async () => {
    await aStoredTransfer(h.store, { organisationCode: 'R0A' });
    expect(await h.settled(await h.sendNow())).toBe('completed');
    expect(relay.messages).toHaveLength(1);

    clock += 9 * MINUTE_MS + 59_000;
    const second = await h.sendNow();
    expect(await h.settled(second)).toBe('completed');
    expect(relay.messages).toHaveLength(1);
    expect((await h.queue.getJob(second))?.returnvalue).toEqual({
      sent: [],
      alreadySent: ['R0A'],
      uncertain: [],
    });

    clock += 1_000;
    expect(await h.settled(await h.sendNow())).toBe('completed');
    expect(relay.messages).toHaveLength(2);
  });

  it('when a scheduled time comes a minute after a "send now", then the scheduled digest still goes out', async () => {
    await aStoredTransfer(h.store, { organisationCode: 'R0A' });
    expect(await h.settled(await h.sendNow())).toBe('completed');
    clock += MINUTE_MS;

    // a scheduler whose first time is now: BullMQ makes its job at once
    await h.queue.upsertJobScheduler(
      DIGEST_SCHEDULER_ID,
      { every: 60 * MINUTE_MS },
      { name: 'scheduled', data: { trigger: 'scheduled' } },
    );

    await eventually(() => Promise.resolve(relay.messages.length === 2));
  });

  it('when the relay refused a "send now" through every attempt, then the next one within 10 minutes sends', async () => {
    await aStoredTransfer(h.store, { organisationCode: 'R0A' });
    relay.refuseNext(5); // FAST_RETRY: five attempts
    expect(await h.settled(await h.sendNow())).toBe('failed');
    expect(relay.messages).toHaveLength(0);

    clock += MINUTE_MS;
    expect(await h.settled(await h.sendNow())).toBe('completed');
    expect(relay.messages).toHaveLength(1);
  });
});

/** A digest worker on the admin app's queue prefix, on the real clock. */
function withWorkerOn(prefix: string): DigestHarness {
  const harness = aDigestHarness({ smtpUrl: relay.url, queuePrefix: prefix });
  harness.startWorker();
  return harness;
}
