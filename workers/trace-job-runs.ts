import type { Attributes } from '@opentelemetry/api';
import { UnrecoverableError, type Job } from 'bullmq';
import { inSpan, SPAN_ATTRIBUTES } from '../src/platform/tracing/spans';
import { isTracingOn } from '../src/platform/tracing/start-tracing';

type JobProcessor<D, R> = (job: Job<D>, token?: string, signal?: AbortSignal) => Promise<R>;

/**
 * Each run of a scheduled or HR-started job (a reconciliation sweep, a match preview, the digest)
 * as a trace of its own: a root span named `name`, with the job id, the attempt, `attributesOf`'s
 * ids and codes, and the outcome (completed, failed, or retry when BullMQ tries again). Its Trac
 * and ESR requests, and the transfers a sweep queues, are inside it. With tracing off, the
 * processor itself.
 */
export function traceJobRuns<D, R>(
  name: string,
  processor: JobProcessor<D, R>,
  attributesOf: (job: Job<D>) => Attributes = () => ({}),
): JobProcessor<D, R> {
  if (!isTracingOn()) return processor;
  return (job, token, signal) => {
    const options = () => ({
      root: true,
      attributes: {
        [SPAN_ATTRIBUTES.jobId]: job.id ?? '',
        [SPAN_ATTRIBUTES.attempt]: job.attemptsMade + 1,
        ...attributesOf(job),
      },
    });
    return inSpan(name, options, async (span) => {
      try {
        const result = await processor(job, token, signal);
        span?.setAttribute(SPAN_ATTRIBUTES.jobOutcome, 'completed');
        return result;
      } catch (error) {
        span?.setAttribute(
          SPAN_ATTRIBUTES.jobOutcome,
          error instanceof UnrecoverableError ? 'failed' : 'retry',
        );
        throw error;
      }
    });
  };
}
