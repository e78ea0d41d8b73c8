import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Redis from 'ioredis';
import type { RedisTarget, SentinelAddress } from '../../config';
import { REDIS_SERVER_ARGS } from '../../src/platform/embedded-redis';
import { findFreePort } from '../../src/platform/free-port';

const HOST = '127.0.0.1';
export const SENTINEL_MASTER_NAME = 'dit-master';
/** Sentinels call the master down after 1 s without an answer, and retry a stuck failover after 3 s. */
const DOWN_AFTER_MS = 1000;
const FAILOVER_TIMEOUT_MS = 3000;
const QUORUM = 2;

interface Started {
  port: number;
  child: ChildProcess;
}

export interface SentinelCluster {
  /** What `REDIS_SENTINELS` + `REDIS_SENTINEL_NAME` would configure. */
  target: Extract<RedisTarget, { kind: 'sentinel' }>;
  /** The connector's environment for this cluster. */
  env: { REDIS_SENTINELS: string; REDIS_SENTINEL_NAME: string };
  /** The master's port, as the sentinels name it now. */
  masterPort(): Promise<number>;
  /** SIGKILLs the current master (no goodbye, no AOF flush); returns its port. */
  killMaster(): Promise<number>;
  /** Resolves once the sentinels name a master other than `oldPort` and it says it is one. */
  waitForNewMaster(oldPort: number, timeoutMs?: number): Promise<number>;
  /** `master` or `slave` as the server on `port` says now (a fresh connection); undefined when it does not answer. */
  roleOf(port: number): Promise<string | undefined>;
  /** A plain client of one data node (for assertions), by port. */
  nodeClient(port: number): Redis;
  stop(): Promise<void>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function aClient(port: number): Redis {
  const client = new Redis({ host: HOST, port, maxRetriesPerRequest: 1, retryStrategy: () => null });
  client.on('error', () => undefined); // nodes are killed on purpose
  return client;
}

/** Runs `ask` on a short-lived client of the server on `port`. */
async function askServer<T>(port: number, ask: (client: Redis) => Promise<T>): Promise<T> {
  const client = aClient(port);
  try {
    return await ask(client);
  } finally {
    client.disconnect();
  }
}

/** Asks until the answer is defined; throws after `timeoutMs` with `what`. */
async function until<T>(what: string, timeoutMs: number, ask: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const answer = await ask().catch(() => undefined);
    if (answer !== undefined) return answer;
    if (Date.now() > deadline) throw new Error(`${what} within ${timeoutMs} ms`);
    await sleep(100);
  }
}

function startServer(port: number, args: string[], killOnExit: Set<ChildProcess>): Started {
  const child = spawn('redis-server', args, { stdio: ['ignore', 'ignore', 'inherit'] });
  child.on('error', () => undefined); // surfaces as "did not answer" below
  killOnExit.add(child);
  return { port, child };
}

interface Topology {
  masterPort: number;
  replicaPort: number;
  /** Each sentinel's port and run id (40 hex digits, as Sentinel's own `myid`). */
  sentinels: { port: number; id: string }[];
}

/**
 * One sentinel's configuration file (each needs its own: Sentinel rewrites it). The replica and the
 * other sentinels are written in as already known, so the sentinels agree at once instead of after
 * their 10 s `INFO` and 2 s hello rounds.
 */
function sentinelConfig(dir: string, self: { port: number; id: string }, topology: Topology): string {
  const { port, id } = self;
  const file = join(dir, `sentinel-${port}.conf`);
  const others = topology.sentinels.filter((other) => other.port !== port);
  writeFileSync(
    file,
    [
      `port ${port}`,
      `bind ${HOST}`,
      `dir ${dir}`,
      `sentinel myid ${id}`,
      `sentinel monitor ${SENTINEL_MASTER_NAME} ${HOST} ${topology.masterPort} ${QUORUM}`,
      `sentinel known-replica ${SENTINEL_MASTER_NAME} ${HOST} ${topology.replicaPort}`,
      ...others.map((o) => `sentinel known-sentinel ${SENTINEL_MASTER_NAME} ${HOST} ${o.port} ${o.id}`),
      `sentinel down-after-milliseconds ${SENTINEL_MASTER_NAME} ${DOWN_AFTER_MS}`,
      `sentinel failover-timeout ${SENTINEL_MASTER_NAME} ${FAILOVER_TIMEOUT_MS}`,
      `sentinel parallel-syncs ${SENTINEL_MASTER_NAME} 1`,
      '',
    ].join('\n'),
  );
  return file;
}

function fieldsOf(flat: unknown): Record<string, string> {
  const list = Array.isArray(flat) ? (flat as string[]) : [];
  const fields: Record<string, string> = {};
  for (let i = 0; i + 1 < list.length; i += 2) fields[list[i] ?? ''] = list[i + 1] ?? '';
  return fields;
}

/**
 * True when this sentinel could fail the master over now: it sees the two other sentinels, and the
 * replica with a working link to the master (else `SENTINEL FAILOVER` answers NOGOODSLAVE).
 */
