import { context, SpanStatusCode, trace, type Attributes } from '@opentelemetry/api';
import { DelayedError, UnrecoverableError, type Job } from 'bullmq';
import { z } from 'zod';
import { REASON_CODES } from '../src/platform/errors';
import {
  linkTo,
  recordOutcomeAttribute,
  SPAN_ATTRIBUTES,
  type RunTrace,
} from '../src/platform/tracing/spans';
import { isTracingOn } from '../src/platform/tracing/start-tracing';
import { RECORD_OUTCOMES, RECORD_TYPES } from '../src/records/record-types';
import { TransferJobSchema, type TransferJob } from '../src/transfer/transfer-job';
import { parseTransferId } from '../src/transfer/transfer-ids';
import type { RecordOutcomes } from '../src/transfer/transfer';
import type { TransferJobResult } from './process-transfer-job';

type TransferProcessor = (
  job: Job<TransferJob>,
  token: string | undefined,
  signal: AbortSignal | undefined,
) => Promise<TransferJobResult>;

const TRIGGERS = new Set<unknown>(TransferJobSchema.shape.trigger.options);
const REASONS = new Set<unknown>(REASON_CODES);
/** What a run that did not complete left in its job's progress for Bull Board (publishRecords). */
const ProgressSchema = z.object({ records: z.record(z.enum(RECORD_TYPES), z.enum(RECORD_OUTCOMES)) });

/** The run's ids, before the job is trusted: only where they have the transfer id's shape (a job added by hand may carry anything). */
function runAttributes(job: Job<TransferJob>): Attributes {
  const ids = job.id === undefined ? undefined : parseTransferId(job.id);
  const data: Partial<Record<string, unknown>> = typeof job.data === 'object' && job.data ? job.data : {};
  const attributes: Attributes = { [SPAN_ATTRIBUTES.attempt]: job.attemptsMade + 1 };
  if (ids) {
    attributes[SPAN_ATTRIBUTES.transferId] = job.id;
    attributes[SPAN_ATTRIBUTES.organisationCode] = ids.organisationCode;
  }
  if (TRIGGERS.has(data.trigger)) attributes[SPAN_ATTRIBUTES.trigger] = data.trigger as string;
  return attributes;
}

/** A re-queued job's link to the trace its transfer's first job ran in. */
function firstTraceLinkOf(job: Job<TransferJob>) {
  const firstTrace: unknown = typeof job.data === 'object' && job.data ? job.data.firstTrace : undefined;
  return linkTo(typeof firstTrace === 'string' ? firstTrace : undefined);
}

function recordAttributes(records: Partial<RecordOutcomes>): Attributes {
  return Object.fromEntries(
    Object.entries(records).map(([recordType, outcome]) => [recordOutcomeAttribute(recordType), outcome]),
  );
}

function completedAttributes(result: TransferJobResult): Attributes {
  return {
    [SPAN_ATTRIBUTES.outcome]: 'completed',
    ...(result.reason ? { [SPAN_ATTRIBUTES.reason]: result.reason } : {}),
    ...recordAttributes(result.records),
  };
}

/**
 * The reason code a failed job's message names: the message itself, or `(CODE)` within HR's
 * sentence; none for a stray job's explanation.
 */
function reasonCodeOf(message: string): string | undefined {
  if (REASONS.has(message)) return message;
  const named = /\(([A-Z][A-Z_]+)\)/.exec(message)?.[1];
  return REASONS.has(named) ? named : undefined;
}

/** A run that threw: failed (with its reason code), retried later, or delayed by a rate limit. */
function notCompletedAttributes(error: unknown, job: Job<TransferJob>): Attributes {
  if (error instanceof DelayedError) return { [SPAN_ATTRIBUTES.outcome]: 'delayed' };
  const progress = ProgressSchema.safeParse(job.progress);
  const records = progress.success ? recordAttributes(progress.data.records) : {};
  if (!(error instanceof UnrecoverableError)) return { [SPAN_ATTRIBUTES.outcome]: 'retry', ...records };
  const code = reasonCodeOf(error.message);
  const reason = code ? { [SPAN_ATTRIBUTES.reason]: code } : {};
  return { [SPAN_ATTRIBUTES.outcome]: 'failed', ...reason, ...records };
}

/**
 * A run that throws keeps its job in the trace it was queued in: BullMQ would otherwise store the
 * context of its own `retry`/`delay` span (made after an `await`, so a root of a new trace with the
 * worker's explicit context propagation) as the job's, and the next attempt would leave the trace.
 */
function keepJobInItsTrace(job: Job<TransferJob>): void {
  job.opts.telemetry = { ...job.opts.telemetry, omitContext: true };
}

/**
 * Each run of a transfer job on BullMQ's own `process` span of it (the active span when the
 * processor starts; a child of the job's span, itself in the trace the job was queued in, so a retry
 * after a delay stays in the delivery's trace), the parent of each Trac and ESR request: the
 * transfer id, organisation, trigger and attempt, a re-queue's link to the first trace, then the
 * outcome, the reason code and each record's outcome. No span of its own: one less per transfer.
 * `processorIn(runTrace)` is the processor whose clients and logger work in that trace, built for
 * each run (the worker's context does not follow an `await`). With tracing off, built once.
 */
export function traceTransferRuns(processorIn: (runTrace: RunTrace) => TransferProcessor): TransferProcessor {
  if (!isTracingOn()) return processorIn(undefined);
  const untraced = processorIn(undefined);
  return async (job, token, signal) => {
    const span = trace.getActiveSpan();
    if (!span?.isRecording()) return untraced(job, token, signal);
    const processor = processorIn(context.active());
    span.setAttributes(runAttributes(job));
    const link = firstTraceLinkOf(job);
    if (link) span.addLink(link);
    try {
      const result = await processor(job, token, signal);
      span.setAttributes(completedAttributes(result));
      return result;
    } catch (error) {
      const attributes = notCompletedAttributes(error, job);
      span.setAttributes(attributes);
      if (attributes[SPAN_ATTRIBUTES.outcome] !== 'delayed') span.setStatus({ code: SpanStatusCode.ERROR });
      keepJobInItsTrace(job);
      throw error;
    }
  };
}
