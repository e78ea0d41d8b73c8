import { transferIdOf } from '../src/transfer/transfer-ids';
import type { BenchEnvironment, StartedReceiver } from './bench-environment';
import type { BenchChild } from './child-process';
import { fireWebhooks, type FiredWebhooks } from './fire-webhooks';
import { round, rssMiB, startCpuMeter, type CpuReading } from './process-stats';
import { commandCalls, commandsBetween, keyMemoryOf, usedMemoryBytes } from './redis-tools';
import { sleep, type RunScope } from './run-scope';
import { createDeliverySigner } from './signed-delivery';
import { distributionOf, type Distribution } from './stats';
import { readTransfers, waitForFinished } from './transfer-progress';
import { bytesPerArchivedTransfer } from './archived-transfers';
import { WorkerMemory, type RssFigures } from './worker-memory';

/** The receiver and workers of the end-to-end phase, kept for the nominal-load run after it. */
export interface Pipeline {
  prefix: string;
  receiver: StartedReceiver;
  workers: BenchChild[];
}

export interface TransferTimings {
  accepted: number;
  completed: number;
  failed: number;
  answers: Record<string, number>;
  /** From the first delivery sent to the last transfer finished. */
  elapsedSeconds: number;
  transfersPerSecond: number;
  /** Delivery sent (benchmark's clock) → transfer `finishedAt` (worker's clock, same machine). */
  webhookToCompleteMs: Distribution;
}

export interface EndToEndFigures extends TransferTimings {
  transfers: number;
  concurrency: number;
  workers: number;
  /** How long the receiver took to accept every delivery. */
  firingSeconds: number;
  workerRssMiB: RssFigures;
  /** RSS of the other processes when every transfer has finished, MiB. */
  otherRssMiB: Record<string, number>;
  redis: {
    usedBytesBefore: number;
    usedBytesAfter: number;
    /** used_memory after the run minus before, ÷ transfers: everything a transfer keeps while retained. */
    bytesPerRetainedTransfer: number;
    /** The same once the retention is over and the transfers are compacted (archived-transfers.ts). */
    bytesPerArchivedTransfer: number;
    /**
     * Redis commands over the run (`INFO commandstats`, every client, commands inside scripts
     * included) ÷ transfers, and the commands that made them (per transfer).
     */
    commandsPerTransfer: number;
    commandsPerTransferByCommand: Record<string, number>;
    /** One transfer's keys and their size (`MEMORY USAGE`), the id shown as `{id}`. */
    keysOfOneTransfer: Record<string, number>;
  };
  /** CPU per process; per unit = per transfer. */
  cpu: CpuReading;
}

/** A receiver and `workers` worker processes on a prefix of their own; `extraEnv` goes to all of them. */
export async function startPipeline(
  env: BenchEnvironment,
  workers: number,
  concurrency: number,
  phase = 'e2e',
  extraEnv: NodeJS.ProcessEnv = {},
): Promise<Pipeline> {
  const prefix = env.prefixFor(phase);
  const receiver = await env.startReceiver(prefix, extraEnv);
  const started: BenchChild[] = [];
  for (let index = 0; index < workers; index += 1)
    started.push(await env.startWorker(prefix, concurrency, index, extraEnv));
  return { prefix, receiver, workers: started };
}

/** Timings of the accepted transfers, from the transfer store. */
export async function timingsOf(
  env: BenchEnvironment,
  prefix: string,
  fired: FiredWebhooks,
): Promise<TransferTimings> {
  const transfers = await readTransfers(env.redis, prefix, [...fired.sentAt.keys()]);
  const latencies: number[] = [];
  let firstSent = Number.POSITIVE_INFINITY;
  let lastFinished = 0;
  for (const transfer of transfers) {
    const sentAt = fired.sentAt.get(transfer.applicantId);
    if (sentAt === undefined || !transfer.finishedAt) continue;
    const finishedAt = Date.parse(transfer.finishedAt);
    latencies.push(finishedAt - sentAt);
    firstSent = Math.min(firstSent, sentAt);
    lastFinished = Math.max(lastFinished, finishedAt);
  }
  const elapsedSeconds = (lastFinished - firstSent) / 1000;
  return {
    accepted: fired.sentAt.size,
    completed: transfers.filter((t) => t.state === 'completed' && t.reason === null).length,
    failed: transfers.filter((t) => t.state === 'failed').length,
    answers: fired.answers,
    elapsedSeconds: round(elapsedSeconds),
    transfersPerSecond: round(latencies.length / elapsedSeconds),
    webhookToCompleteMs: distributionOf(latencies),
  };
}

