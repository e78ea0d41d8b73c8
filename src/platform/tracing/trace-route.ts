import { context, SpanKind, SpanStatusCode, trace, type Attributes, type Span } from '@opentelemetry/api';
import type { RequestHandler, Response } from 'express';
import { isTracingOn } from './start-tracing';
import { tracer } from './spans';

const spans = new WeakMap<Response, Span>();

/**
 * A server span for one route (`POST /webhooks/trac`), the root of the request's trace: active for
 * every later handler (a body reader must pass its callback through `context.bind`), ended when
 * the answer is sent, with its status code. Never the URL, a query or a header. With tracing off,
 * a handler that only calls `next()`.
 */
export function traceRoute(method: string, route: string): RequestHandler {
  if (!isTracingOn()) return (_req, _res, next) => next();
  return (_req, res, next) => {
    const span = tracer.startSpan(`${method} ${route}`, {
      kind: SpanKind.SERVER,
      attributes: { 'http.request.method': method, 'http.route': route },
      // one delivery, one trace: never a parent a caller chose
      root: true,
    });
    spans.set(res, span);
    res.once('close', () => {
      span.setAttribute('http.response.status_code', res.statusCode);
      if (res.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
      span.end();
    });
    context.with(trace.setSpan(context.active(), span), next);
  };
}

/** Adds attributes to the route's span of this answer (a webhook's outcome, its transfer id). */
export function annotateRouteSpan(res: Response, attributes: Attributes): void {
  spans.get(res)?.setAttributes(attributes);
}
