import { context } from '@opentelemetry/api';
import express, { Router, type Request, type RequestHandler, type Response } from 'express';
import {
  declaredLengthOf,
  readerLimitAbove,
  readWithin,
  refuseDeclaredOversize,
} from '../platform/http/body-limit';
import { answerErrorsWith, type ErrorAnswerer, type FailureLogLine } from '../platform/error-handler';
import type { Logger } from '../platform/logger';
import { countWebhook, type Metrics } from '../platform/metrics';
import { SPAN_ATTRIBUTES } from '../platform/tracing/spans';
import { isTracingOn } from '../platform/tracing/start-tracing';
import { annotateRouteSpan, traceRoute } from '../platform/tracing/trace-route';
import { RedisUnavailableError } from '../store/redis-deadline';
import type { DeliveryHandler } from './handle-delivery';
import type { WebhookAnswer } from './webhook-answers';
import { answerForError, isJsonContentType, UnsupportedMediaTypeError } from './webhook-errors';
import { parseWebhookBody, type ParsedWebhookBody } from './webhook-body';
import type { SignatureVerifier } from './verify-signature';
import { hashWebhookBody } from './webhook-id-record';

/** Largest body accepted, bytes (256 KiB): a status change is a few hundred bytes. */
export const MAX_WEBHOOK_BODY_BYTES = 256 * 1024;

export interface WebhookRouterDeps {
  verifySignature: SignatureVerifier;
  handleDelivery: DeliveryHandler;
  metrics: Metrics;
  logger: Logger;
}

/** The answer's outcome on the delivery's span. */
function annotateAnswer(res: Response, answer: WebhookAnswer): void {
  if (!isTracingOn()) return;
  annotateRouteSpan(res, {
    [SPAN_ATTRIBUTES.webhookOutcome]: answer.outcome,
    ...(answer.reason ? { [SPAN_ATTRIBUTES.webhookReason]: answer.reason } : {}),
  });
}

/** A verified delivery's ids on its span: the webhook-id, the organisation, the transfer. */
function annotateDelivery(
  res: Response,
  webhookId: string,
  parsed: ParsedWebhookBody,
  answer: WebhookAnswer,
) {
  if (!isTracingOn()) return;
  const { transferId } = answer.body;
  annotateRouteSpan(res, {
    [SPAN_ATTRIBUTES.webhookId]: webhookId,
    ...(parsed.kind === 'status_changed'
      ? { [SPAN_ATTRIBUTES.organisationCode]: parsed.body.data.organisationCode }
      : {}),
    ...(typeof transferId === 'string' ? { [SPAN_ATTRIBUTES.transferId]: transferId } : {}),
  });
}

/**
 * Written as it is, with the headers set so far (security headers): Express's `res.json` would
 * also hash the body for an ETag nobody uses, on every delivery.
 */
function send(res: Response, answer: WebhookAnswer, metrics: Metrics): void {
  countWebhook(metrics, answer.outcome, answer.reason);
  annotateAnswer(res, answer);
  const body = JSON.stringify(answer.body);
  res.writeHead(answer.status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(body),
  });
  res.end(body);
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
 * re-encode them first. A declared length over the limit is `413` before a byte is read (second
 * check); a chunked body that grows over it is `413` as soon as it does, and the connection closed.
 */
const rawBodyParser = express.raw({
  type: () => true,
  limit: readerLimitAbove(MAX_WEBHOOK_BODY_BYTES),
  inflate: false,
});
/** The parser calls back from the socket's events: bound, the delivery's span stays active after it. */
const readRawBody: RequestHandler = (req, res, next) =>
  rawBodyParser(req, res, context.bind(context.active(), next));

/** A refusal is the sender's doing; Redis down is a known outage; anything else is a fault of ours. */
function failureLogLine(answer: WebhookAnswer, error: unknown, req: Request): FailureLogLine {
  const context = {
    component: 'webhook',
    outcome: answer.outcome,
    reason: answer.reason,
    contentLength: req.headers['content-length'],
  };
  if (answer.outcome !== 'unavailable') return { level: 'info', message: 'webhook not accepted', context };
  if (error instanceof RedisUnavailableError)
    return { level: 'warn', message: 'webhook not accepted', context };
  return { level: 'error', message: 'webhook failed unexpectedly', context };
}

/** The contract's answer to a failed delivery, counted in the metrics; the app's error handler sends it. */
function answerWebhookFailure(metrics: Metrics): ErrorAnswerer {
  return (error, req, res) => {
    const answer = answerForError(error);
    countWebhook(metrics, answer.outcome, answer.reason);
    annotateAnswer(res, answer);
    return { status: answer.status, body: answer.body, log: failureLogLine(answer, error, req) };
  };
}

/**
 * `POST /webhooks/trac`: media type, size, signature, JSON, event type, schema, then the decision.
 * Every failure becomes one of the contract's answers (`answerWebhookFailure`, registered with the
 * app's one error handler); none is a `500`.
 */
export function createWebhookRouter(deps: WebhookRouterDeps): Router {
  const router = Router();

  /**
   * Third check, before the body when its size is known to be within the limit: headers that cannot
   * verify are `401` without reading (or hashing) up to 256 KiB. Without Content-Length the body is
   * read first, so that an oversize one is still `413` before `401`, as the contract orders them.
   */
  const checkHeadersBeforeBody: RequestHandler = (req, _res, next) => {
    if (declaredLengthOf(req) !== undefined) deps.verifySignature.checkHeaders(req.headers);
    next();
  };

  const answerDelivery: RequestHandler = async (req, res) => {
    const rawBody = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    const verified = deps.verifySignature.verify(req.headers, rawBody);
    const parsed = parseWebhookBody(verified.payload);
    const message = { webhookId: verified.webhookId, bodyHash: hashWebhookBody(rawBody) };
    const answer = await deps.handleDelivery({ ...message, parsed });
    annotateDelivery(res, verified.webhookId, parsed, answer);
    deps.logger.info('webhook answered', {
      webhookId: verified.webhookId,
      outcome: answer.outcome,
      reason: answer.reason,
      transferId: answer.body.transferId,
    });
    send(res, answer, deps.metrics);
  };
  // the contract's order: media type, size, headers, then the body (signature, JSON, schema, decision)
  const checksInOrder = [
    requireJson,
    refuseDeclaredOversize(MAX_WEBHOOK_BODY_BYTES),
    checkHeadersBeforeBody,
    readWithin(MAX_WEBHOOK_BODY_BYTES, readRawBody),
  ];
  router.post(
    '/',
    traceRoute('POST', '/webhooks/trac'),
    answerErrorsWith(answerWebhookFailure(deps.metrics)),
    ...checksInOrder,
    answerDelivery,
  );
  return router;
}
