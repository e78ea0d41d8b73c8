import type { Attributes } from '@opentelemetry/api';
import { UnrecoverableError, type Job } from 'bullmq';
import { inSpan, SPAN_ATTRIBUTES, type RunTrace } from '../src/platform/tracing/spans';
import { isTracingOn } from '../src/platform/tracing/start-tracing';

type JobProcessor<D, R> = (job: Job<D>, token?: string, signal?: AbortSignal) => Promise<R>;

/**
 * Each run of a scheduled or HR-started job (a sweep, a match preview, the digest)
 * as a trace of its own: a root span named `name`, with the job id, the attempt, `attributesOf`'s
 * ids and codes, and the outcome (completed, failed, or retry when BullMQ tries again). Its Trac
 * and ESR requests and its log lines are inside it: `processorIn(runTrace)` is the processor whose
 * clients and logger work in that trace, built for each run (the worker's context does not follow
 * an `await`). With tracing off, built once. A transfer a sweep queues is a trace of its own.
 */
export function traceJobRuns<D, R>(
  name: string,
  processorIn: (runTrace: RunTrace) => JobProcessor<D, R>,
  attributesOf: (job: Job<D>) => Attributes = () => ({}),
): JobProcessor<D, R> {
  if (!isTracingOn()) return processorIn(undefined);
  return (job, token, signal) => {
    const options = () => ({
      root: true,
      attributes: {
        [SPAN_ATTRIBUTES.jobId]: job.id ?? '',
        [SPAN_ATTRIBUTES.attempt]: job.attemptsMade + 1,
        ...attributesOf(job),
      },
    });
    return inSpan(name, options, async (span, runTrace) => {
      try {
        const result = await processorIn(runTrace)(job, token, signal);
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