async function readyToFailOver(sentinel: Redis): Promise<boolean> {
  const master = fieldsOf(await sentinel.call('SENTINEL', 'MASTER', SENTINEL_MASTER_NAME));
  const replicas = (await sentinel.call('SENTINEL', 'REPLICAS', SENTINEL_MASTER_NAME)) as unknown[];
  const replica = fieldsOf(replicas[0]);
  return (
    master['num-other-sentinels'] === '2' &&
    replica.flags === 'slave' &&
    replica['master-link-status'] === 'ok'
  );
}

/**
 * A master, one replica (`replicaof`) and three sentinels (quorum 2) on free loopback ports, in a
 * temporary directory, with the data nodes' production settings (AOF, noeviction). Resolves once
 * every sentinel sees the replica and the two other sentinels: a failover can then be elected.
 */
export async function startSentinelCluster(): Promise<SentinelCluster> {
  const dir = mkdtempSync(join(tmpdir(), 'dit-sentinel-'));
  const killOnExit = new Set<ChildProcess>();
  const killAll = (): void => killOnExit.forEach((child) => child.exitCode === null && child.kill('SIGKILL'));
  process.once('exit', killAll);
  const [masterPort, replicaPort, ...sentinelPorts] = await Promise.all(
    Array.from({ length: 5 }, () => findFreePort()),
  );
  const dataNode = (port: number, extra: string[]): Started => {
    const nodeDir = join(dir, `node-${port}`);
    mkdirSync(nodeDir);
    const args = ['--port', String(port), '--bind', HOST, '--dir', nodeDir, '--save', ''];
    return startServer(
      port,
      [...args, ...REDIS_SERVER_ARGS, '--repl-diskless-sync-delay', '0', ...extra],
      killOnExit,
    );
  };
  const nodes = [
    dataNode(masterPort!, []),
    dataNode(replicaPort!, ['--replicaof', HOST, String(masterPort)]),
  ];
  const topology: Topology = {
    masterPort: masterPort!,
    replicaPort: replicaPort!,
    sentinels: sentinelPorts.map((port) => ({ port, id: randomBytes(20).toString('hex') })),
  };
  const sentinels = topology.sentinels.map((self) =>
    startServer(self.port, [sentinelConfig(dir, self, topology), '--sentinel'], killOnExit),
  );
  const clients: Redis[] = [];

  const cluster: SentinelCluster = {
    target: {
      kind: 'sentinel',
      sentinels: sentinels.map(({ port }): SentinelAddress => ({ host: HOST, port })),
      name: SENTINEL_MASTER_NAME,
    },
    env: {
      REDIS_SENTINELS: sentinels.map(({ port }) => `${HOST}:${port}`).join(','),
      REDIS_SENTINEL_NAME: SENTINEL_MASTER_NAME,
    },
    async masterPort() {
      // any sentinel that answers: the test may be asking mid-failover
      for (const sentinel of sentinels) {
        const answer = await askServer(sentinel.port, (client) =>
          client.call('SENTINEL', 'GET-MASTER-ADDR-BY-NAME', SENTINEL_MASTER_NAME),
        ).catch(() => undefined);
        if (Array.isArray(answer) && typeof answer[1] === 'string') return Number(answer[1]);
      }
      throw new Error('no sentinel named the master');
    },
    async killMaster() {
      const port = await cluster.masterPort();
      const node = nodes.find((n) => n.port === port);
      if (!node) throw new Error(`no data node on port ${port}`);
      node.child.kill('SIGKILL');
      return port;
    },
    waitForNewMaster(oldPort, timeoutMs = 20_000) {
      return until(`no new master was elected`, timeoutMs, async () => {
        const port = await cluster.masterPort();
        if (port === oldPort) return undefined;
        const role = await askServer(port, (client) => client.role());
        return role[0] === 'master' ? port : undefined;
      });
    },
    async roleOf(port) {
      const role = await askServer(port, (client) => client.role()).catch(() => []);
      return typeof role[0] === 'string' ? role[0] : undefined;
    },
    nodeClient(port) {
      const client = aClient(port);
      clients.push(client);
      return client;
    },
    async stop() {
      clients.forEach((client) => client.disconnect());
      await Promise.all(
        [...killOnExit].map(
          (child) =>
            new Promise<void>((done) => {
              if (child.exitCode !== null || child.signalCode !== null) return done();
              child.once('exit', () => done());
              child.kill('SIGTERM');
            }),
        ),
      );
      process.removeListener('exit', killAll);
      rmSync(dir, { recursive: true, force: true });
    },
  };

  try {
    // `master_link_status:up` is not enough: after a full sync the master holds the stream back
    // until the replica's first ACK (up to 1 s), so wait until a write has really reached it
    await until('the replica did not acknowledge a write', 15_000, async () => {
      const acknowledged = await askServer(masterPort!, async (client) => {
        await client.set('sentinel-cluster:ready', '1');
        return client.call('WAIT', '1', '200');
      });
      return acknowledged === 1 ? true : undefined;
    });
    await until('the sentinels were not ready to fail over', 20_000, async () => {
      const ready = await Promise.all(sentinels.map(({ port }) => askServer(port, readyToFailOver)));
      return ready.every(Boolean) ? true : undefined;
    });
  } catch (error) {
    await cluster.stop();
    throw error;
  }
  return cluster;
}
