import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { Logger } from './logger';

/** The JSON every unexpected failure gets: never `500`, so callers retry rather than give up. */
export const UNAVAILABLE_BODY = { error: 'unavailable' } as const;

/** Status of an error raised by express or its body parsers (`http-errors`), when it is a client error. */
export function clientErrorStatusOf(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { status, statusCode } = error as { status?: unknown; statusCode?: unknown };
  const value = typeof status === 'number' ? status : statusCode;
  return typeof value === 'number' && value >= 400 && value < 500 ? value : undefined;
}

/** `404 {"error":"not_found"}` for any path no router answered. */
export const notFoundHandler: RequestHandler = (_req, res) => {
  res.status(404).json({ error: 'not_found' });
};

/**
 * The last handler of the app. Client errors keep their status with a JSON body; anything else is a
 * fault of ours or of Redis, logged and answered `503` (the contract forbids `500`).
 */
export function createErrorHandler(logger: Logger): ErrorRequestHandler {
  return (error: unknown, req, res, _next) => {
    if (res.headersSent) {
      // the answer is already on its way and cannot be corrected: end the connection
      req.socket.destroy();
      return;
    }
    const status = clientErrorStatusOf(error);
    if (status !== undefined) {
      res.status(status).json({ error: 'bad_request' });
      return;
    }
    logger.error('request failed', { method: req.method, path: req.path, error });
    res.status(503).json(UNAVAILABLE_BODY);
  };
}
