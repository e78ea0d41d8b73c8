import { BullMQOtel } from 'bullmq-otel';
import { isTracingOn } from '../platform/tracing/start-tracing';
import { TRACEPARENT_PATTERN, traceparentOfMetadata } from '../platform/tracing/spans';

let telemetry: BullMQOtel | undefined;

/**
 * BullMQ's own telemetry (bullmq-otel) for the transfer queue and its worker, once tracing is on:
 * an add carries the caller's trace context in the job (`opts.telemetry.metadata`, propagation
 * headers only), the worker runs the job inside it, and a retry carries it on. Undefined with
 * tracing off, so that BullMQ does no telemetry work at all.
 */
export function queueTelemetry(): BullMQOtel | undefined {
  if (!isTracingOn()) return undefined;
  telemetry ??= new BullMQOtel({ tracerName: 'bullmq' });
  return telemetry;
}

/** A job as far as its trace is concerned: BullMQ's telemetry metadata, and the first trace it kept. */
interface TracedJob {
  data: { firstTrace?: unknown };
  opts: { telemetry?: { metadata?: string } };
}

/**
 * The trace a re-run of this job should link to: the first one it already links to, else the one
 * its job was queued (or last retried) in. Undefined with tracing off (a job has no metadata then).
 */
export function firstTraceOf(job: TracedJob): string | undefined {
  const kept = job.data.firstTrace;
  if (typeof kept === 'string' && TRACEPARENT_PATTERN.test(kept)) return kept;
  return traceparentOfMetadata(job.opts.telemetry?.metadata);
}
