import type Redis from 'ioredis';

/** How long the count of connected replicas is trusted, milliseconds. */
const REPLICAS_KNOWN_FOR_MS = 5000;

export interface ReplicatedWrite {
  /** Sets a hash field, then waits for the replicas; true when enough confirmed it in time. */
  hset(key: string, field: string, value: string): Promise<boolean>;
  close(): Promise<void>;
}

/**
 * Writes that must survive a failover before the caller goes on (Redis `WAIT`). `WAIT` blocks the
 * connection it is sent on, and waits for that connection's own writes: both go over a connection
 * of their own, so the worker's shared connection is never held up. When the master has fewer
 * replicas connected than asked for (one is down), it does not wait at all: waiting would only
 * slow every transfer down and still confirm nothing.
 */
export function createReplicatedWrite(redis: Redis, replicas: number, waitMs: number): ReplicatedWrite {
  let connection: Redis | undefined;
  let connected = 0;
  let knownAt = 0;

  async function connectedReplicas(own: Redis): Promise<number> {
    if (Date.now() - knownAt > REPLICAS_KNOWN_FOR_MS) {
      const info = await own.info('replication');
      connected = Number(/^connected_slaves:(\d+)/m.exec(info)?.[1] ?? 0);
      knownAt = Date.now();
    }
    return connected;
  }

  return {
    async hset(key, field, value) {
      if (!connection) {
        connection = redis.duplicate();
        connection.on('error', () => undefined); // the shared connection reports Redis outages
      }
      await connection.hset(key, field, value);
      if ((await connectedReplicas(connection)) < replicas) return false;
      return Number(await connection.call('WAIT', replicas, waitMs)) >= replicas;
    },
    async close() {
      await connection?.quit().catch(() => undefined);
      connection = undefined;
    },
  };
}
