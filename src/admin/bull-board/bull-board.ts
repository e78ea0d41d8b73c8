import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import { Router, type Express, type RequestHandler } from 'express';
import type { Logger } from '../../platform/logger';
import type { TransferQueue } from '../../store/transfer-queue';
import { identityOf } from '../auth/admin-users';
import type { AuditLog } from '../audit/audit-log';
import { createBoardWriteCheck } from './bull-board-writes';
import { refuseWrite, type WriteRefusal } from '../auth/write-guard';

/** Where the board is mounted; its pages link to assets and API below this path. */
export const BULL_BOARD_PATH = '/admin/queues';

const READ_METHODS = new Set(['GET', 'HEAD']);

/** A queue as Bull Board's BullMQ adapter takes it: the board is handed its queues, never builds one. */
export type BoardQueue = ConstructorParameters<typeof BullMQAdapter>[0];

/**
 * One board. The read-only one (support) shows no buttons at all. The full one (HR admins) can hide
 * only all of them (`readOnlyMode`) or the retries (`allowRetries`), which HR admins need, so its
 * other buttons stay on screen and are refused by the server (bull-board-writes.ts).
 */
function boardFor(queue: TransferQueue, readOnlyMode: boolean, previews?: BoardQueue): RequestHandler {
  const serverAdapter = new ExpressAdapter().setBasePath(BULL_BOARD_PATH);
  createBullBoard({
    queues: [
      new BullMQAdapter(queue, { readOnlyMode, description: 'One job per (organisation, applicant)' }),
      // progress ({listed, checked}) only: a preview is started and read on the HR pages, never here
      ...(previews
        ? [new BullMQAdapter(previews, { readOnlyMode: true, description: 'One job per match preview' })]
        : []),
    ],
    serverAdapter,
    options: { uiConfig: { boardTitle: 'DiT transfers' } },
  });
  // the board is an express app of its own: it would name express in every answer
  const board = serverAdapter.getRouter() as Express;
  board.disable('x-powered-by');
  return board;
}

export interface BullBoardDeps {
  queue: TransferQueue;
  /** The match previews' queue, shown read-only beside the transfers. */
  previewQueue?: BoardQueue;
  audit: AuditLog;
  logger: Logger;
}

/**
 * Bull Board for the transfer queue: the full board for HR admins, a read-only one for support.
 * A write (any method but GET/HEAD) is refused `403` before Bull Board sees it unless it is one of
 * the allowed ones (retry, promote, pause, resume), by an HR admin, from this site, and with the
 * token when it has a form body. Refusals are counted and kept apart; HR admins' allowed writes are
 * audited with Bull Board's answer, or `409` when the job's state does not allow it (a promote of
 * a job that is not delayed).
 */
export function createBullBoardRouter(deps: BullBoardDeps): Router {
  const full = boardFor(deps.queue, false, deps.previewQueue);
  const readOnly = boardFor(deps.queue, true, deps.previewQueue);
  const writes = createBoardWriteCheck();
  const router = Router();
  router.use((req, res, next) => {
    if (!READ_METHODS.has(req.method)) return next();
    (identityOf(res).role === 'hr-admin' ? full : readOnly)(req, res, next);
  });
  router.use(writes.match);
  router.use(async (req, res, next) => {
    const identity = identityOf(res);
    const target = `${req.method} ${req.path}`;
    const refusal: WriteRefusal | 'not_allowed_in_dashboard' | undefined =
      refuseWrite(req, identity) ??
      ((await writes.isAllowedWrite(res, deps.queue)) ? undefined : 'not_allowed_in_dashboard');
    if (refusal) {
      deps.logger.warn('Bull Board write refused', {
        user: identity.user,
        role: identity.role,
        target,
        refusal,
      });
      await deps.audit.refused(403, { identity, action: 'bull-board', target });
      res.status(403).json({ error: 'forbidden' });
      return;
    }
    const conflict = await writes.conflictOf(res, deps.queue);
    if (conflict) {
      await deps.audit.record(identity, 'bull-board', target, 409);
      res.status(409).json({ error: conflict });
      return;
    }
    res.once('finish', () => void deps.audit.record(identity, 'bull-board', target, res.statusCode));
    full(req, res, next);
  });
  return router;
}
