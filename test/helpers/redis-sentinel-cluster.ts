import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Redis from 'ioredis';
import type { RedisTarget, SentinelAddress } from '../../config';
import { REDIS_SERVER_ARGS } from '../../scripts/embedded-redis';
import { findFreePort } from '../../scripts/free-port';
import { tiedToThisProcess } from './processes';
import {
  HOST,
  readyToFailOver,
  replicaFlags,
  SENTINEL_MASTER_NAME,
  sentinelConfig,
  type Topology,
} from './sentinel-config';

export { SENTINEL_MASTER_NAME } from './sentinel-config';

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
  /**
   * SIGKILLs the current master (no goodbye, no AOF flush); returns its port. With `lagMs`, the
   * replication lag of a cross-host link at the moment of the crash: the replicas are stopped
   * (SIGSTOP) and their links dropped `lagMs` before the kill, so the writes the master
   * acknowledges meanwhile never reach them; they continue (SIGCONT) right after it. Keep `lagMs`
   * well under the sentinels' 1 s down-after, or the replicas are not eligible. `onCutOff` is
   * called once the links are dropped.
   */
  killMaster(lagMs?: number, onCutOff?: () => void): Promise<number>;
  /** Resolves once the sentinels name a master other than `oldPort` and it says it is one. */
  waitForNewMaster(oldPort: number, timeoutMs?: number): Promise<number>;
  /**
   * Starts a killed data node again on its port and AOF directory. Without `replicaOf` it comes
   * back as the master it was, and the sentinels turn it into a replica of the current master
   * (10 to 20 s); with `replicaOf` (a port) it starts as that node's replica (about 1 s).
   */
  restartNode(port: number, replicaOf?: number): void;
  /** `REPLICAOF` the node on `masterPort`, sent to the node on `port` (what an operator does by hand). */
  makeReplicaOf(port: number, masterPort: number): Promise<void>;
  /** Resolves once the node on `port` is a replica every sentinel could fail over to. */
  waitForReplica(port: number, timeoutMs?: number): Promise<void>;
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

/**
 * Ends a server at once with SIGKILL: the cluster's data is thrown away. Under load a graceful
 * SIGTERM left servers running for over 30 s (CI: an `afterAll` past its timeout, twice; a replica
 * seen still running 5 s after it, with the signal handled), and nothing here needs their shutdown.
 */
function stopServer(child: ChildProcess): Promise<void> {
  return new Promise<void>((done) => {
    if (child.exitCode !== null || child.signalCode !== null) return done();
    child.once('exit', () => done());
    child.kill('SIGKILL');
  });
}

function startServer(port: number, args: string[], killOnExit: Set<ChildProcess>): Started {
  const child = spawn(...tiedToThisProcess('redis-server', args), { stdio: ['ignore', 'ignore', 'pipe'] });
  child.stderr?.pipe(process.stderr); // a pipe, not Jest's own stderr: see tiedToThisProcess
  child.on('error', () => undefined); // surfaces as "did not answer" below
  killOnExit.add(child);
  return { port, child };
}

/**
 * How long `startSentinelCluster` may take before it stops what it started and throws (seconds on
 * an idle machine; far more with the rest of the suite running beside it). A hook that starts a
 * cluster must allow more than this, so that the cluster is either returned or cleaned up before
 * Jest gives up on the hook.
 */
export const SENTINEL_CLUSTER_START_MS = 60_000;

/** The timeout of a `beforeAll` that starts a cluster and does `extraMs` of its own work. */
export const sentinelHookTimeout = (extraMs = 0): number => SENTINEL_CLUSTER_START_MS + 10_000 + extraMs;

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
    mkdirSync(nodeDir, { recursive: true }); // a restarted node keeps its directory
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
    async killMaster(lagMs = 0, onCutOff) {
      const port = await cluster.masterPort();
      const node = nodes.find((n) => n.port === port);
      if (!node) throw new Error(`no data node on port ${port}`);
      const replicas = nodes.filter(
        (n) => n !== node && n.child.exitCode === null && n.child.signalCode === null,
      );
      try {
        if (lagMs > 0) {
          replicas.forEach((replica) => replica.child.kill('SIGSTOP'));
          await askServer(port, (client) => client.call('CLIENT', 'KILL', 'TYPE', 'replica'));
          onCutOff?.();
          await sleep(lagMs);
        }
        node.child.kill('SIGKILL');
      } finally {
        replicas.forEach((replica) => replica.child.kill('SIGCONT'));
      }
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
    restartNode(port, replicaOf) {
      const index = nodes.findIndex((n) => n.port === port);
      const node = nodes[index];
      if (!node) throw new Error(`no data node on port ${port}`);
      if (node.child.exitCode === null && node.child.signalCode === null)
        throw new Error(`the data node on port ${port} is still running`);
      nodes[index] = dataNode(port, replicaOf === undefined ? [] : ['--replicaof', HOST, String(replicaOf)]);
    },
    async makeReplicaOf(port, masterPort) {
      await askServer(port, (client) => client.call('REPLICAOF', HOST, String(masterPort)));
    },
    async waitForReplica(port, timeoutMs = 60_000) {
      let seen = 'no answer';
      await until(`the node on ${port} did not become a replica to fail over to`, timeoutMs, async () => {
        const role = await askServer(port, (client) => client.role());
        seen = `${String(role[0])} ${typeof role[3] === 'string' ? role[3] : ''}`;
        if (role[0] !== 'slave' || role[3] !== 'connected') return undefined;
        // every sentinel lists it as a replica, up; its link status they refresh at 1 s once the master is down
        const flags = await Promise.all(sentinels.map(({ port: s }) => askServer(s, replicaFlags(port))));
        seen += `; sentinels: ${flags.join(', ')}`;
        return flags.every((flag) => flag === 'slave') ? true : undefined;
      }).catch((error: Error) => Promise.reject(new Error(`${error.message} (last seen: ${seen})`)));
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
      // disconnecting an ended client again leaves a 2 s ioredis timer behind
      clients.filter((client) => client.status !== 'end').forEach((client) => client.disconnect());
      await Promise.all([...killOnExit].map(stopServer));
      process.removeListener('exit', killAll);
      rmSync(dir, { recursive: true, force: true });
    },
  };

  const startedAt = Date.now();
  const timeLeft = (): number => Math.max(0, SENTINEL_CLUSTER_START_MS - (Date.now() - startedAt));
  try {
    // `master_link_status:up` is not enough: after a full sync the master holds the stream back
    // until the replica's first ACK (up to 1 s), so wait until a write has really reached it
    await until('the replica did not acknowledge a write', timeLeft(), async () => {
      const acknowledged = await askServer(masterPort!, async (client) => {
        await client.set('sentinel-cluster:ready', '1');
        return client.call('WAIT', '1', '200');
      });
      return acknowledged === 1 ? true : undefined;
    });
    await until('the sentinels were not ready to fail over', timeLeft(), async () => {
      const ready = await Promise.all(sentinels.map(({ port }) => askServer(port, readyToFailOver)));
      return ready.every(Boolean) ? true : undefined;
    });
  } catch (error) {
    await cluster.stop();
    throw error;
  }
  return cluster;
}
