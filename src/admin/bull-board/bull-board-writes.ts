import { appRoutes } from '@bull-board/api/dist/routes.js';
import { Router, type Request, type RequestHandler, type Response } from 'express';
import type { TransferQueue } from '../../store/transfer-queue';

/** A Bull Board API route as `method route`, e.g. `put /api/queues/:queueName/:jobId/retry`. */
type RouteKey = string;
type Params = Record<string, string | undefined>;

interface AllowedWrite {
  /** What it does, for the reader. */
  does: string;
  /** Further conditions on the request, checked before Bull Board sees it. */
  allows?: (params: Params, queue: TransferQueue) => Promise<boolean>;
  /** Why the write cannot be done in the job's present state (answered `409`), or undefined. */
  conflict?: (params: Params, queue: TransferQueue) => Promise<string | undefined>;
}

/** Completed transfers are one-off (connector.md): only failed jobs are retried. */
const failedOnly = async (params: Params, queue: TransferQueue) =>
  params.jobId !== undefined && (await queue.getJobState(params.jobId)) === 'failed';

/**
 * Only a delayed job can be promoted: BullMQ throws for any other, and Bull Board answers that `500`.
 * A job that does not exist is left to Bull Board's `404`.
 */
const delayedOnly = async (params: Params, queue: TransferQueue) => {
  const state = params.jobId === undefined ? 'unknown' : await queue.getJobState(params.jobId);
  return state === 'unknown' || state === 'delayed' ? undefined : 'job_not_delayed';
};

/**
 * The only Bull Board writes there are: retry, promote, pause and resume, for HR admins. Anything
 * else — add (and duplicate, which is an add), edit data, delay or priority, clean, remove, empty,
 * obliterate, concurrency, rate limits, job schedulers, removing children, and any route a later
 * Bull Board adds — is refused for every role: a transfer is only started by a webhook, a manual
 * start, a re-queue or a sweep, and queued work is never thrown away from Bull Board.
 */
const ALLOWED_WRITES = new Map<RouteKey, AllowedWrite>([
  ['put /api/queues/:queueName/:jobId/retry', { does: 'retry one failed job', allows: failedOnly }],
  [
    'put /api/queues/:queueName/retry/:queueStatus',
    { does: 'retry every failed job', allows: (params) => Promise.resolve(params.queueStatus === 'failed') },
  ],
  ['put /api/queues/:queueName/:jobId/promote', { does: 'promote one delayed job', conflict: delayedOnly }],
  ['put /api/queues/:queueName/promote', { does: 'promote every delayed job' }],
  ['put /api/queues/:queueName/pause', { does: 'pause the queue' }],
  ['put /api/queues/:queueName/resume', { does: 'resume the queue' }],
  ['put /api/queues/pause', { does: 'pause every queue' }],
  ['put /api/queues/resume', { does: 'resume every queue' }],
]);

interface MatchedRoute {
  key: RouteKey;
  params: Params;
}

/** Bull Board's API routes, in the order its router tries them, as `method route` keys. */
function boardRoutes(): { method: 'get' | 'post' | 'put' | 'patch'; route: string }[] {
  return appRoutes.api.flatMap((definition) =>
    [definition.method]
      .flat()
      .flatMap((method) => [definition.route].flat().map((route) => ({ method, route }))),
  );
}

/**
 * Finds the route Bull Board would run for a request: an express router with Bull Board's own
 * routes in Bull Board's order and express's matching (case, trailing slash, parameters), of which
 * the first match is kept. Checking the request's path against a list of our own would differ
 * from Bull Board's matching in some case (`/EMPTY/`, or `clean/retry`, a clean matched before a
 * retry of a job called `clean`).
 */
function createRouteMatcher(): RequestHandler {
  const routes = boardRoutes();
  const known = new Set(routes.map(({ method, route }) => `${method} ${route}`));
  for (const key of ALLOWED_WRITES.keys()) {
    // a Bull Board upgrade that renames a route must be looked at, not silently refused or allowed
    if (!known.has(key)) throw new Error(`Bull Board has no route "${key}": review ALLOWED_WRITES`);
  }
  const matcher = Router();
  for (const { method, route } of routes) {
    matcher[method](route, (req: Request<Params>, res, next) => {
      const matched = res.locals.boardRoute as MatchedRoute | undefined;
      res.locals.boardRoute = matched ?? { key: `${method} ${route}`, params: { ...req.params } };
      next();
    });
  }
  return matcher;
}

export interface BoardWriteCheck {
  /** Records on `res` the Bull Board route a request would run; mount before `isAllowedWrite`. */
  match: RequestHandler;
  /** Whether the write `match` found is one of the allowed ones, its conditions met. */
  isAllowedWrite(res: Response, queue: TransferQueue): Promise<boolean>;
  /** For an allowed write: why it cannot be done now (`409 {"error": …}`), or undefined. */
  conflictOf(res: Response, queue: TransferQueue): Promise<string | undefined>;
}

export function createBoardWriteCheck(): BoardWriteCheck {
  return {
    match: createRouteMatcher(),
    async isAllowedWrite(res, queue) {
      const matched = res.locals.boardRoute as MatchedRoute | undefined;
      const allowed = matched && ALLOWED_WRITES.get(matched.key);
      if (!matched || !allowed) return false;
      // the transfer queue's writes only: other queues on the board (match previews) are read-only
      if (matched.params.queueName !== undefined && matched.params.queueName !== queue.name) return false;
      return allowed.allows ? allowed.allows(matched.params, queue) : true;
    },
    async conflictOf(res, queue) {
      const matched = res.locals.boardRoute as MatchedRoute | undefined;
      const conflict = matched && ALLOWED_WRITES.get(matched.key)?.conflict;
      return conflict ? conflict(matched.params, queue) : undefined;
    },
  };
}
