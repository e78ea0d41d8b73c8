import { Router } from 'express';

export type Readiness = { ready: true } | { ready: false; reason: string };

/**
 * Whether the store the queues live on is usable now: it answers, never evicts and accepts writes
 * (`createDeploymentHealth` in src/store checks Redis so). Never rejects.
 */
export type CheckReadiness = () => Promise<Readiness>;

/** `/health/live` while the process runs; `/health/ready` while Redis is usable for BullMQ. */
export function createHealthRouter(checkReadiness: CheckReadiness): Router {
  const router = Router();
  router.get('/live', (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.get('/ready', async (_req, res) => {
    const readiness = await checkReadiness();
    if (readiness.ready) {
      res.json({ status: 'ready' });
      return;
    }
    res.status(503).json({ status: 'unavailable', reason: readiness.reason });
  });
  return router;
}
