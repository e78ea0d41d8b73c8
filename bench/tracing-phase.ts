import type { BenchEnvironment } from './bench-environment';
import { startPipeline, timingsOf, type Pipeline } from './end-to-end-phase';
import { fireWebhooks } from './fire-webhooks';
import { startOtlpSink, type OtlpSink } from './otlp-sink';
import { round, startCpuMeter } from './process-stats';
import { sleep, type RunScope } from './run-scope';
import { createDeliverySigner } from './signed-delivery';
import type { Distribution } from './stats';
import { waitForFinished } from './transfer-progress';

/** One end-to-end run of the tracing phase, with tracing on or off. */
export interface TracingRun {
  tracing: 'on' | 'off';
  transfers: number;
  completed: number;
  transfersPerSecond: number;
  webhookToCompleteMs: Distribution;
  /** CPU ms per transfer of the receiver, the workers, Redis and the sandboxes (the firing left out). */
  connectorCpuMsPerTransfer: number;
  /** What the connector exported to the local OTLP receiver (0 with tracing off). */
  exported: { requests: number; bytes: number };
}

export interface TracingFigures {
  runs: TracingRun[];
  /** Transfers per second with tracing on ÷ off, the runs of each averaged. */
  ratio: number;
  /** CPU per transfer off ÷ on: the throughput ratio of a machine the runs had to themselves. */
  cpuNormalisedRatio: number;
}

export interface TracingPhaseOptions {
  /** Applicant ids for every run, `transfers` each, in run order. */
  applicantIds: readonly string[];
  transfers: number;
  /** Runs of each kind, in the order off, on, on, off, …: a drift of the machine hits both alike. */
  rounds: number;
  workers: number;
  concurrency: number;
  log: (line: string) => void;
}

/** The SDK's variables of a run with tracing on: the local receiver, the SDK's default protocol. */
const tracingOn = (sink: OtlpSink): NodeJS.ProcessEnv => ({ OTEL_EXPORTER_OTLP_ENDPOINT: sink.url });

async function stopPipeline(pipeline: Pipeline): Promise<void> {
  for (const worker of pipeline.workers) await worker.stop();
  await pipeline.receiver.child.stop();
}

async function runOnce(
  env: BenchEnvironment,
  phase: string,
  tracing: 'on' | 'off',
  applicantIds: readonly string[],
  options: TracingPhaseOptions,
  sink: OtlpSink,
  scope: RunScope,
): Promise<TracingRun> {
  const extraEnv = tracing === 'on' ? tracingOn(sink) : {};
  const pipeline = await startPipeline(env, options.workers, options.concurrency, phase, extraEnv);
  let measured: Omit<TracingRun, 'exported'>;
  try {
    await sleep(1000, scope.signal); // workers connected and idle
    sink.reset();
    const meter = startCpuMeter({
      receiver: pipeline.receiver.child.pid,
      ...Object.fromEntries(pipeline.workers.map((w, i) => [`worker${i}`, w.pid])),
      redis: env.redisPid,
      sandboxes: env.sandboxPid,
    });
    let expected = applicantIds.length;
    const waiting = waitForFinished(env.redis, pipeline.prefix, () => expected, scope.signal);
    waiting.catch(() => undefined); // an aborted run rejects both; the firing's error is reported
    const fired = await fireWebhooks({
      receiverUrl: pipeline.receiver.url,
      applicantIds,
      sign: createDeliverySigner(env.webhookSecret, pipeline.prefix),
      inFlight: options.concurrency,
      signal: scope.signal,
    });
    expected = fired.sentAt.size;
    await waiting;
    const cpu = meter.read(fired.sentAt.size);
    const timings = await timingsOf(env, pipeline.prefix, fired);
    measured = {
      tracing,
      transfers: applicantIds.length,
      completed: timings.completed,
      transfersPerSecond: timings.transfersPerSecond,
      webhookToCompleteMs: timings.webhookToCompleteMs,
      connectorCpuMsPerTransfer: round(
        Object.values(cpu.msPerUnit).reduce((sum, ms) => sum + ms, 0),
        2,
      ),
    };
  } finally {
    await stopPipeline(pipeline);
  }
  // read once the processes have stopped: they send the spans still buffered as they do
  return { ...measured, exported: sink.counts() };
}

const mean = (values: number[]) => values.reduce((sum, v) => sum + v, 0) / Math.max(1, values.length);

/**
 * Issue 21's overhead: the end-to-end phase side by side with tracing off and on (exporting over
 * OTLP to a local receiver), alternating off, on, on, off… on fresh processes and applicants, so
 * that the machine's drift falls on both. Reports throughput and CPU per transfer, and their ratios.
 */
export async function runTracingPhase(
  env: BenchEnvironment,
  options: TracingPhaseOptions,
  scope: RunScope,
): Promise<TracingFigures> {
  const sink = await startOtlpSink();
  scope.defer('OTLP receiver', () => sink.close());
  const order = Array.from({ length: options.rounds * 2 }, (_, i): 'on' | 'off' =>
    i % 4 === 0 || i % 4 === 3 ? 'off' : 'on',
  );
  const runs: TracingRun[] = [];
  for (const [index, tracing] of order.entries()) {
    const ids = options.applicantIds.slice(index * options.transfers, (index + 1) * options.transfers);
    options.log(`tracing ${tracing}: ${ids.length} transfers (run ${index + 1} of ${order.length})`);
    runs.push(await runOnce(env, `tracing${index}${tracing}`, tracing, ids, options, sink, scope));
  }
  const of = (tracing: 'on' | 'off') => runs.filter((run) => run.tracing === tracing);
  const rate = (tracing: 'on' | 'off') => mean(of(tracing).map((run) => run.transfersPerSecond));
  const cpu = (tracing: 'on' | 'off') => mean(of(tracing).map((run) => run.connectorCpuMsPerTransfer));
  return {
    runs,
    ratio: round(rate('on') / rate('off'), 3),
    cpuNormalisedRatio: round(cpu('off') / cpu('on'), 3),
  };
}
