import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { startEmbeddedRedis, type EmbeddedRedis } from '../../../scripts/embedded-redis';
import { buildTestApp, deliver, type TestApp } from '../../helpers/app';
import { aSignedWebhook, aWebhookBody } from '../../helpers/webhooks';

/** The contract's bound on a 503 while Redis is unreachable. */
const UNAVAILABLE_WITHIN_MS = 2000;

// a private redis-server: stopping the run's shared one would break the other test files
const dataDir = mkdtempSync(join(tmpdir(), 'dit-outage-redis-'));
let redisServer: EmbeddedRedis;
let t: TestApp;

async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 20));
}

async function timed<T>(work: Promise<T>): Promise<{ result: T; elapsedMs: number }> {
  const started = performance.now();
  const result = await work;
  return { result, elapsedMs: performance.now() - started };
}

async function stopRedis(): Promise<void> {
  await redisServer.stop();
  await until(() => t.redis.status !== 'ready');
}

async function restartRedis(): Promise<void> {
  redisServer = await startEmbeddedRedis({ dataDir, port: redisServer.port });
  await until(() => t.redis.status === 'ready');
}

async function withRedisRestartedAfter<T>(work: () => PromiseLike<T>): Promise<T> {
  try {
    return await work();
  } finally {
    await restartRedis();
  }
}

beforeAll(async () => {
  redisServer = await startEmbeddedRedis({ dataDir });
  t = await buildTestApp({ redisUrl: redisServer.url });
});

afterAll(async () => {
  await t.close();
  await redisServer.stop();
});

describe('POST /webhooks/trac while Redis is unreachable', () => {
  it('when Redis is stopped, then a trigger gets 503 within 2 s, and the same delivery retried once Redis is back gets 202', async () => {
    const body = aWebhookBody();
    const signed = aSignedWebhook({ body });
    await stopRedis();

    const { result: answer, elapsedMs } = await timed(deliver(t, signed));

    expect(answer.status).toBe(503);
    expect(answer.body).toEqual({ error: 'unavailable' });
    expect(elapsedMs).toBeLessThan(UNAVAILABLE_WITHIN_MS);

    await restartRedis();
    const retried = await deliver(t, signed);

    expect(retried.status).toBe(202);
    expect(retried.body).toEqual({ status: 'queued', transferId: `R0A-${body.data.applicantId}` });
    expect(await t.queue.getJob(`R0A-${body.data.applicantId}`)).toBeDefined();
  });

  it('when Redis hangs (process paused), then a trigger still gets 503 within 2 s, and its retry stores the job', async () => {
    const body = aWebhookBody();
    const signed = aSignedWebhook({ body });
    process.kill(redisServer.pid ?? 0, 'SIGSTOP');
    try {
      const { result: answer, elapsedMs } = await timed(deliver(t, signed));

      expect(answer.status).toBe(503);
      expect(elapsedMs).toBeLessThan(UNAVAILABLE_WITHIN_MS);
    } finally {
      process.kill(redisServer.pid ?? 0, 'SIGCONT');
    }
    await until(() => t.redis.status === 'ready');
    const retried = await deliver(t, signed);

    // the hung claim ran once Redis went on, without its job: the retry stores the job and answers
    // 202 queued, or 200 duplicate when it finds that claim (a transfer for the applicant exists)
    expect([200, 202]).toContain(retried.status);
    expect(retried.body).toMatchObject({ transferId: `R0A-${body.data.applicantId}` });
    expect(await t.queue.getJob(`R0A-${body.data.applicantId}`)).toBeDefined();
  });

  it('when Redis is stopped, then readiness is 503 redis_unreachable, liveness 200 and /metrics still answers', async () => {
    await stopRedis();

    const [ready, live, metrics] = await withRedisRestartedAfter(() =>
      Promise.all([
        request(t.server).get('/health/ready'),
        request(t.server).get('/health/live'),
        request(t.server).get('/metrics'),
      ]),
    );

    expect(ready.status).toBe(503);
    expect(ready.body).toEqual({ status: 'unavailable', reason: 'redis_unreachable' });
    expect(live.status).toBe(200);
    expect(metrics.status).toBe(200);
    expect(metrics.text).toContain('dit_webhooks_total{outcome="unavailable"}');
  });

  it('when Redis is stopped, then a non-trigger delivery is still answered 200 ignored (nothing needs storing)', async () => {
    const signed = aSignedWebhook({ body: aWebhookBody({ data: { status: 'Offer: Withdrawn' } }) });
    await stopRedis();

    const answer = await withRedisRestartedAfter(() => deliver(t, signed));

    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ status: 'ignored', reason: 'status_not_trigger' });
  });
});
