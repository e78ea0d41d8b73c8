import request from 'supertest';
import { buildTestApp, type TestApp } from '../../helpers/app';
import {
  SENTINEL_MASTER_NAME,
  sentinelHookTimeout,
  startSentinelCluster,
  type SentinelCluster,
} from '../../helpers/redis-sentinel-cluster';

/** The probe's own budget is 800 ms; an orchestrator usually waits 1 s, the contract allows 2. */
const ANSWER_WITHIN_MS = 2000;

let cluster: SentinelCluster;
let t: TestApp;

beforeAll(async () => {
  cluster = await startSentinelCluster();
  t = await buildTestApp({ redisTarget: cluster.target });
}, sentinelHookTimeout());

afterAll(async () => {
  await t?.close();
  await cluster?.stop();
});

interface Probe {
  status: number;
  ms: number;
}

async function probeReady(): Promise<Probe> {
  const started = Date.now();
  const answer = await request(t.server).get('/health/ready');
  return { status: answer.status, ms: Date.now() - started };
}

/** The port of the server this connection is on, as the server itself reports it (undefined while away). */
async function portOfConnection(): Promise<number | undefined> {
  const info = await t.redis.info('server').catch(() => '');
  const port = /^tcp_port:(\d+)/m.exec(info)?.[1];
  return port === undefined ? undefined : Number(port);
}

/** The role of the server on `port` once it is `wanted`, or whatever it is after `timeoutMs`. */
async function roleWithin(port: number, wanted: string, timeoutMs: number): Promise<string | undefined> {
  const deadline = Date.now() + timeoutMs;
  let role: string | undefined;
  while (Date.now() < deadline && role !== wanted) {
    role = await cluster.roleOf(port);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return role;
}

describe('/health/ready with Redis Sentinel', () => {
  it('when the connector reaches Redis through the sentinels, then it is ready and writes to the master', async () => {
    const master = await cluster.masterPort();

    expect(await probeReady()).toMatchObject({ status: 200 });
    expect(await portOfConnection()).toBe(master);
  });

  it('when the sentinels fail the master over, then /health/ready answers within 2 s throughout and 200 again on the new master', async () => {
    const oldMaster = await cluster.masterPort();
    const sentinel = cluster.nodeClient(cluster.target.sentinels[0]!.port);

    // a manual failover demotes the old master while it still answers: writes to it get READONLY
    await sentinel.call('SENTINEL', 'FAILOVER', SENTINEL_MASTER_NAME);
    const probes: Probe[] = [];
    const deadline = Date.now() + 25_000;
    let newMaster: number | undefined;
    while (Date.now() < deadline) {
      const probe = await probeReady();
      probes.push(probe);
      newMaster ??= await cluster.waitForNewMaster(oldMaster, 1).catch(() => undefined);
      if (newMaster !== undefined && probe.status === 200 && (await portOfConnection()) === newMaster) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }

    expect(newMaster).toBeDefined();
    expect(newMaster).not.toBe(oldMaster);
    expect(probes.at(-1)).toMatchObject({ status: 200 });
    expect(Math.max(...probes.map((p) => p.ms))).toBeLessThan(ANSWER_WITHIN_MS);
    expect(await portOfConnection()).toBe(newMaster);
    // the sentinels then turn the old master into a replica of the new one
    expect(await roleWithin(oldMaster, 'slave', 10_000)).toBe('slave');
  }, 40_000);
});
