/**
 * The sentinels' side of test/helpers/redis-sentinel-cluster.ts: their configuration files, and
 * what they say of the replica, read with `SENTINEL MASTER` / `SENTINEL REPLICAS`.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type Redis from 'ioredis';

export const HOST = '127.0.0.1';
export const SENTINEL_MASTER_NAME = 'dit-master';
/** Sentinels call the master down after 1 s without an answer, and retry a stuck failover after 3 s. */
const DOWN_AFTER_MS = 1000;
const FAILOVER_TIMEOUT_MS = 3000;
const QUORUM = 2;

export interface Topology {
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
export function sentinelConfig(dir: string, self: { port: number; id: string }, topology: Topology): string {
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

/** The flags one sentinel gives the replica on `port` (`slave`, `s_down,slave`, …), or `unknown`. */
export function replicaFlags(port: number): (sentinel: Redis) => Promise<string> {
  return async (sentinel) => {
    const replicas = (await sentinel.call('SENTINEL', 'REPLICAS', SENTINEL_MASTER_NAME)) as unknown[];
    const replica = replicas.map(fieldsOf).find((fields) => fields.port === String(port));
    return replica?.flags ?? 'unknown';
  };
}

/**
 * True when this sentinel could fail the master over now: it sees the two other sentinels, and the
 * replica with a working link to the master (else `SENTINEL FAILOVER` answers NOGOODSLAVE).
 */
export async function readyToFailOver(sentinel: Redis): Promise<boolean> {
  const master = fieldsOf(await sentinel.call('SENTINEL', 'MASTER', SENTINEL_MASTER_NAME));
  const replicas = (await sentinel.call('SENTINEL', 'REPLICAS', SENTINEL_MASTER_NAME)) as unknown[];
  const replica = fieldsOf(replicas[0]);
  return (
    master['num-other-sentinels'] === '2' &&
    replica.flags === 'slave' &&
    replica['master-link-status'] === 'ok'
  );
}
