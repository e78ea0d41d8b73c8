import {
  context,
  isSpanContextValid,
  SpanStatusCode,
  trace,
  TraceFlags,
  type Context,
  type Link,
  type Span,
  type SpanOptions,
} from '@opentelemetry/api';
import { isTracingOn } from './start-tracing';

/**
 * The connector's span attributes (connector.md, "Traces"): ids, codes and outcomes only, never a
 * name, a date of birth, a certificate, registration or share-code number, check content, a
 * secret or a token. One word per concept, as in the contract.
 */
export const SPAN_ATTRIBUTES = {
  transferId: 'transfer.id',
  organisationCode: 'organisation.code',
  /** webhook, manual, requeue, reconciliation */
  trigger: 'transfer.trigger',
  /** 1 for the first run of a job, 2 for its first retry… */
  attempt: 'transfer.attempt',
  /** completed, failed, retry (a later attempt follows), delayed (rate limited) */
  outcome: 'transfer.outcome',
  /** The reason code (connector.md), when there is one. */
  reason: 'transfer.reason',
  /** An ESR record type (`dbs`…); on a transfer span, `record.<type>.outcome` holds each outcome. */
  recordType: 'record.type',
  tracCheckType: 'trac.check_type',
  /** none (an answer), retryable (the queue tries again), permanent (the transfer fails). */
  retryClass: 'request.retry_class',
  webhookId: 'webhook.id',
  webhookOutcome: 'webhook.outcome',
  webhookReason: 'webhook.reason',
  jobId: 'job.id',
  /** A sweep's, preview's or digest's run: completed, failed, or retry (BullMQ tries again). */
  jobOutcome: 'job.outcome',
} as const;

/** The outcome attribute of one record on a transfer span: `record.dbs.outcome`. */
export const recordOutcomeAttribute = (recordType: string): string => `record.${recordType}.outcome`;

/** Every span of the connector comes from this tracer (a no-op until the SDK starts). */
export const tracer = trace.getTracer('dit-checks-connector');

async function settle<T>(span: Span, work: (span: Span) => Promise<T>): Promise<T> {
  try {
    return await work(span);
  } catch (error) {
    span.setStatus({ code: SpanStatusCode.ERROR });
    throw error;
  } finally {
    span.end();
  }
}

/**
 * The trace that work opening spans after an `await` belongs to, handed to it explicitly: the
 * worker's context manager (`StackContextManager`) keeps a context active only while code runs
 * synchronously, so a run captures its span's context when it starts and gives it to its Trac and
 * ESR clients and its logger. Undefined with tracing off.
 */
export type RunTrace = Context | undefined;

/** A client whose requests' spans belong to the trace it is given (`client.inTrace(runTrace)`, once per run). */
export interface Traceable<T> {
  inTrace(runTrace: RunTrace): T;
}

/**
 * Runs `work` in a new span, a child of the context active now, ended when it settles (status
 * error when it throws). `work` is given the span and the trace of its own later
 * spans. With tracing off it runs `work(undefined, undefined)` directly: not even a no-op span is
 * made, and `options` (a function, to build them only when tracing) is not read.
 */
export async function inSpan<T>(
  name: string,
  options: SpanOptions | (() => SpanOptions),
  work: (span: Span | undefined, trace: RunTrace) => Promise<T>,
): Promise<T> {
  if (!isTracingOn()) return work(undefined, undefined);
  const spanOptions = typeof options === 'function' ? options() : options;
  const outer = context.active();
  const span = tracer.startSpan(name, spanOptions, outer);
  const inner = trace.setSpan(outer, span);
  // active while `work` runs synchronously: what it opens or logs before its first await
  return context.with(inner, () => settle(span, (opened) => work(opened, inner)));
}

/**
 * `inSpan` for a leaf (an HTTP request): a child of `parent` (else of the context active now) that
 * nothing else is made a child of. Nothing inside `work` may open spans.
 */
export async function inLeafSpan<T>(
  name: string,
  options: () => SpanOptions,
  work: (span: Span | undefined) => Promise<T>,
  parent?: RunTrace,
): Promise<T> {
  if (!isTracingOn()) return work(undefined);
  return settle(tracer.startSpan(name, options(), parent ?? context.active()), work);
}

/** The `trace_id` and `span_id` fields of the log lines written in a run's trace; none without one. */
export function logFieldsOf(runTrace: RunTrace): { trace_id?: string; span_id?: string } {
  const spanContext = runTrace ? trace.getSpanContext(runTrace) : undefined;
  return spanContext ? { trace_id: spanContext.traceId, span_id: spanContext.spanId } : {};
}

const TRACEPARENT = /^00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/;

/** A link to the span a W3C `traceparent` names; undefined when it is not one. */
export function linkTo(traceparent: string | undefined): Link | undefined {
  const match = traceparent === undefined ? null : TRACEPARENT.exec(traceparent);
  if (!match?.[1] || !match[2] || !match[3]) return undefined;
  const traceFlags = Number.parseInt(match[3], 16) & TraceFlags.SAMPLED;
  const spanContext = { traceId: match[1], spanId: match[2], traceFlags, isRemote: true };
  return isSpanContextValid(spanContext) ? { context: spanContext } : undefined;
}

/**
 * The `traceparent` in BullMQ's telemetry metadata of a job (a JSON object of propagation
 * headers, what bullmq-otel stores with `opts.telemetry.metadata`); undefined without one.
 */
export function traceparentOfMetadata(metadata: string | undefined): string | undefined {
  if (!metadata) return undefined;
  try {
    const headers: unknown = JSON.parse(metadata);
    const value =
      typeof headers === 'object' && headers !== null
        ? (headers as Record<string, unknown>).traceparent
        : undefined;
    return typeof value === 'string' && TRACEPARENT.test(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

export { TRACEPARENT as TRACEPARENT_PATTERN };
