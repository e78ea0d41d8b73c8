import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { startEmbeddedRedis, type EmbeddedRedis } from '../../../scripts/embedded-redis';
import { buildTestApp, deliver, type TestApp } from '../../helpers/app';
import { aSignedWebhook, aWebhookBody } from '../../helpers/webhooks';

// a private redis-server: its eviction policy is changed here, which the shared one must never see
let redisServer: EmbeddedRedis;
let t: TestApp;

beforeAll(async () => {
  redisServer = await startEmbeddedRedis({ dataDir: mkdtempSync(join(tmpdir(), 'dit-health-redis-')) });
  t = await buildTestApp({ redisUrl: redisServer.url });
});

afterAll(async () => {
  await t.close();
  await redisServer.stop();
});

describe('health endpoints', () => {
  it('when the process runs, then /health/live answers 200 ok', async () => {
    const answer = await request(t.server).get('/health/live');

    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ status: 'ok' });
  });

  it('when Redis answers and never evicts, then /health/ready answers 200 ready', async () => {
    const answer = await request(t.server).get('/health/ready');

    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ status: 'ready' });
  });

  it('when Redis may evict keys (allkeys-lru), then /health/ready answers 503 with the policy', async () => {
    await t.redis.config('SET', 'maxmemory-policy', 'allkeys-lru');
    try {
      const answer = await request(t.server).get('/health/ready');

      expect(answer.status).toBe(503);
      expect(answer.body).toEqual({
        status: 'unavailable',
        reason: 'maxmemory_policy_not_noeviction: allkeys-lru',
      });
    } finally {
      await t.redis.config('SET', 'maxmemory-policy', 'noeviction');
    }
  });

  it('when Redis refuses writes because maxmemory is reached, then /health/ready answers 503 redis_refuses_writes', async () => {
    await t.redis.config('SET', 'maxmemory', '1');
    try {
      const answer = await request(t.server).get('/health/ready');

      expect(answer.status).toBe(503);
      expect(answer.body).toMatchObject({ status: 'unavailable', reason: 'redis_refuses_writes' });
    } finally {
      await t.redis.config('SET', 'maxmemory', '0');
    }
    expect((await request(t.server).get('/health/ready')).status).toBe(200);
  });

  it('when Redis is a read-only replica, then /health/ready answers 503 redis_refuses_writes', async () => {
    // a replica of a master that does not exist: it still answers reads, and refuses every write
    await t.redis.replicaof('127.0.0.1', '1');
    try {
      const answer = await request(t.server).get('/health/ready');

      expect(answer.status).toBe(503);
      expect(answer.body).toMatchObject({ status: 'unavailable', reason: 'redis_refuses_writes' });
    } finally {
      await t.redis.replicaof('NO', 'ONE');
    }
  });
});

describe('GET /metrics', () => {
  it('when webhooks were answered, then it shows them by outcome, the latency by route and the queue depth by state', async () => {
    const body = aWebhookBody();
    await deliver(t, aSignedWebhook({ body }));
    await deliver(t, aSignedWebhook({ body }));
    await deliver(t, aSignedWebhook({ body: aWebhookBody({ data: { status: 'Offer: Made' } }) }));

    const answer = await request(t.server).get('/metrics');

    expect(answer.status).toBe(200);
    expect(answer.type).toBe('text/plain');
    expect(answer.text).toContain('dit_webhooks_total{outcome="queued"} 1');
    expect(answer.text).toContain('dit_webhooks_total{outcome="duplicate"} 1');
    expect(answer.text).toContain('dit_webhooks_total{outcome="ignored",reason="status_not_trigger"} 1');
    expect(answer.text).toMatch(
      /dit_http_request_duration_seconds_count\{route="\/webhooks\/trac",method="POST",status="202"\} 1/,
    );
    expect(answer.text).toContain(`dit_queue_jobs{state="waiting"} ${await t.queue.count()}`);
    expect(answer.text).toContain('process_cpu_user_seconds_total');
    expect(answer.text).not.toContain(body.data.applicantId);
  });

  it('when unknown paths are requested, then their latency shares one "unmatched" label', async () => {
    await request(t.server).get(`/no-such-path/${Date.now()}`);

    const text = await t.metrics.registry.getSingleMetricAsString('dit_http_request_duration_seconds');

    expect(text).toMatch(/route="unmatched",method="GET",status="404"/);
    expect(text).not.toContain('no-such-path');
  });
});
