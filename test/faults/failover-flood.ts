import type { SentinelCluster } from '../helpers/redis-sentinel-cluster';
import type { PlannedDelivery } from './fault-plan';
import { fireAcross, mergeFireResults } from './failover-firing';
import type { FailoverFigures } from './failover-report';
import type { FireResult } from './webhook-firer';

/** The master dies once this share of a wave's deliveries is settled: webhooks and transfers in flight. */
const KILL_AT_SHARE = 0.4;
/**
 * The wave's deliveries from this share on wait until the master is dead, so that some are always
 * sent while it is away (answered `503`, then retried), however fast the rest were answered.
 */
const HELD_FROM_SHARE = 0.75;
const NEW_MASTER_WITHIN_MS = 30_000;
/** Without `replicaOf` the sentinels demote the restarted node themselves: up to 20 s on loopback. */
const REPLICA_WITHIN_MS = 60_000;
/**
 * The sentinels demote a returning old master within 10 to 20 s as a rule; now and then (seen
 * under load) they leave it master for over a minute. After this long the harness does what an
 * operator would, REPLICAOF the current master, and says so in the log.
 */
const DEMOTED_BY_SENTINELS_WITHIN_MS = 30_000;

export interface FloodTarget {
  urls: readonly string[];
  secret: string;
  cluster: SentinelCluster;
  /** Stop firing after this time (epoch ms). */
  deadline: number;
  /** The replicas are cut off this long before each SIGKILL (0: the loopback lag only). */
  lostWriteWindowMs: number;
  log: (line: string) => void;
}

export interface Flood {
  fired: FireResult;
  failovers: FailoverFigures[];
  /** The killed node's restart until it was a replica the sentinels could fail over to. */
  nodeBackAsReplica?: number;
}

type Known = Pick<FailoverFigures, 'afterDeliveries' | 'atMs'>;

/**
 * SIGKILLs the master (after the lost-write window) and waits until the sentinels named a new
 * one; `settled()` says how many deliveries of the wave are settled. Never rejects.
 */
function failOver(target: FloodTarget, known: Known, settled: () => number, onKilled: () => void) {
  const { cluster, lostWriteWindowMs } = target;
  let atCutOff = settled();
  return cluster
    .killMaster(lostWriteWindowMs, () => void (atCutOff = settled()))
    .then(async (killedPort): Promise<FailoverFigures | Error> => {
      onKilled();
      const killedAt = Date.now();
      const settledInWindow = lostWriteWindowMs > 0 ? settled() - atCutOff : 0;
      const newMasterPort = await cluster.waitForNewMaster(killedPort, NEW_MASTER_WITHIN_MS);
      return { killedPort, newMasterPort, electedMs: Date.now() - killedAt, settledInWindow, ...known };
    })
    .catch((error: Error) => {
      onKilled(); // nothing is held back for a failover that did not happen
      return error;
    });
}

/**
 * Fires the deliveries in two waves across the receivers. Mid-way through the first the master is
 * SIGKILLed; with two failovers the killed node is then started again (its old AOF, no
 * `replicaof`: the sentinels demote it), and once it is a replica in sync the second wave is fired
 * and the master SIGKILLed again mid-way, so that the sentinels fail back to the restarted node.
 */
export async function floodWithFailovers(
  target: FloodTarget,
  deliveries: readonly PlannedDelivery[],
  failovers: 1 | 2,
): Promise<Flood> {
  const { cluster, log } = target;
  const started = Date.now();
  const half = Math.ceil(deliveries.length / 2);
  const waves = [deliveries.slice(0, half), deliveries.slice(half)];
  const flood: Flood = { fired: mergeFireResults([]), failovers: [] };
  const fired: FireResult[] = [];
  for (const [index, wave] of waves.entries()) {
    const killing = index === 0 || failovers === 2;
    const previous = flood.failovers.at(-1);
    if (index === 1 && killing && previous) {
      const restartedAt = Date.now();
      cluster.restartNode(previous.killedPort);
      await cluster
        .waitForReplica(previous.killedPort, DEMOTED_BY_SENTINELS_WITHIN_MS)
        .catch(async (error: Error) => {
          log(`  ${error.message}: made a replica of the master by hand, as an operator would`);
          await cluster.makeReplicaOf(previous.killedPort, await cluster.masterPort());
          await cluster.waitForReplica(previous.killedPort, REPLICA_WITHIN_MS);
        });
      flood.nodeBackAsReplica = Date.now() - restartedAt;
      log(`  node ${previous.killedPort} back as a replica in ${flood.nodeBackAsReplica} ms`);
    }
    let failover: Promise<FailoverFigures | Error> | undefined;
    let markKilled = (): void => undefined;
    const killed = new Promise<void>((resolve) => (markKilled = resolve));
    const held = new Set(killing ? wave.slice(Math.ceil(wave.length * HELD_FROM_SHARE)) : []);
    let settledNow = 0;
    const settled = () => settledNow;
    const killAfter = Math.ceil(wave.length * KILL_AT_SHARE);
    const result = await fireAcross({
      urls: target.urls,
      secret: target.secret,
      deliveries: wave,
      concurrency: 20,
      maxAttempts: 40,
      deadline: target.deadline,
      onSettled: (n) => {
        settledNow = n;
        if (!killing || failover || n < killAfter) return;
        log(`  killing the master after ${n} deliveries of wave ${index + 1}`);
        failover = failOver(target, { afterDeliveries: n, atMs: Date.now() - started }, settled, markKilled);
      },
      before: (delivery) => (held.has(delivery) ? killed : Promise.resolve()),
    });
    fired.push(result);
    if (!killing) continue;
    const done = await (failover ??= failOver(
      target,
      { afterDeliveries: wave.length, atMs: Date.now() - started },
      settled,
      markKilled,
    ));
    if (done instanceof Error) throw new Error(`failover ${index + 1} did not happen: ${done.message}`);
    log(`  failover ${index + 1}: ${done.killedPort} → ${done.newMasterPort} in ${done.electedMs} ms`);
    flood.failovers.push(done);
  }
  return { ...flood, fired: mergeFireResults(fired) };
}
