import { Router, type Response } from 'express';
import type { OrganisationDirectory } from '../../../config/organisations';
import { failure } from '../api/admin-schemas';
import { identityOf } from '../auth/admin-users';
import type { NoticeFlash } from '../pages/notice-flash';
import { actsForAllIn } from '../auth/organisation-scope';
import { performWrite, type WriteDeps, type WriteResult } from '../audit/perform-write';
import type { SweepOperations } from './sweep-operations';
import { SWEEP_NOW_ACTION } from './sweeps-section-html';

export interface SweepsRouterDeps extends WriteDeps {
  sweepOperations: SweepOperations;
  organisations: OrganisationDirectory;
  /** Notes the "Sweep now" notice for the redirect that follows it. */
  notices: NoticeFlash;
}

/**
 * `GET /admin/reconciliation` (HR admins and support; per-organisation detail only for those
 * acting for every organisation), `POST /admin/reconciliation` (HR admins acting for every
 * organisation, audited: a sweep lists and starts every organisation's) and the overview's "Sweep
 * now" form, which answers POST → 303 → GET with a notice.
 */
export function createSweepsRouter(deps: SweepsRouterDeps): Router {
  const router = Router();
  const forAll = (res: Response) => actsForAllIn(identityOf(res).organisations, deps.organisations);
  const sweepNowFor = (res: Response) => async (): Promise<WriteResult> => {
    if (forAll(res)) return deps.sweepOperations.sweepNow();
    const refusal = failure(403, 'organisation_not_permitted');
    return { answer: refusal, target: 'reconciliation', otherOrganisation: true };
  };

  router.get('/reconciliation', async (_req, res) => {
    res.json(await deps.sweepOperations.status(forAll(res)));
  });

  router.post('/reconciliation', async (req, res) => {
    const answer = await performWrite(deps, req, res, 'reconciliation', sweepNowFor(res), 'reconciliation');
    res.status(answer.status).json(answer.body);
  });

  router.post(SWEEP_NOW_ACTION.replace(/^\/admin/, ''), async (req, res) => {
    const answer = await performWrite(deps, req, res, 'reconciliation', sweepNowFor(res), 'reconciliation');
    if (answer.status === 403) return void res.status(403).json(answer.body);
    const location = `/admin?notice=${answer.status === 202 ? 'sweep_queued' : 'unavailable'}`;
    await deps.notices.note(identityOf(res), location);
    res.redirect(303, location);
  });

  return router;
}
