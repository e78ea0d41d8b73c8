import { trace, type Attributes, type Context, type Link, type SpanKind } from '@opentelemetry/api';
import {
  AlwaysOffSampler,
  AlwaysOnSampler,
  ParentBasedSampler,
  SamplingDecision,
  TraceIdRatioBasedSampler,
  type Sampler,
  type SamplingResult,
} from '@opentelemetry/sdk-trace-base';

/**
 * BullMQ's own operations when no span is their parent: its worker's housekeeping (every poll,
 * stalled check and lock renewal: a trace of one span every few seconds that says nothing about a
 * transfer), and, in the worker (whose context does not follow an `await`), the progress, retry,
 * delay and failure steps BullMQ takes after a run; the run's `process` span already holds their
 * outcome. Never recorded. An `add` or a `process` starts or continues a transfer's trace: kept.
 */
const QUEUE_HOUSEKEEPING =
  /^(getNextJob|startStalledCheckTimer|moveStalledJobsToWait|extendLocks|updateJobProgress|retry|delay|fail|remove|rateLimit) /;
/** BullMQ's span for moving a finished job to completed: the job's `process` span already covers it. */
const JOB_COMPLETION = /^complete /;

/** `OTEL_TRACES_SAMPLER_ARG` as a ratio between 0 and 1; 1 when unset or not a number. */
function ratioOf(env: NodeJS.ProcessEnv): number {
  const value = Number(env.OTEL_TRACES_SAMPLER_ARG);
  return Number.isFinite(value) && value >= 0 && value <= 1 ? value : 1;
}

/** The sampler `OTEL_TRACES_SAMPLER` names (the SDK's values), parent-based always-on by default. */
function configuredSampler(env: NodeJS.ProcessEnv): Sampler {
  switch (env.OTEL_TRACES_SAMPLER?.trim()) {
    case 'always_on':
      return new AlwaysOnSampler();
    case 'always_off':
      return new AlwaysOffSampler();
    case 'traceidratio':
      return new TraceIdRatioBasedSampler(ratioOf(env));
    case 'parentbased_always_off':
      return new ParentBasedSampler({ root: new AlwaysOffSampler() });
    case 'parentbased_traceidratio':
      return new ParentBasedSampler({ root: new TraceIdRatioBasedSampler(ratioOf(env)) });
    default:
      return new ParentBasedSampler({ root: new AlwaysOnSampler() });
  }
}

/**
 * The configured sampler, except that BullMQ's housekeeping spans (roots) and its completion spans
 * are never recorded: each recorded span costs a transfer some CPU, and these say nothing new.
 */
export function samplerFromEnv(env: NodeJS.ProcessEnv): Sampler {
  const configured = configuredSampler(env);
  return {
    shouldSample(
      context: Context,
      traceId: string,
      spanName: string,
      spanKind: SpanKind,
      attributes: Attributes,
      links: Link[],
    ): SamplingResult {
      const housekeeping = QUEUE_HOUSEKEEPING.test(spanName) && !trace.getSpanContext(context);
      if (housekeeping || JOB_COMPLETION.test(spanName)) return { decision: SamplingDecision.NOT_RECORD };
      return configured.shouldSample(context, traceId, spanName, spanKind, attributes, links);
    },
    toString: () => `SkipQueuePolling{${configured.toString()}}`,
  };
}
