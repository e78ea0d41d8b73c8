import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import { Router, type RequestHandler } from 'express';
import type { Logger } from '../platform/logger';
import type { TransferQueue } from '../queue/transfer-queue';
import { identityOf } from './admin-users';
import type { AuditLog } from './audit-log';
import { refuseWrite } from './write-guard';

/** Where the board is mounted; its pages link to assets and API below this path. */
export const BULL_BOARD_PATH = '/admin/queues';

const READ_METHODS = new Set(['GET', 'HEAD']);

function boardFor(queue: TransferQueue, readOnlyMode: boolean): RequestHandler {
  const serverAdapter = new ExpressAdapter().setBasePath(BULL_BOARD_PATH);
  createBullBoard({
    queues: [
      new BullMQAdapter(queue, { readOnlyMode, description: 'One job per (organisation, applicant)' }),
    ],
    serverAdapter,
    options: { uiConfig: { boardTitle: 'DiT transfers' } },
  });
  return serverAdapter.getRouter() as RequestHandler;
}

export interface BullBoardDeps {
  queue: TransferQueue;
  audit: AuditLog;
  logger: Logger;
}

/**
 * Bull Board for the transfer queue: the full board for HR admins, a read-only one (no buttons)
 * for support. Every write (any method but GET/HEAD) from support, from another site, or with a
 * form body without the token is refused `403` before Bull Board sees it; HR admins' writes are
 * audited with Bull Board's answer.
 */
export function createBullBoardRouter(deps: BullBoardDeps): Router {
  const full = boardFor(deps.queue, false);
  const readOnly = boardFor(deps.queue, true);
  const router = Router();
  router.use((req, res, next) => {
    const identity = identityOf(res);
    if (READ_METHODS.has(req.method)) {
      (identity.role === 'hr-admin' ? full : readOnly)(req, res, next);
      return;
    }
    const target = `${req.method} ${req.path}`;
    const refusal = refuseWrite(req, identity);
    if (refusal) {
      deps.logger.warn('Bull Board write refused', { user: identity.user, role: identity.role, refusal });
      void deps.audit
        .record(identity, 'bull-board', target, 403)
        .finally(() => res.status(403).json({ error: 'forbidden' }));
      return;
    }
    res.once('finish', () => void deps.audit.record(identity, 'bull-board', target, res.statusCode));
    full(req, res, next);
  });
  return router;
}
