import { Router, type Request, type Response } from 'express';
import type { OrganisationDirectory } from '../../../config/organisations';
import type { TransferQueries } from '../../store/transfer-queries';
import type { TransferStore } from '../../transfer/transfer';
import {
  AuditQuerySchema,
  invalid,
  PAGE_SIZE,
  TransfersQuerySchema,
  type AdminAnswer,
} from './admin-schemas';
import type { AdminOperations } from '../transfers/admin-operations';
import { identityOf } from '../auth/admin-users';
import type { AuditLog } from '../audit/audit-log';
import type { DigestTrigger } from '../digest/digest-trigger';
import { actsForAllIn } from '../auth/organisation-scope';
import { performWrite, type WriteDeps } from '../audit/perform-write';
import { loadDetail, loadTransfers, summaryOf } from '../transfers/transfer-views';

export interface AdminApiDeps extends WriteDeps {
  store: TransferStore;
  queries: TransferQueries;
  audit: AuditLog;
  operations: AdminOperations;
  digest: DigestTrigger;
  organisations: OrganisationDirectory;
}

const send = (res: Response, answer: AdminAnswer) => void res.status(answer.status).json(answer.body);

/**
 * The JSON admin API (connector.md): lists, one transfer, re-queue one or many, send a transfer's
 * outstanding records, manual start, audit.
 * Reads for HR admins and support; writes for HR admins (`performWrite`). Each reads and changes
 * only what belongs to the organisations the caller acts for.
 */
export function createAdminApiRouter(deps: AdminApiDeps): Router {
  const router = Router();

  router.get('/transfers', async (req, res) => {
    const query = TransfersQuerySchema.safeParse(req.query);
    if (!query.success) return send(res, invalid('invalid_query', query.error));
    const { state, reason, organisation, outstanding, page } = query.data;
    const scope = identityOf(res).organisations;
    const filter = { state, reason, organisationCode: organisation, outstanding: outstanding === 'true' };
    const { ids, total } = await deps.queries.list(scope, filter, (page - 1) * PAGE_SIZE, PAGE_SIZE);
    const items = (await loadTransfers(deps, scope, ids)).map(summaryOf);
    res.json({ items, page, total });
  });

  router.get('/transfers/:transferId', async (req: Request<{ transferId: string }>, res) => {
    const detail = await loadDetail(deps, identityOf(res).organisations, req.params.transferId);
    if (detail) res.json(detail);
    else res.status(404).json({ error: 'not_found' });
  });

  router.post('/transfers/:transferId/retry', async (req: Request<{ transferId: string }>, res) => {
    const { transferId } = req.params;
    const write = () => deps.operations.requeue(identityOf(res).organisations, transferId);
    send(res, await performWrite(deps, req, res, 'retry', write, transferId));
  });

  router.post(
    '/transfers/:transferId/send-outstanding',
    async (req: Request<{ transferId: string }>, res) => {
      const { transferId } = req.params;
      const write = () => deps.operations.sendOutstanding(identityOf(res).organisations, transferId);
      send(res, await performWrite(deps, req, res, 'send-outstanding', write, transferId));
    },
  );

  router.post('/transfers/retry', async (req, res) => {
    const write = () => deps.operations.requeueMatching(identityOf(res).organisations, req.body);
    send(res, await performWrite(deps, req, res, 'retry-bulk', write, 'failed transfers'));
  });

  router.post('/transfers', async (req, res) => {
    const write = () => deps.operations.start(identityOf(res).organisations, req.body);
    send(res, await performWrite(deps, req, res, 'start', write, 'manual start'));
  });

  router.post('/digest', async (req, res) => {
    const write = () => deps.digest.sendNow(identityOf(res).organisations);
    send(res, await performWrite(deps, req, res, 'digest', write, 'digest'));
  });

  router.get('/audit', async (req, res) => {
    const query = AuditQuerySchema.safeParse(req.query);
    if (!query.success) return send(res, invalid('invalid_query', query.error));
    // acting for every enabled organisation reads the whole log (sweeps and Bull Board included)
    const { organisations } = identityOf(res);
    const scope = actsForAllIn(organisations, deps.organisations) ? '*' : organisations;
    const { items, total } = await deps.audit.page(scope, query.data.page, PAGE_SIZE);
    res.json({ items, page: query.data.page, total });
  });

  return router;
}