interface PhaseOptions {
  applicantIds: readonly string[];
  concurrency: number;
  log: (line: string) => void;
}

/** Fires every delivery and waits until every accepted transfer has finished. */
async function fireAndWait(
  env: BenchEnvironment,
  pipeline: Pipeline,
  options: PhaseOptions,
  memory: WorkerMemory,
  signal: AbortSignal,
): Promise<FiredWebhooks> {
  let expected = options.applicantIds.length;
  let lastLogged = 0;
  const waiting = waitForFinished(
    env.redis,
    pipeline.prefix,
    () => expected,
    signal,
    (finished) => {
      memory.progress(finished, expected);
      if (Date.now() - lastLogged > 10_000) {
        lastLogged = Date.now();
        options.log(`end to end: ${finished} of ${expected} transfers finished`);
      }
    },
  );
  waiting.catch(() => undefined); // an aborted run rejects both; the firing's error is the one reported
  const fired = await fireWebhooks({
    receiverUrl: pipeline.receiver.url,
    applicantIds: options.applicantIds,
    sign: createDeliverySigner(env.webhookSecret, pipeline.prefix),
    inFlight: options.concurrency,
    signal,
  });
  expected = fired.sentAt.size;
  await waiting;
  return fired;
}

async function redisFigures(
  env: BenchEnvironment,
  prefix: string,
  usedBytesBefore: number,
  commands: { total: number; byCommand: Record<string, number> },
  retained: number,
  sampleTransferId: string,
): Promise<EndToEndFigures['redis']> {
  const usedBytesAfter = await usedMemoryBytes(env.redis);
  const perTransfer = (calls: number) => round(calls / Math.max(1, retained));
  return {
    usedBytesBefore,
    usedBytesAfter,
    bytesPerRetainedTransfer: Math.round((usedBytesAfter - usedBytesBefore) / Math.max(1, retained)),
    commandsPerTransfer: perTransfer(commands.total),
    commandsPerTransferByCommand: Object.fromEntries(
      Object.entries(commands.byCommand).map(([command, calls]) => [command, perTransfer(calls)]),
    ),
    keysOfOneTransfer: await keyMemoryOf(env.redis, prefix, sampleTransferId),
    // last: it plays the retention forward on this run's keys
    bytesPerArchivedTransfer: await bytesPerArchivedTransfer(env.redis, prefix, usedBytesBefore, retained),
  };
}

/**
 * Throughput: every applicant's webhook fired at the receiver as fast as it accepts them
 * (`concurrency` in flight), the real worker processes draining the queue; then timings from the
 * transfer store, worker RSS, Redis memory per retained transfer and CPU per process.
 */
export async function runEndToEndPhase(
  env: BenchEnvironment,
  pipeline: Pipeline,
  options: PhaseOptions,
  scope: RunScope,
): Promise<EndToEndFigures> {
  const { prefix, receiver, workers } = pipeline;
  await sleep(1000, scope.signal); // workers connected and idle
  const memory = new WorkerMemory(workers.map((w) => w.pid));
  memory.start();
  try {
    const usedBytesBefore = await usedMemoryBytes(env.redis);
    const commandsBefore = await commandCalls(env.redis);
    const meter = startCpuMeter({
      receiver: receiver.child.pid,
      ...Object.fromEntries(workers.map((w, i) => [`worker${i}`, w.pid])),
      redis: env.redisPid,
      sandboxes: env.sandboxPid,
      bench: process.pid,
    });
    const fired = await fireAndWait(env, pipeline, options, memory, scope.signal);
    // before the bench reads every transfer back: the count is the connector's commands
    const commandsAfter = await commandCalls(env.redis);
    const cpu = meter.read(fired.sentAt.size);
    const workerRssMiB = memory.end();
    const otherRssMiB = {
      receiver: round(rssMiB(receiver.child.pid)),
      redis: round(rssMiB(env.redisPid)),
      sandboxes: round(rssMiB(env.sandboxPid)),
    };
    const sample = transferIdOf('R0A', options.applicantIds[0] ?? '');
    return {
      transfers: options.applicantIds.length,
      concurrency: options.concurrency,
      workers: workers.length,
      firingSeconds: round(fired.elapsedMs / 1000),
      ...(await timingsOf(env, prefix, fired)),
      workerRssMiB,
      otherRssMiB,
      redis: await redisFigures(
        env,
        prefix,
        usedBytesBefore,
        commandsBetween(commandsBefore, commandsAfter),
        fired.sentAt.size,
        sample,
      ),
      cpu,
    };
  } finally {
    memory.stop();
  }
}
