import { Router } from 'express';
import { performWrite, type WriteDeps } from './perform-write';
import type { ReconciliationAdmin } from './reconciliation-admin';
import { SWEEP_NOW_ACTION } from './reconciliation-section-html';

export interface ReconciliationRouterDeps extends WriteDeps {
  reconciliation: ReconciliationAdmin;
}

/**
 * `GET /admin/reconciliation` (HR admins and support), `POST /admin/reconciliation` (HR admins,
 * audited) and the HR page's "Sweep now" form, which answers POST → 303 → GET with a notice.
 */
export function createReconciliationRouter(deps: ReconciliationRouterDeps): Router {
  const router = Router();
  const sweepNow = () => deps.reconciliation.sweepNow();

  router.get('/reconciliation', async (_req, res) => {
    res.json(await deps.reconciliation.status());
  });

  router.post('/reconciliation', async (req, res) => {
    const answer = await performWrite(deps, req, res, 'reconciliation', sweepNow, 'reconciliation');
    res.status(answer.status).json(answer.body);
  });

  router.post(SWEEP_NOW_ACTION.replace(/^\/admin/, ''), async (req, res) => {
    const answer = await performWrite(deps, req, res, 'reconciliation', sweepNow, 'reconciliation');
    if (answer.status === 403) return void res.status(403).json(answer.body);
    res.redirect(303, `/admin?notice=${answer.status === 202 ? 'sweep_queued' : 'unavailable'}`);
  });

  return router;
}
