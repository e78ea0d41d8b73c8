import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { startEmbeddedRedis, type EmbeddedRedis } from '../../../scripts/embedded-redis';
import { buildTestApp, type TestApp } from '../../helpers/app';
import { loadComposeProject } from '../../helpers/compose-model';
import { runToExit, startTsProcess, type ManagedProcess } from '../../helpers/processes';
import { aFreshPrefix } from '../../helpers/redis';

// The real worker process (workers/transfer-worker.ts) with its health endpoint on, checked with
// the very command docker-compose.yml gives Docker. A private redis-server: one test stops it.
const dataDir = mkdtempSync(join(tmpdir(), 'dit-worker-health-redis-'));
const prefix = aFreshPrefix('worker-health');
let redisServer: EmbeddedRedis;
let receiver: TestApp;
let worker: ManagedProcess;
let healthPort: number;

/** docker-compose.yml's health check of the worker: `CMD node -e <script>`. */
const [cmd, node, ...nodeArgs] =
  loadComposeProject('docker-compose.yml').services.worker?.healthcheck?.test ?? [];

/** Runs the compose health check as Docker would inside the worker's container. */
async function healthCheckPasses(): Promise<boolean> {
  const env = { PATH: process.env.PATH, WORKER_HEALTH_PORT: String(healthPort) };
  return (await runToExit(nodeArgs, env, 10_000)).code === 0;
}

async function workersAlive(): Promise<string | undefined> {
  const answer = await request(receiver.server).get('/metrics');
  return /^dit_workers_alive (\d+)$/m.exec(answer.text)?.[1];
}

async function eventually<T>(
  what: string,
  probe: () => Promise<T>,
  wanted: T,
  withinMs = 35_000,
): Promise<void> {
  const deadline = Date.now() + withinMs;
  let last: T | undefined;
  while (Date.now() < deadline) {
    last = await probe();
    if (last === wanted) return;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`${what}: still ${String(last)} after ${withinMs} ms, wanted ${String(wanted)}`);
}

beforeAll(async () => {
  redisServer = await startEmbeddedRedis({ dataDir });
  receiver = await buildTestApp({ redisUrl: redisServer.url, prefix });
  worker = startTsProcess('workers/transfer-worker.ts', {
    NODE_ENV: 'test',
    REDIS_URL: redisServer.url,
    // no job reaches them: the worker only needs to know where they would be
    TRAC_BASE_URL: 'http://127.0.0.1:9',
    ESR_BASE_URL: 'http://127.0.0.1:9',
    QUEUE_PREFIX: prefix,
    RECONCILE_INTERVAL_SECONDS: '0',
    WORKER_HEALTH_PORT: '0',
  });
  const listening = JSON.parse(await worker.waitFor('worker health listening')) as { port: number };
  healthPort = listening.port;
}, 30_000);

afterAll(async () => {
  const running = worker.child.exitCode === null && worker.child.signalCode === null;
  if (running && worker.child.pid) process.kill(worker.child.pid, 'SIGCONT');
  await worker.kill('SIGKILL');
  await receiver.close();
  await redisServer.stop();
});

describe("the worker's health check (docker-compose.yml) and its count in the receiver's metrics", () => {
  it('when the compose file is read, then the worker is checked with node against its /health/ready', () => {
    expect([cmd, node]).toEqual(['CMD', 'node']);
    expect(nodeArgs.join(' ')).toContain('/health/ready');
  });

  it('when the worker takes jobs, then the health check passes, /health/ready says ready and the receiver counts it', async () => {
    await eventually('health check', healthCheckPasses, true);

    const ready = await request(`http://127.0.0.1:${healthPort}`).get('/health/ready');

    expect(ready.status).toBe(200);
    expect(ready.body).toEqual({ status: 'ready' });
    expect(await workersAlive()).toBe('1');
  });

  it("when the worker's event loop stops, then the health check fails and the receiver stops counting it, until it runs again", async () => {
    const pid = worker.child.pid ?? 0;
    process.kill(pid, 'SIGSTOP');
    try {
      expect(await healthCheckPasses()).toBe(false);
      await eventually('workers alive while stopped', workersAlive, '0');
    } finally {
      process.kill(pid, 'SIGCONT');
    }

    await eventually('health check after SIGCONT', healthCheckPasses, true, 15_000);
    await eventually('workers alive after SIGCONT', workersAlive, '1', 15_000);
  }, 70_000);

  it('when Redis stops, then the worker says redis_unreachable and the health check fails, until Redis is back', async () => {
    await redisServer.stop();
    try {
      const reason = async () =>
        ((await request(`http://127.0.0.1:${healthPort}`).get('/health/ready')).body as { reason?: string })
          .reason;
      await eventually('reason while Redis is down', reason, 'redis_unreachable');
      expect(await healthCheckPasses()).toBe(false);
    } finally {
      redisServer = await startEmbeddedRedis({ dataDir, port: redisServer.port });
    }

    await eventually('health check after Redis is back', healthCheckPasses, true, 20_000);
  }, 70_000);

  it('when the worker stops in order, then the receiver stops counting it at once', async () => {
    await eventually('workers alive before SIGTERM', workersAlive, '1', 15_000);

    await worker.kill('SIGTERM');

    expect(worker.child.exitCode).toBe(0);
    expect(await workersAlive()).toBe('0');
  }, 40_000);
});
