import type Redis from 'ioredis';
import type { DeploymentHealth } from '../health/health-metrics';
import type { Readiness } from '../health/health-router';
import { startRedisDeadline } from './redis-deadline';
import { countLiveWorkers } from './worker-heartbeats';

/** An orchestrator's probe usually waits 1 s: answer well within it. */
export const READINESS_REDIS_BUDGET_MS = 800;

/** How long the readiness probe's key lives, milliseconds: it never accumulates. */
const PROBE_TTL_MS = 10_000;

/** The key the readiness probe writes (a short-lived one per prefix). */
const probeKeyOf = (prefix: string) => `${prefix}:health:write-probe`;

/** `maxmemory_policy:noeviction` from `INFO memory`; undefined when the server does not say. */
function evictionPolicyOf(info: string): string | undefined {
  return /^maxmemory_policy:(.+)$/m.exec(info)?.[1]?.trim();
}

/**
 * Ready when Redis answers, never evicts, and accepts writes: BullMQ's keys and the transfer store
 * must not disappear under memory pressure, and a server out of memory (`maxmemory` reached) or a
 * read-only replica answers reads while refusing every webhook. One pipelined round trip: `INFO
 * memory` (allowed on managed services that disable `CONFIG`) and a `SET` of a short-lived key.
 */
async function checkReadiness(redis: Redis, probeKey: string, budgetMs: number): Promise<Readiness> {
  let results: [Error | null, unknown][];
  try {
    const probe = redis.pipeline().info('memory').set(probeKey, '1', 'PX', PROBE_TTL_MS).exec();
    results = (await startRedisDeadline(budgetMs).run('readiness', probe)) ?? [];
  } catch {
    return { ready: false, reason: 'redis_unreachable' };
  }
  const [info, write] = results;
  if (!info || info[0] !== null || typeof info[1] !== 'string') {
    return { ready: false, reason: 'redis_unreachable' };
  }
  const policy = evictionPolicyOf(info[1]) ?? 'unknown';
  if (policy !== 'noeviction') return { ready: false, reason: `maxmemory_policy_not_noeviction: ${policy}` };
  if (!write || write[0] !== null) return { ready: false, reason: 'redis_refuses_writes' };
  return { ready: true };
}

/** The receiver's view of the deployment, read from Redis: readiness and live workers. */
export function createDeploymentHealth(
  redis: Redis,
  prefix: string,
  budgetMs = READINESS_REDIS_BUDGET_MS,
): DeploymentHealth {
  const probeKey = probeKeyOf(prefix);
  return {
    checkReadiness: () => checkReadiness(redis, probeKey, budgetMs),
    countLiveWorkers: () => countLiveWorkers(redis, prefix, Date.now()),
  };
}
