import { Router } from 'express';
import type Redis from 'ioredis';
import { startRedisDeadline } from '../store/redis-deadline';

/** An orchestrator's probe usually waits 1 s: answer well within it. */
export const READINESS_REDIS_BUDGET_MS = 800;

export type Readiness = { ready: true } | { ready: false; reason: string };

/** `maxmemory_policy:noeviction` from `INFO memory`; undefined when the server does not say. */
function evictionPolicyOf(info: string): string | undefined {
  return /^maxmemory_policy:(.+)$/m.exec(info)?.[1]?.trim();
}

/** How long the readiness probe's key lives, milliseconds: it never accumulates. */
const PROBE_TTL_MS = 10_000;

/** The key the readiness probe writes (a short-lived one per prefix). */
export const probeKeyOf = (prefix: string) => `${prefix}:health:write-probe`;

/**
 * Ready when Redis answers, never evicts, and accepts writes: BullMQ's keys and the transfer store
 * must not disappear under memory pressure, and a server out of memory (`maxmemory` reached) or a
 * read-only replica answers reads while refusing every webhook. One pipelined round trip: `INFO
 * memory` (allowed on managed services that disable `CONFIG`) and a `SET` of a short-lived key.
 */
export async function checkReadiness(
  redis: Redis,
  probeKey: string,
  budgetMs = READINESS_REDIS_BUDGET_MS,
): Promise<Readiness> {
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

/** `/health/live` while the process runs; `/health/ready` while Redis is usable for BullMQ. */
export function createHealthRouter(redis: Redis, prefix: string): Router {
  const probeKey = probeKeyOf(prefix);
  const router = Router();
  router.get('/live', (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.get('/ready', async (_req, res) => {
    const readiness = await checkReadiness(redis, probeKey);
    if (readiness.ready) {
      res.json({ status: 'ready' });
      return;
    }
    res.status(503).json({ status: 'unavailable', reason: readiness.reason });
  });
  return router;
}
