import express, {
  type NextFunction,
  type Request,
  type RequestHandler,
  type Response,
  type Router,
} from 'express';
import { z } from 'zod';
import { fieldErrorsOf, sendEsrError } from './esr-data';
import { injectFaults, type FaultResponder } from './faults';
import { bearerTokenOf, type TokenStore } from './oauth';
import { createPostRecordHandler, type EsrPostDependencies } from './esr-post-record';

const required = (expected: string) => ({
  error: (issue: { input: unknown }) => (issue.input === undefined ? 'is required' : `must be ${expected}`),
});

const SearchQuerySchema = z.object({
  organisationCode: z
    .string(required('a string'))
    .regex(/^[A-Z0-9]{3,5}$/, 'must be 3 to 5 upper-case letters or digits'),
  lastName: z
    .string(required('a string'))
    .trim()
    .min(1, 'is required')
    .max(150, 'must be at most 150 characters'),
  dateOfBirth: z.iso.date(required('a date YYYY-MM-DD')),
});

export interface EsrApiDependencies extends Omit<EsrPostDependencies, 'hasMalformedBody'> {
  tokens: TokenStore;
}

interface BodyParserError {
  type?: string;
}

/** ESR's words for injected failures. */
const ESR_FAULT_RESPONDER: FaultResponder = {
  outage: (res, status) =>
    status === 503
      ? sendEsrError(res, 503, 'SERVICE_UNAVAILABLE', 'ESR is temporarily unavailable.')
      : sendEsrError(res, 500, 'INTERNAL_ERROR', 'ESR failed to process the request.'),
  rateLimited: (res, seconds) =>
    sendEsrError(res, 429, 'RATE_LIMITED', `Too many requests: retry after ${seconds} seconds.`),
};

/**
 * Reads every body as JSON whatever its content type (ESR only speaks JSON, and a wrong header
 * must not hide a body from the identity-data assertions), keeping the raw text. Malformed JSON is
 * flagged, not answered, so that faults and the token check still come first.
 */
function readJsonBodies(rawBodies: WeakMap<Request, string>, malformed: WeakSet<Request>) {
  const parse = express.json({
    limit: '1mb',
    type: () => true,
    verify: (req, _res, buf) => void rawBodies.set(req as Request, buf.toString('utf8')),
  });
  const flagMalformed = (failure: BodyParserError, req: Request, _res: Response, next: NextFunction) => {
    if (failure.type !== 'entity.parse.failed') return next(failure);
    malformed.add(req);
    next();
  };
  return [parse, flagMalformed] as const;
}

function logPosts(deps: EsrApiDependencies, rawBodies: WeakMap<Request, string>): RequestHandler {
  return (req, _res, next) => {
    if (req.method === 'POST') {
      deps.records.logPost({
        path: req.originalUrl,
        idempotencyKey: req.get('idempotency-key') ?? null,
        receivedAt: new Date(deps.runtime.now()).toISOString(),
        body: rawBodies.get(req) ?? '',
      });
    }
    next();
  };
}

function requireToken(tokens: TokenStore): RequestHandler {
  return (req, res, next) => {
    if (tokens.isValid(bearerTokenOf(req))) return next();
    sendEsrError(res, 401, 'INVALID_TOKEN', 'The access token is missing, expired or revoked.');
  };
}

/**
 * The `/dit/v1` router. Order matters: the raw body is captured before anything can reject the
 * request (so `/sandbox/requests` shows every body that reached ESR), then faults, then the token.
 */
export function createEsrApiRouter(deps: EsrApiDependencies): Router {
  const rawBodies = new WeakMap<Request, string>();
  const malformed = new WeakSet<Request>();
  const router = express.Router();
  router.use(...readJsonBodies(rawBodies, malformed));
  router.use(logPosts(deps, rawBodies));
  router.use(
    injectFaults({
      faults: deps.faults,
      runtime: deps.runtime,
      responder: ESR_FAULT_RESPONDER,
      // The record POST holds its idempotency key during the latency, so it waits it itself.
      handlerWaitsLatency: (req) => req.method === 'POST',
    }),
  );
  router.use(requireToken(deps.tokens));
  router.get('/applicants', (req: Request, res: Response) => {
    const query = SearchQuerySchema.safeParse(req.query);
    if (!query.success) {
      sendEsrError(
        res,
        400,
        'VALIDATION_FAILED',
        'The search parameters are invalid.',
        fieldErrorsOf(query.error),
      );
      return;
    }
    const { organisationCode, lastName, dateOfBirth } = query.data;
    res.json({ items: deps.directory.search(organisationCode, lastName, dateOfBirth) });
  });
  router.post(
    '/applicants/:esrApplicantId/employment-checks/:recordType',
    createPostRecordHandler({ ...deps, hasMalformedBody: (req) => malformed.has(req) }),
  );
  return router;
}
