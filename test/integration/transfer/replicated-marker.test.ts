import {
  sentinelHookTimeout,
  startSentinelCluster,
  type SentinelCluster,
} from '../../helpers/redis-sentinel-cluster';
import { createTransferStore } from '../../../src/store/transfer-store';
import { aFreshPrefix } from '../../helpers/redis';

let cluster: SentinelCluster;

beforeAll(async () => {
  cluster = await startSentinelCluster();
}, sentinelHookTimeout());
afterAll(async () => {
  await cluster?.stop();
});

describe("a professional registration's attempt marker under Sentinel", () => {
  it('when the master has its replica, then the marker is confirmed by it before the post, and the shared connection is never blocked', async () => {
    const master = cluster.nodeClient(await cluster.masterPort());
    const prefix = aFreshPrefix('marker');
    const store = createTransferStore(master, prefix, { replicasToWaitFor: 1, replicaWaitMs: 2000 });
    try {
      await store.claim('R0A-A-1', 'R0A', 'A-1', 'webhook');

      await expect(store.markAttempted('R0A-A-1', 'professional-registration')).resolves.toBe(true);

      const replicaPort = /^slave0:.*port=(\d+)/m.exec(await master.info('replication'))?.[1];
      expect(replicaPort).toBeDefined();
      const replica = cluster.nodeClient(Number(replicaPort));
      // confirmed means already there: no wait on the replica's side
      await expect(
        replica.hexists(`${prefix}:ledger:R0A-A-1`, 'attempted:professional-registration'),
      ).resolves.toBe(1);
      replica.disconnect();
    } finally {
      await store.close();
      master.disconnect();
    }
  });

  it('when no replica is connected, then the marker is written and reported unconfirmed at once, without waiting', async () => {
    const master = cluster.nodeClient(await cluster.masterPort());
    const prefix = aFreshPrefix('marker');
    const replicas = await master.info('replication');
    const store = createTransferStore(master, prefix, { replicasToWaitFor: 2, replicaWaitMs: 60_000 });
    try {
      await store.claim('R0A-A-2', 'R0A', 'A-2', 'webhook');

      // the cluster has one replica: two can never confirm, so it must not wait its 60 s (the
      // test's own 5 s limit would fail it)
      await expect(store.markAttempted('R0A-A-2', 'professional-registration')).resolves.toBe(false);

      expect(replicas).toMatch(/^connected_slaves:1/m);
      await expect(store.wasAttempted('R0A-A-2', 'professional-registration')).resolves.toBe(true);
    } finally {
      await store.close();
      master.disconnect();
    }
  });
});
