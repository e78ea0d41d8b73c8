import { Router } from 'express';
import type Redis from 'ioredis';
import { startRedisDeadline } from '../queue/redis-deadline';

/** An orchestrator's probe usually waits 1 s: answer well within it. */
export const READINESS_REDIS_BUDGET_MS = 800;

export type Readiness = { ready: true } | { ready: false; reason: string };

/** `maxmemory_policy:noeviction` from `INFO memory`; undefined when the server does not say. */
function evictionPolicyOf(info: string): string | undefined {
  return /^maxmemory_policy:(.+)$/m.exec(info)?.[1]?.trim();
}

/**
 * Ready when Redis answers and never evicts: BullMQ's keys and the transfer store must not
 * disappear under memory pressure. `INFO memory` answers both in one round trip, and is allowed
 * on managed Redis services that disable `CONFIG`.
 */
export async function checkReadiness(redis: Redis, budgetMs = READINESS_REDIS_BUDGET_MS): Promise<Readiness> {
  let info: string;
  try {
    info = await startRedisDeadline(budgetMs).run('readiness', redis.info('memory'));
  } catch {
    return { ready: false, reason: 'redis_unreachable' };
  }
  const policy = evictionPolicyOf(info) ?? 'unknown';
  return policy === 'noeviction'
    ? { ready: true }
    : { ready: false, reason: `maxmemory_policy_not_noeviction: ${policy}` };
}

/** `/health/live` while the process runs; `/health/ready` while Redis is usable for BullMQ. */
export function createHealthRouter(redis: Redis): Router {
  const router = Router();
  router.get('/live', (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.get('/ready', async (_req, res) => {
    const readiness = await checkReadiness(redis);
    if (readiness.ready) {
      res.json({ status: 'ready' });
      return;
    }
    res.status(503).json({ status: 'unavailable', reason: readiness.reason });
  });
  return router;
}
