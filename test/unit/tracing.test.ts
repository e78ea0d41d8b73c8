import { ROOT_CONTEXT, SpanKind, trace, TraceFlags } from '@opentelemetry/api';
import { SamplingDecision } from '@opentelemetry/sdk-trace-base';
import { samplerFromEnv } from '../../src/platform/tracing/sampler';
import { linkTo, traceparentOfMetadata } from '../../src/platform/tracing/spans';
import { isTracingOn, startTracing } from '../../src/platform/tracing/start-tracing';

const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';
const SPAN_ID = '00f067aa0ba902b7';
const decide = (sampler: ReturnType<typeof samplerFromEnv>, name: string, context = ROOT_CONTEXT) =>
  sampler.shouldSample(context, TRACE_ID, name, SpanKind.INTERNAL, {}, []).decision;

describe('tracing switch and vocabulary (src/platform/tracing)', () => {
  it('when OTEL_EXPORTER_OTLP_ENDPOINT is unset or the SDK disabled, then nothing starts and spans are not recorded', () => {
    expect(startTracing('test', undefined)).toBeUndefined();
    expect(startTracing('test', 'http://127.0.0.1:9', { OTEL_SDK_DISABLED: 'true' })).toBeUndefined();

    expect(isTracingOn()).toBe(false);
    expect(trace.getTracer('test').startSpan('anything').isRecording()).toBe(false);
  });

  it('when BullMQ polls, checks for stalled jobs or completes a job, then its span is not recorded, whatever the sampler', () => {
    const sampler = samplerFromEnv({ OTEL_TRACES_SAMPLER: 'always_on' });
    const inAJob = trace.setSpanContext(ROOT_CONTEXT, {
      traceId: TRACE_ID,
      spanId: SPAN_ID,
      traceFlags: TraceFlags.SAMPLED,
    });
    expect(decide(sampler, 'complete transfers', inAJob)).toBe(SamplingDecision.NOT_RECORD);
    expect(decide(sampler, 'GET /dit/v1/applicants', inAJob)).toBe(SamplingDecision.RECORD_AND_SAMPLED);

    expect(decide(sampler, 'getNextJob transfers')).toBe(SamplingDecision.NOT_RECORD);
    expect(decide(sampler, 'moveStalledJobsToWait transfers')).toBe(SamplingDecision.NOT_RECORD);
    expect(decide(sampler, 'process transfers')).toBe(SamplingDecision.RECORD_AND_SAMPLED);
    expect(decide(sampler, 'POST /webhooks/trac')).toBe(SamplingDecision.RECORD_AND_SAMPLED);
  });

  it('when OTEL_TRACES_SAMPLER names a sampler, then it decides the other spans', () => {
    expect(decide(samplerFromEnv({ OTEL_TRACES_SAMPLER: 'always_off' }), 'run transfer')).toBe(
      SamplingDecision.NOT_RECORD,
    );
    const sampledParent = trace.setSpanContext(ROOT_CONTEXT, {
      traceId: TRACE_ID,
      spanId: SPAN_ID,
      traceFlags: TraceFlags.SAMPLED,
    });
    const ratioZero = samplerFromEnv({
      OTEL_TRACES_SAMPLER: 'parentbased_traceidratio',
      OTEL_TRACES_SAMPLER_ARG: '0',
    });
    expect(decide(ratioZero, 'run transfer')).toBe(SamplingDecision.NOT_RECORD);
    expect(decide(ratioZero, 'run transfer', sampledParent)).toBe(SamplingDecision.RECORD_AND_SAMPLED);
  });

  it("when a job's telemetry metadata holds a traceparent, then a link to that span is made of it, and of nothing else", () => {
    const traceparent = `00-${TRACE_ID}-${SPAN_ID}-01`;

    expect(traceparentOfMetadata(JSON.stringify({ traceparent, tracestate: '' }))).toBe(traceparent);
    expect(linkTo(traceparent)).toEqual({
      context: { traceId: TRACE_ID, spanId: SPAN_ID, traceFlags: TraceFlags.SAMPLED, isRemote: true },
    });
    for (const metadata of [undefined, '', 'not json', '{"traceparent":"Aoife O\'Brien 1994-03-17"}']) {
      expect(traceparentOfMetadata(metadata)).toBeUndefined();
    }
    expect(linkTo(`00-${'0'.repeat(32)}-${SPAN_ID}-01`)).toBeUndefined();
    expect(linkTo(undefined)).toBeUndefined();
  });
});
