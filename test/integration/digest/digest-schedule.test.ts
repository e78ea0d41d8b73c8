import { findFreePort } from '../../../scripts/free-port';
import { DIGEST_SCHEDULER_ID } from '../../../src/store/digest-queue';
import { aStoredTransfer, eventually } from '../../helpers/admin';
import { aDigestHarness, type DigestHarness } from './digest-kit';
import { RELAY_PASSWORD, RELAY_USER, startSmtpCapture, type SmtpCapture } from './smtp-kit';

let relay: SmtpCapture | undefined;
let h: DigestHarness | undefined;

afterEach(async () => {
  await h?.close();
  await relay?.close();
  h = undefined;
  relay = undefined;
});

/** Hour, minute and weekday of a moment in London. */
function londonTimeOf(ms: number): { hour: string; minute: string; weekday: string } {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/London',
    hour: '2-digit',
    minute: '2-digit',
    weekday: 'short',
    hourCycle: 'h23',
  }).formatToParts(new Date(ms));
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return { hour: part('hour'), minute: part('minute'), weekday: part('weekday') };
}

describe('the digest schedule', () => {
  it('when several worker processes start, then one scheduler holds DIGEST_SCHEDULE in Europe/London and its next job is a weekday 08:00 in London', async () => {
    relay = await startSmtpCapture();
    h = aDigestHarness({ smtpUrl: relay.url });

    await Promise.all([h.startWorker().ready, h.startWorker().ready, h.startWorker().ready]);

    const schedulers = await h.queue.getJobSchedulers();
    expect(schedulers).toHaveLength(1);
    expect(schedulers[0]).toMatchObject({
      key: DIGEST_SCHEDULER_ID,
      pattern: '0 8 * * 1-5',
      tz: 'Europe/London',
    });
    const next = await h.queue.getDelayed();
    expect(next).toHaveLength(1);
    const at = Number(/^repeat:digest-schedule:(\d+)$/.exec(next[0]?.id ?? '')?.[1]);
    expect(londonTimeOf(at)).toMatchObject({ hour: '08', minute: '00' });
    expect(['Mon', 'Tue', 'Wed', 'Thu', 'Fri']).toContain(londonTimeOf(at).weekday);
  });

  it('when SMTP_URL is unset, then the worker removes the scheduler: no digest', async () => {
    relay = await startSmtpCapture();
    h = aDigestHarness({ smtpUrl: relay.url });
    await h.startWorker().ready;

    await h.startWorker({ smtpUrl: undefined }).ready;

    expect(await h.queue.getJobSchedulers()).toEqual([]);
  });

  it('when each scheduled time comes, then two worker processes send one e-mail per time between them', async () => {
    relay = await startSmtpCapture();
    h = aDigestHarness({ smtpUrl: relay.url, digestSchedule: '* * * * * *' });
    await aStoredTransfer(h.store, { organisationCode: 'R0A' });
    const workers = [h.startWorker(), h.startWorker()];
    await Promise.all(workers.map((w) => w.ready));

    await eventually(async () => (await h!.queue.getCompleted()).length >= 3, 15_000);
    await Promise.all(workers.map((w) => w.close()));

    const completed = await h.queue.getCompleted();
    expect(completed.every((job) => job.name === 'scheduled')).toBe(true);
    expect(new Set(completed.map((job) => job.id)).size).toBe(completed.length);
    expect(relay.messages).toHaveLength(completed.length);
  });

  it('when the relay is down at the scheduled time, then the run is retried and delivered once it is back', async () => {
    const port = await findFreePort();
    h = aDigestHarness({ smtpUrl: `smtp://${RELAY_USER}:${RELAY_PASSWORD}@127.0.0.1:${port}` });
    await aStoredTransfer(h.store, { organisationCode: 'R0A' });
    h.startWorker();

    const jobId = await h.sendNow();
    await eventually(async () => ((await h!.queue.getJob(jobId))?.attemptsMade ?? 0) >= 1);
    relay = await startSmtpCapture(port);

    expect(await h.settled(jobId)).toBe('completed');
    expect(relay.messages).toHaveLength(1);
    expect(h.logs.join('\n')).toContain('digest not sent: will retry');
    expect(h.logs.join('\n')).not.toContain(RELAY_PASSWORD);
  });

  it('when the e-mail reaches the relay, then its (slot, organisation) is already recorded', async () => {
    relay = await startSmtpCapture();
    h = aDigestHarness({ smtpUrl: relay.url });
    await aStoredTransfer(h.store, { organisationCode: 'R0A' });
    h.startWorker();
    const recorded: string[][] = [];
    relay.beforeAccept = async () => void recorded.push(await h!.redis.keys(`${h!.prefix}:digest-sent:*`));

    const jobId = await h.sendNow();
    await h.settled(jobId);

    expect(recorded).toEqual([[`${h.prefix}:digest-sent:${jobId}:R0A`]]);
    expect(await h.redis.ttl(`${h.prefix}:digest-sent:${jobId}:R0A`)).toBeGreaterThan(24 * 60 * 60);
  });
});
