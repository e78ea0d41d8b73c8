import type { Attributes, Link, SpanOptions } from '@opentelemetry/api';
import { DelayedError, UnrecoverableError, type Job } from 'bullmq';
import { z } from 'zod';
import { REASON_CODES } from '../src/platform/errors';
import { inSpan, linkTo, recordOutcomeAttribute, SPAN_ATTRIBUTES } from '../src/platform/tracing/spans';
import { isTracingOn } from '../src/platform/tracing/start-tracing';
import { RECORD_OUTCOMES, RECORD_TYPES } from '../src/records/record-types';
import { TransferJobDataSchema, type TransferJobData } from '../src/store/transfer-job';
import { parseTransferId } from '../src/transfer/transfer-ids';
import type { RecordOutcomes } from '../src/transfer/transfer';
import type { TransferJobResult } from './process-transfer-job';

type TransferProcessor = (
  job: Job<TransferJobData>,
  token: string | undefined,
  signal: AbortSignal | undefined,
) => Promise<TransferJobResult>;

const TRIGGERS = new Set<unknown>(TransferJobDataSchema.shape.trigger.options);
const REASONS = new Set<unknown>(REASON_CODES);
/** What a run that did not complete left in its job's progress for Bull Board (publishRecords). */
const ProgressSchema = z.object({ records: z.record(z.enum(RECORD_TYPES), z.enum(RECORD_OUTCOMES)) });

/**
 * The run's span, before the job is trusted: ids only where they have the transfer id's shape
 * (a job added by hand may carry anything), and a link to the transfer's first trace on a job
 * that replaced an earlier one (re-queue).
 */
function runSpanOptions(job: Job<TransferJobData>): SpanOptions {
  const ids = job.id === undefined ? undefined : parseTransferId(job.id);
  const data: Partial<Record<string, unknown>> = typeof job.data === 'object' && job.data ? job.data : {};
  const attributes: Attributes = { [SPAN_ATTRIBUTES.attempt]: job.attemptsMade + 1 };
  if (ids) {
    attributes[SPAN_ATTRIBUTES.transferId] = job.id;
    attributes[SPAN_ATTRIBUTES.organisationCode] = ids.organisationCode;
  }
  if (TRIGGERS.has(data.trigger)) attributes[SPAN_ATTRIBUTES.trigger] = data.trigger as string;
  const link: Link | undefined = linkTo(typeof data.firstTrace === 'string' ? data.firstTrace : undefined);
  return { attributes, ...(link ? { links: [link] } : {}) };
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

/** A run that threw: failed (with its reason code), retried later, or delayed by a rate limit. */
function notCompletedAttributes(error: unknown, job: Job<TransferJobData>): Attributes {
  if (error instanceof DelayedError) return { [SPAN_ATTRIBUTES.outcome]: 'delayed' };
  const progress = ProgressSchema.safeParse(job.progress);
  const records = progress.success ? recordAttributes(progress.data.records) : {};
  if (!(error instanceof UnrecoverableError)) return { [SPAN_ATTRIBUTES.outcome]: 'retry', ...records };
  // the processor fails a job with its reason code as the message (or a stray job's explanation)
  const reason = REASONS.has(error.message) ? { [SPAN_ATTRIBUTES.reason]: error.message } : {};
  return { [SPAN_ATTRIBUTES.outcome]: 'failed', ...reason, ...records };
}

/**
 * One span per run of a transfer job, a child of BullMQ's `process` span (itself in the trace
 * the job was queued in, so a retry after a delay stays in the delivery's trace), parent of each
 * Trac and ESR request: the transfer id, organisation, trigger and attempt, then the outcome, the
 * reason code and each record's outcome. With tracing off, the processor itself.
 */
export function traceTransferRuns(processor: TransferProcessor): TransferProcessor {
  if (!isTracingOn()) return processor;
  return (job, token, signal) =>
    inSpan(
      'run transfer',
      () => runSpanOptions(job),
      async (span) => {
        try {
          const result = await processor(job, token, signal);
          span?.setAttributes(completedAttributes(result));
          return result;
        } catch (error) {
          span?.setAttributes(notCompletedAttributes(error, job));
          throw error;
        }
      },
    );
}
