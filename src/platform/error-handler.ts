/**
 * The one error handler of every process: how an error appears in a log line, the Express app's
 * last handler, and what an uncaught exception or an unhandled rejection does to a process.
 */
import type { ErrorRequestHandler, Request, RequestHandler, Response } from 'express';
import type { Logger } from './logger';
import type { ShutdownSequence } from './shutdown';

/**
 * An error as a log line shows it. Its class is `type`, not `name`: the logger masks every `name`
 * field, as it may be a person's.
 */
export interface ErrorDescription {
  type: string;
  message: string;
  stack?: string;
  cause?: ErrorDescription;
}

/** Causes followed in a description: enough for a wrapped driver error, bounded for a cycle. */
const MAX_CAUSES = 3;

/**
 * How any error appears in a log line: its class and message, plus its stack when it is unexpected
 * (a fault someone must fix). Never the error's other fields, which may hold a request or response
 * body (axios errors do); a thrown value that is not an Error is described by its type alone.
 */
export function describeError(error: unknown, options: { stack?: boolean } = {}): ErrorDescription {
  return describeAt(error, options.stack ?? false, 0);
}

function describeAt(error: unknown, withStack: boolean, depth: number): ErrorDescription {
  if (!(error instanceof Error)) {
    const type = error === null ? 'null' : typeof error;
    return { type: 'NonError', message: `a thrown ${type}, not an Error` };
  }
  const description: ErrorDescription = { type: error.name, message: error.message };
  if (withStack && error.stack) description.stack = error.stack;
  if (error.cause !== undefined && depth < MAX_CAUSES) {
    description.cause = describeAt(error.cause, withStack, depth + 1);
  }
  return description;
}

/** The JSON every unexpected failure gets: never `500`, so callers retry rather than give up. */
export const UNAVAILABLE_BODY = { error: 'unavailable' } as const;

/** Status of an error raised by express or its body parsers (`http-errors`), when it is a client error. */
export function clientErrorStatusOf(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { status, statusCode } = error as { status?: unknown; statusCode?: unknown };
  const value = typeof status === 'number' ? status : statusCode;
  return typeof value === 'number' && value >= 400 && value < 500 ? value : undefined;
}

/** The log line a failure is worth. */
export interface FailureLogLine {
  /**
   * `info`: a refusal the client caused (the error is not logged); `warn`: a known outage (the
   * error without its stack); `error`: a fault of ours (the error with its stack).
   */
  level: 'info' | 'warn' | 'error';
  message: string;
  /** Identifiers only, never a request body. */
  context?: Record<string, unknown>;
}

/** What the app answers for a failure, and its log line (none: not logged). */
export interface ErrorAnswer {
  status: number;
  body: Record<string, unknown>;
  log?: FailureLogLine;
}

/**
 * How a route answers its own failures (the webhook's contract). It may prepare the response
 * (headers, metrics); the one error handler logs and sends.
 */
export type ErrorAnswerer = (error: unknown, req: Request, res: Response) => ErrorAnswer;

const routeAnswerers = new WeakMap<Response, ErrorAnswerer>();

/** Registers how the app's error handler answers the failures of the requests through this route. */
export function answerErrorsWith(answerer: ErrorAnswerer): RequestHandler {
  return (_req, res, next) => {
    routeAnswerers.set(res, answerer);
    next();
  };
}

/** The `error` of a client error's answer where the contract names it; else `bad_request`. */
const CLIENT_ERROR_NAMES = new Map<number, string>([[413, 'payload_too_large']]);

/**
 * Every other route: client errors keep their status with a JSON body; anything else is a fault of
 * ours or of Redis, logged and answered `503` (the contract forbids `500`).
 */
const answerAnyRoute: ErrorAnswerer = (error, req) => {
  const status = clientErrorStatusOf(error);
  if (status !== undefined)
    return { status, body: { error: CLIENT_ERROR_NAMES.get(status) ?? 'bad_request' } };
  const context = { method: req.method, path: req.path };
  return { status: 503, body: UNAVAILABLE_BODY, log: { level: 'error', message: 'request failed', context } };
};

function logFailure(logger: Logger, error: unknown, { level, message, context }: FailureLogLine): void {
  const described = level === 'info' ? {} : { error: describeError(error, { stack: level === 'error' }) };
  logger.log(level, message, { ...context, ...described });
}

/** The app's last handler, the only one: the route's answerer (or `answerAnyRoute`) decides. */
export function createErrorHandler(logger: Logger): ErrorRequestHandler {
  return (error: unknown, req, res, _next) => {
    if (res.headersSent) {
      // the answer is already on its way and cannot be corrected: end the connection
      const context = { method: req.method, path: req.path };
      logFailure(logger, error, {
        level: 'error',
        message: 'request failed after its answer started',
        context,
      });
      req.socket.destroy();
      return;
    }
    const answer = (routeAnswerers.get(res) ?? answerAnyRoute)(error, req, res);
    if (answer.log) logFailure(logger, error, answer.log);
    res.status(answer.status).json(answer.body);
  };
}

/** `404 {"error":"not_found"}` for any path no router answered. */
export const notFoundHandler: RequestHandler = (_req, res) => {
  res.status(404).json({ error: 'not_found' });
};

/**
 * An uncaught exception or an unhandled rejection leaves the process in a state nobody planned for:
 * it is logged, and the process stops in order (`shutdown`: HTTP, worker, queues, Redis) and exits
 * 1. Install before anything starts. A fatal error while stopping is logged too; it neither restarts
 * the sequence nor lets the process exit 0.
 */
export function handleProcessErrors(logger: Logger, shutdown: ShutdownSequence): void {
  const stopOn = (kind: string) => (error: unknown) => {
    const message = shutdown.isStopping ? `${kind} while stopping` : `${kind}: stopping`;
    logger.error(message, { error: describeError(error, { stack: true }) });
    void shutdown.stop(1);
  };
  process.on('uncaughtException', stopOn('uncaught exception'));
  process.on('unhandledRejection', stopOn('unhandled rejection'));
}
