import type { AdminFigures } from './admin-phase';
import type { BareLoopFigures } from './bare-loop';
import type { EndToEndFigures } from './end-to-end-phase';
import type { FloodFigures } from './flood-phase';
import type { NominalFigures } from './nominal-phase';
import type { PreviewFigures } from './preview-phase';
import { adminTargets, floodTarget, pacedTarget, receiverCpuTarget, workerCpuTarget } from './peak-targets';
import { round, type CpuReading } from './process-stats';
import type { ReceiverFigures } from './receiver-phase';
import type { TracingFigures } from './tracing-phase';

export interface BenchResults {
  receiver?: ReceiverFigures;
  /** The receiver under a flood of bad-signature posts (`--phases flood`). */
  badSignatureFlood?: FloodFigures;
  bareLoop?: BareLoopFigures;
  endToEnd?: EndToEndFigures;
  nominal?: NominalFigures;
  /** End to end with tracing off and on, side by side (`--phases tracing`). */
  tracing?: TracingFigures;
  /** A match preview at the default ESR rate limit (`--phases preview`). */
  preview?: PreviewFigures;
  /** The HR pages and a bulk re-queue with many finished transfers, while webhooks arrive. */
  admin?: AdminFigures;
}

export interface TargetVerdict {
  target: string;
  value: string;
  /** null: not judged in this run (say why in `note`). */
  met: boolean | null;
  note?: string;
}

const NATIONAL_TRANSFERS = 50_000;
const RSS_WINDOW_TRANSFERS = 20_000;

/** CPU milliseconds per unit of work summed over some processes (those not named are left out). */
function cpuMsOf(cpu: CpuReading, exclude: readonly string[]): number {
  return Object.entries(cpu.msPerUnit)
    .filter(([name]) => !exclude.includes(name))
    .reduce((sum, [, ms]) => sum + ms, 0);
}

/**
 * Throughput ratios swing with whatever else the machine runs during each phase; the ratio of CPU
 * per unit of work does not, and is the throughput ratio of a machine they had to themselves.
 */
function cpuNormalised(target: string, threshold: number, baseline: number, measured: number): TargetVerdict {
  const ratio = baseline / measured;
  return {
    target: `${target}, CPU-normalised`,
    value: `${round(ratio * 100)} %`,
    met: ratio >= threshold,
    note: `${round(baseline, 2)} vs ${round(measured, 2)} CPU ms per unit`,
  };
}

function receiverTargets(receiver: ReceiverFigures): TargetVerdict[] {
  const load = ['autocannon'];
  return [
    {
      target: 'receiver ≥ 80 % of the Queue.add baseline',
      value: `${round(receiver.ratio * 100)} %`,
      met: receiver.ratio >= 0.8,
    },
    cpuNormalised(
      'receiver ≥ 80 % of the Queue.add baseline',
      0.8,
      cpuMsOf(receiver.baseline.saturated.cpu, load),
      cpuMsOf(receiver.receiver.saturated.cpu, load),
    ),
    receiverCpuTarget(receiver),
    {
      target: 'receiver p99 ≤ 25 ms at 50 connections',
      value: `${receiver.receiver.saturated.latencyP99Ms} ms`,
      met: receiver.receiver.saturated.latencyP99Ms <= 25,
      note: `saturated (closed loop); baseline p99 ${receiver.baseline.saturated.latencyP99Ms} ms`,
    },
    pacedTarget(receiver),
  ];
}

function nationalTarget(e2e: EndToEndFigures): TargetVerdict {
  const measured = e2e.transfers >= NATIONAL_TRANSFERS;
  const seconds = measured ? e2e.elapsedSeconds : NATIONAL_TRANSFERS / e2e.transfersPerSecond;
  return {
    target: '50,000 transfers in ≤ 10 minutes',
    value: `${round(seconds / 60, 1)} min`,
    // issue 22: judged on a measured run only (`--transfers 50000`), never on a projection
    met: measured ? seconds <= 600 : null,
    note: measured
      ? 'measured'
      : `not judged: projected from ${e2e.transfers} transfers at ${e2e.transfersPerSecond}/s`,
  };
}

