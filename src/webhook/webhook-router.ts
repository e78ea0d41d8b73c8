import express, { Router, type ErrorRequestHandler, type RequestHandler, type Response } from 'express';
import type { Logger } from '../platform/logger';
import { countWebhook, type Metrics } from '../platform/metrics';
import { RedisUnavailableError } from '../queue/redis-deadline';
import type { DeliveryHandler } from './handle-delivery';
import type { WebhookAnswer } from './webhook-answers';
import { answerForError, isJsonContentType, UnsupportedMediaTypeError } from './webhook-errors';
import { parseWebhookBody } from './webhook-body';
import type { SignatureVerifier } from './verify-signature';

/** Largest body accepted, bytes (256 KiB): a status change is a few hundred bytes. */
export const MAX_WEBHOOK_BODY_BYTES = 256 * 1024;

export interface WebhookRouterDeps {
  verifySignature: SignatureVerifier;
  handleDelivery: DeliveryHandler;
  metrics: Metrics;
  logger: Logger;
}

function send(res: Response, answer: WebhookAnswer, metrics: Metrics): void {
  countWebhook(metrics, answer.outcome, answer.reason);
  res.status(answer.status).json(answer.body);
}

/** First check of the contract's order: only `application/json` (UTF-8) is read at all. */
const requireJson: RequestHandler = (req, _res, next) => {
  const contentType = req.headers['content-type'];
  next(
    isJsonContentType(contentType) ? undefined : new UnsupportedMediaTypeError(`not JSON: ${contentType}`),
  );
};

/**
 * The exact bytes, on this route only: the signature covers them, so nothing may parse, inflate or
 * re-encode them first. Over the limit is `413` (from Content-Length before reading, when given).
 */
const readRawBody = express.raw({ type: () => true, limit: MAX_WEBHOOK_BODY_BYTES, inflate: false });

/**
 * `POST /webhooks/trac`: media type, size, signature, JSON, event type, schema, then the decision.
 * Every failure becomes one of the contract's answers; none is a `500`.
 */
export function createWebhookRouter(deps: WebhookRouterDeps): Router {
  const router = Router();

  router.post('/', requireJson, readRawBody, async (req, res) => {
    const rawBody = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    const verified = deps.verifySignature(req.headers, rawBody);
    const parsed = parseWebhookBody(verified.payload);
    const answer = await deps.handleDelivery({ webhookId: verified.webhookId, parsed });
    deps.logger.info('webhook answered', {
      webhookId: verified.webhookId,
      outcome: answer.outcome,
      reason: answer.reason,
      transferId: answer.body.transferId,
    });
    send(res, answer, deps.metrics);
  });

  const handleError: ErrorRequestHandler = (error: unknown, req, res, next) => {
    if (res.headersSent) return next(error);
    const answer = answerForError(error);
    const context = {
      outcome: answer.outcome,
      reason: answer.reason,
      contentLength: req.headers['content-length'],
    };
    if (answer.outcome !== 'unavailable') deps.logger.info('webhook not accepted', context);
    else if (error instanceof RedisUnavailableError)
      deps.logger.warn('webhook not accepted', { ...context, error });
    // not a known failure: a fault of ours, with its stack for whoever fixes it
    else deps.logger.error('webhook failed unexpectedly', { ...context, error });
    send(res, answer, deps.metrics);
  };
  router.use(handleError);
  return router;
}
