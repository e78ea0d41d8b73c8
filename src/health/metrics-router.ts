import { Router } from 'express';
import type { Metrics } from '../platform/metrics';

/** `GET /metrics`: Prometheus text exposition of this process's registry. */
export function createMetricsRouter(metrics: Metrics): Router {
  const router = Router();
  router.get('/', async (_req, res) => {
    const text = await metrics.registry.metrics();
    res.type(metrics.registry.contentType).send(text);
  });
  return router;
}