function rssTarget(e2e: EndToEndFigures): TargetVerdict {
  const rss = e2e.workerRssMiB;
  const judged = e2e.transfers >= RSS_WINDOW_TRANSFERS;
  return {
    target: 'worker RSS flat within ±10 % over 20,000 transfers',
    value: `${rss.middle} → ${rss.end} MiB (${round(rss.middleToEnd * 100)} %)`,
    met: judged ? Math.abs(rss.middleToEnd) <= 0.1 : null,
    note: judged ? 'half done → all done' : `not judged: ${e2e.transfers} transfers (needs ≥ 20,000)`,
  };
}

/** Issue 10's: Redis commands and memory per transfer, measured from outside. */
function redisTargets(e2e: EndToEndFigures): TargetVerdict[] {
  const { commandsPerTransfer, bytesPerRetainedTransfer, bytesPerArchivedTransfer } = e2e.redis;
  return [
    {
      target: 'Redis commands per transfer ≤ 64',
      value: `${commandsPerTransfer}`,
      met: commandsPerTransfer <= 64,
    },
    {
      target: 'Redis bytes per retained transfer ≤ 3 KB',
      value: `${bytesPerRetainedTransfer} B`,
      met: bytesPerRetainedTransfer <= 3072,
    },
    {
      target: 'Redis bytes per archived transfer ≤ 512 B',
      value: `${bytesPerArchivedTransfer} B`,
      met: bytesPerArchivedTransfer <= 512,
    },
  ];
}

/** Issue 21's: tracing on costs at most 10 % of end-to-end throughput, measured side by side. */
function tracingTargets(tracing: TracingFigures): TargetVerdict[] {
  const target = 'end to end with tracing on ≥ 90 % of tracing off';
  const runs = tracing.pairs
    .map((pair) => `off ${pair.off.transfersPerSecond}/s, on ${pair.on.transfersPerSecond}/s`)
    .join('; ');
  return [
    { target, value: `${round(tracing.ratio * 100)} %`, met: tracing.ratio >= 0.9, note: runs },
    {
      target: `${target}, CPU-normalised`,
      value: `${round(tracing.cpuNormalisedRatio * 100)} %`,
      met: tracing.cpuNormalisedRatio >= 0.9,
      note: `CPU ms per transfer off ÷ on, Redis and sandboxes included; receiver and worker alone: ${round(tracing.connectorCpuRatio * 100)} %`,
    },
  ];
}

/** Issues 6, 10, 21 and 22's targets, each met, missed, or not judged in this run. */
export function evaluateTargets(results: BenchResults): TargetVerdict[] {
  const verdicts: TargetVerdict[] = [];
  if (results.receiver) verdicts.push(...receiverTargets(results.receiver));
  if (results.badSignatureFlood) verdicts.push(floodTarget(results.badSignatureFlood));
  const { endToEnd: e2e, bareLoop, nominal } = results;
  if (e2e && bareLoop) {
    const ratio = e2e.transfersPerSecond / bareLoop.transfersPerSecond;
    verdicts.push(
      { target: 'end to end ≥ 90 % of the bare loop', value: `${round(ratio * 100)} %`, met: ratio >= 0.9 },
      // the benchmark's own firing stands in for Trac on both sides: left out
      cpuNormalised(
        'end to end ≥ 90 % of the bare loop',
        0.9,
        cpuMsOf(bareLoop.cpu, []),
        cpuMsOf(e2e.cpu, ['bench']),
      ),
      workerCpuTarget(e2e, bareLoop),
    );
  }
  if (e2e) verdicts.push(nationalTarget(e2e), rssTarget(e2e), ...redisTargets(e2e));
  if (nominal) {
    verdicts.push({
      target: 'p99 webhook-to-complete ≤ 2 s at nominal load',
      value: `${nominal.webhookToCompleteMs.p99} ms`,
      met: nominal.webhookToCompleteMs.p99 <= 2000,
      note: `${nominal.perMinute}/min for ${nominal.seconds} s`,
    });
  }
  if (results.admin) verdicts.push(...adminTargets(results.admin));
  if (results.tracing) verdicts.push(...tracingTargets(results.tracing));
  if (results.preview) {
    const p = results.preview;
    verdicts.push({
      target: 'match preview within the rate limit’s time + 10 %',
      value: `${p.elapsedSeconds} s (${p.applicantsPerSecond} applicants/s)`,
      met: p.withinTarget,
      note: `${p.applicants} applicants, ${p.requests.total} requests at ${p.esrRateLimitPerSecond}/s take ${p.rateLimitSeconds} s`,
    });
  }
  return verdicts;
}
