import type { BenchEnvironment } from './bench-environment';
import { startPipeline, type Pipeline } from './end-to-end-phase';
import { fireWebhooks } from './fire-webhooks';
import { startOtlpSink, type OtlpSink } from './otlp-sink';
import { round, startCpuMeter, type CpuMeter } from './process-stats';
import { sleep, type RunScope } from './run-scope';
import { createDeliverySigner } from './signed-delivery';
import { percentile } from './stats';
import { readTransfers, waitForFinished } from './transfer-progress';

/** One pipeline of a pair: its throughput while both ran, its CPU, what it exported. */
export interface TracingSide {
  tracing: 'on' | 'off';
  transfers: number;
  completed: number;
  /** Transfers finished per second within the window in which both pipelines were busy. */
  transfersPerSecond: number;
  /** CPU ms per transfer of its receiver and worker processes. */
  cpuMsPerTransfer: number;
  /** The same plus its share of Redis's and the sandboxes' (the same per transfer for both sides). */
  endToEndCpuMsPerTransfer: number;
  /** What it sent to the local OTLP receiver (nothing with tracing off). */
  exported: { requests: number; bytes: number };
}

/** Two pipelines, tracing off and on, run at the same time on the same machine. */
export interface TracingPair {
  off: TracingSide;
  on: TracingSide;
  /** The common window, seconds: from both at 10 % finished to the first at 90 %. */
  windowSeconds: number;
  /** on ÷ off transfers per second in that window. */
  ratio: number;
  /** off ÷ on CPU ms per transfer, end to end (receiver, worker, Redis, sandboxes). */
  cpuRatio: number;
  /** off ÷ on CPU ms per transfer of the receiver and worker alone. */
  connectorCpuRatio: number;
}

export interface TracingFigures {
  pairs: TracingPair[];
  /** The pairs' throughput ratios (tracing on ÷ off), averaged. */
  ratio: number;
  /** The pairs' end-to-end CPU ratios (off ÷ on per transfer), averaged. */
  cpuNormalisedRatio: number;
  /** The pairs' receiver-and-worker CPU ratios, averaged. */
  connectorCpuRatio: number;
}

export interface TracingPhaseOptions {
  /** Applicant ids of every pipeline, `transfers` each: off then on, pair after pair. */
  applicantIds: readonly string[];
  transfers: number;
  pairs: number;
  workers: number;
  concurrency: number;
  log: (line: string) => void;
}

interface Side {
  tracing: 'on' | 'off';
  ids: readonly string[];
  pipeline: Pipeline;
  cpu: CpuMeter;
}

async function stopPipeline(pipeline: Pipeline): Promise<void> {
  for (const worker of pipeline.workers) await worker.stop();
  await pipeline.receiver.child.stop();
}

/** Fires every delivery of one side (`concurrency` in flight) and waits for its transfers. */
async function drive(env: BenchEnvironment, side: Side, concurrency: number, signal: AbortSignal) {
  let expected = side.ids.length;
  const waiting = waitForFinished(env.redis, side.pipeline.prefix, () => expected, signal);
  waiting.catch(() => undefined); // an aborted run rejects both; the firing's error is reported
  const fired = await fireWebhooks({
    receiverUrl: side.pipeline.receiver.url,
    applicantIds: side.ids,
    sign: createDeliverySigner(env.webhookSecret, side.pipeline.prefix),
    inFlight: concurrency,
    signal,
  });
  expected = fired.sentAt.size;
  await waiting;
  const cpu = side.cpu.read(fired.sentAt.size);
  const transfers = await readTransfers(env.redis, side.pipeline.prefix, side.ids);
  const finishedAt = transfers
    .flatMap((t) => (t.finishedAt ? [Date.parse(t.finishedAt)] : []))
    .sort((a, b) => a - b);
  return {
    finishedAt,
    completed: transfers.filter((t) => t.state === 'completed' && t.reason === null).length,
    cpuMsPerTransfer: round(
      Object.values(cpu.msPerUnit).reduce((sum, ms) => sum + ms, 0),
      2,
    ),
  };
}

const within = (times: number[], from: number, to: number) =>
  times.filter((t) => t >= from && t <= to).length;

