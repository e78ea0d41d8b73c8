import type { IncomingMessage } from 'node:http';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { AppError } from '../errors';

/**
 * A request body over its route's limit: answered `413`, and the connection closed so that the rest
 * is never read. `status` is what the app's error handler answers (`clientErrorStatusOf`).
 */
export class PayloadTooLargeError extends AppError {
  readonly status = 413;
  constructor(readonly declared: boolean) {
    super(declared ? 'declared body length over the limit' : 'body over the limit as it arrived');
  }
}

/** The declared body length; Node's parser has already refused a malformed or conflicting one. */
export function declaredLengthOf(req: IncomingMessage): number | undefined {
  const header = req.headers['content-length'];
  return header === undefined ? undefined : Number(header);
}

/** Whether a body follows the head at all: a declared length over 0, or a chunked body. */
export function hasBody(req: IncomingMessage): boolean {
  return req.headers['transfer-encoding'] !== undefined || (declaredLengthOf(req) ?? 0) > 0;
}

/**
 * A `Content-Length` over `maxBytes` is `413` from the header, before a byte is read and before
 * `100 Continue` (src/platform/receiver-server.ts sends it only once a route reads): express's body
 * parsers would read the whole body before answering.
 */
export function refuseDeclaredOversize(maxBytes: number): RequestHandler {
  return (req, _res, next) => {
    const length = declaredLengthOf(req);
    next(length !== undefined && length > maxBytes ? new PayloadTooLargeError(true) : undefined);
  };
}

/**
 * The limit to give a reader run by `readWithin(maxBytes, …)`: far enough above `maxBytes` (1 MiB,
 * where Node hands a body over in reads of at most 64 KiB) that `readWithin` always sees the body go
 * over first. A reader that saw it itself would read the rest to its end before answering.
 */
export function readerLimitAbove(maxBytes: number): number {
  return maxBytes + 1024 * 1024;
}

/**
 * Counts the body's bytes as they are read, whoever reads them, and once more than `maxBytes` have
 * come, pauses the request (Node then stops reading the socket) and calls `onOver`. It starts with
 * the reading (`resume`), so that an unread body stays unread and `100 Continue` unsent, and sees
 * each chunk before the reader does. Returns the way to stop counting.
 */
function countBodyBytes(req: IncomingMessage, maxBytes: number, onOver: () => void): () => void {
  let seen = 0;
  const count = (chunk: Buffer) => {
    seen += chunk.length;
    if (seen <= maxBytes) return;
    stop();
    req.pause();
    onOver();
  };
  const start = () => req.prependListener('data', count);
  const stop = () => {
    req.off('resume', start);
    req.off('data', count);
  };
  if (req.readableFlowing) start();
  else req.once('resume', start);
  return stop;
}

/** Runs handlers one after the other, as a router would, ending with `done`. */
function runInTurn(handlers: RequestHandler[], req: Request, res: Response, done: NextFunction): void {
  const step =
    (index: number): NextFunction =>
    (error?: unknown) => {
      const handler = handlers[index];
      if (error !== undefined || !handler) return done(error);
      try {
        const result: unknown = handler(req, res, step(index + 1));
        if (result instanceof Promise) result.catch(step(handlers.length));
      } catch (thrown) {
        done(thrown);
      }
    };
  step(0)();
}

/**
 * Runs `readers` (express's body parsers, their limits `readerLimitAbove(maxBytes)`) with the body
 * bounded. A declared length over `maxBytes` never reaches them; a body of unknown length (chunked)
 * that grows past `maxBytes` is `413` as soon as it does: express's parsers would read it to its end
 * first, however long. The connection is then closed (src/platform/receiver-server.ts), so that the
 * rest is never read, and whatever the readers do later is ignored.
 */
export function readWithin(maxBytes: number, ...readers: RequestHandler[]): RequestHandler {
  const refuseDeclared = refuseDeclaredOversize(maxBytes);
  return (req, res, next) => {
    let settled = false;
    let stopCounting = () => undefined as void;
    const settle: NextFunction = (error?: unknown) => {
      if (settled) return;
      settled = true;
      stopCounting();
      next(error);
    };
    refuseDeclared(req, res, (declaredOver?: unknown) => {
      if (declaredOver !== undefined) return settle(declaredOver);
      if (req.headers['transfer-encoding'] !== undefined) {
        stopCounting = countBodyBytes(req, maxBytes, () => {
          res.setHeader('Connection', 'close');
          settle(new PayloadTooLargeError(false));
        });
      }
      runInTurn(readers, req, res, settle);
    });
  };
}