async function runPair(
  env: BenchEnvironment,
  index: number,
  options: TracingPhaseOptions,
  sink: OtlpSink,
  scope: RunScope,
): Promise<TracingPair> {
  const idsOf = (offset: number) =>
    options.applicantIds.slice(
      (index * 2 + offset) * options.transfers,
      (index * 2 + offset + 1) * options.transfers,
    );
  const start = (tracing: 'on' | 'off', extraEnv: NodeJS.ProcessEnv) =>
    startPipeline(env, options.workers, options.concurrency, `tracing${index}${tracing}`, extraEnv);
  const pipelines = [await start('off', {}), await start('on', { OTEL_EXPORTER_OTLP_ENDPOINT: sink.url })];
  try {
    await sleep(1000, scope.signal); // workers connected and idle
    sink.reset();
    const sides: Side[] = pipelines.map((pipeline, i) => ({
      tracing: i === 0 ? 'off' : 'on',
      ids: idsOf(i),
      pipeline,
      cpu: startCpuMeter({
        receiver: pipeline.receiver.child.pid,
        ...Object.fromEntries(pipeline.workers.map((w, n) => [`worker${n}`, w.pid])),
      }),
    }));
    const shared = startCpuMeter({ redis: env.redisPid, sandboxes: env.sandboxPid });
    const [off, on] = await Promise.all(
      sides.map((side) => drive(env, side, options.concurrency, scope.signal)),
    );
    if (!off || !on) throw new Error('tracing phase: a pipeline did not report');
    // Redis and the sandboxes serve both sides: each transfer gets the same share of their CPU
    const sharedMs = Object.values(shared.read(off.finishedAt.length + on.finishedAt.length).msPerUnit);
    const sharedMsPerTransfer = sharedMs.reduce((sum, ms) => sum + ms, 0);
    for (const pipeline of pipelines) await stopPipeline(pipeline); // spans still buffered are sent
    const from = Math.max(percentile(off.finishedAt, 10), percentile(on.finishedAt, 10));
    const to = Math.min(percentile(off.finishedAt, 90), percentile(on.finishedAt, 90));
    const seconds = Math.max(0.001, (to - from) / 1000);
    const side = (tracing: 'on' | 'off', run: typeof off): TracingSide => ({
      tracing,
      transfers: options.transfers,
      completed: run.completed,
      transfersPerSecond: round(within(run.finishedAt, from, to) / seconds, 2),
      cpuMsPerTransfer: run.cpuMsPerTransfer,
      endToEndCpuMsPerTransfer: round(run.cpuMsPerTransfer + sharedMsPerTransfer, 2),
      exported: tracing === 'on' ? sink.counts() : { requests: 0, bytes: 0 },
    });
    const pair = { off: side('off', off), on: side('on', on), windowSeconds: round(seconds, 1) };
    return {
      ...pair,
      ratio: round(pair.on.transfersPerSecond / pair.off.transfersPerSecond, 3),
      cpuRatio: round(pair.off.endToEndCpuMsPerTransfer / pair.on.endToEndCpuMsPerTransfer, 3),
      connectorCpuRatio: round(pair.off.cpuMsPerTransfer / pair.on.cpuMsPerTransfer, 3),
    };
  } finally {
    for (const pipeline of pipelines) await stopPipeline(pipeline);
  }
}

const mean = (values: number[]) => values.reduce((sum, v) => sum + v, 0) / Math.max(1, values.length);

/**
 * Issue 21's overhead, measured side by side: two end-to-end pipelines (receiver and workers each)
 * run at the same time on the same Redis and sandboxes, one with tracing off, one exporting over
 * OTLP to a local receiver. Whatever else the machine does falls on both alike, so their
 * throughput in the window where both are busy compares what tracing costs. Repeated `pairs` times
 * on fresh processes and applicants.
 */
export async function runTracingPhase(
  env: BenchEnvironment,
  options: TracingPhaseOptions,
  scope: RunScope,
): Promise<TracingFigures> {
  const sink = await startOtlpSink();
  scope.defer('OTLP receiver', () => sink.close());
  const pairs: TracingPair[] = [];
  for (let index = 0; index < options.pairs; index += 1) {
    options.log(
      `tracing: pair ${index + 1} of ${options.pairs}, ${options.transfers} transfers each, off and on at once`,
    );
    pairs.push(await runPair(env, index, options, sink, scope));
  }
  return {
    pairs,
    ratio: round(mean(pairs.map((pair) => pair.ratio)), 3),
    cpuNormalisedRatio: round(mean(pairs.map((pair) => pair.cpuRatio)), 3),
    connectorCpuRatio: round(mean(pairs.map((pair) => pair.connectorCpuRatio)), 3),
  };
}
