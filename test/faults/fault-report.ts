import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import type { FaultSettingsInput } from '../../sandbox';
import type { CapturedProcess } from './connector-processes';
import type { EsrSection, PersonalDataSection, QueueSection, TransfersSection } from './fault-checks';
import type { DeliveryKind, TransferPlan } from './fault-plan';
import type { StrayJobsSection } from './stray-jobs';
import type { FireResult } from './webhook-firer';

export interface FaultSuiteOptions {
  /** Transfers to run: the demo cases (every outcome of the contract) plus generated happy applicants. */
  transfers: number;
  /** Extra deliveries as a share of `transfers` (0.2: 20 %), half redeliveries, half new messages. */
  duplicateShare: number;
  /** A worker process is SIGKILLed and replaced this often, milliseconds (each serves at least this long). */
  killEveryMs: number;
  /** Share of ESR API requests that fail: 5xx, 429 with Retry-After, timeouts, lost responses. */
  esrFailureShare: number;
  /** Restart Redis once (SIGTERM, 1 s down, same port and AOF directory) mid-run. */
  restartRedis: boolean;
  /** Bound on the run after start-up, milliseconds; the chaos stops at 60 % of it at the latest. */
  timeoutMs: number;
  log?: (line: string) => void;
  /** Seed of the delivery plan; default random (the report gives it). */
  seed?: number;
  /**
   * Diagnosis only: run the workers with this BullMQ `maxStalledCount` instead of the connector's
   * (test/faults/worker-with-stall-limit.ts), to tell the stall limit's failures from others.
   */
  maxStalledCount?: number;
  /** Where to write each process's output (`receiver.log`, `worker-1.log`, …) for a post-mortem. */
  outputDir?: string;
  /** Share of `transfers` that also get a webhook naming the wrong organisation (default 0). */
  wrongOrganisationShare?: number;
  /** Jobs added straight through BullMQ mid-run, which the workers must refuse unrun (default 0). */
  strayJobs?: number;
}

export interface FaultSuiteReport {
  passed: boolean;
  /** Every broken assertion, one sentence each. */
  failures: string[];
  options: Omit<FaultSuiteOptions, 'log' | 'outputDir'> & { seed: number };
  machine: { cpus: number; memoryGiB: number; node: string; redis: string; platform: string };
  durationsMs: {
    total: number;
    startUp: number;
    /** Kills and ESR faults, from the first webhook until everything settled (or the chaos budget ran out). */
    chaos: number;
    firing: number;
    settling: number;
    checks: number;
  };
  deliveries: FireResult & { planned: Record<DeliveryKind, number> };
  chaos: {
    workerKills: number;
    workerProcesses: number;
    redisRestarts: number;
    esrFaults: FaultSettingsInput;
    /** ESR API answers by `METHOD status` (`no answer`: held timeouts and lost responses). */
    esrAnswers: Record<string, number>;
    /**
     * Share of ESR API requests answered 5xx or 429, or not at all, while the faults were on (the
     * rates are drawn one after another, and lost responses only hit record POSTs).
     */
    esrFailedShare: number;
    errors: string[];
  };
  transfers: TransfersSection;
  esr: EsrSection;
  queue: QueueSection;
  personalData: PersonalDataSection;
  strayJobs: StrayJobsSection;
}

export function reportedOptions(options: FaultSuiteOptions, seed: number): FaultSuiteReport['options'] {
  return {
    transfers: options.transfers,
    duplicateShare: options.duplicateShare,
    killEveryMs: options.killEveryMs,
    esrFailureShare: options.esrFailureShare,
    restartRedis: options.restartRedis,
    timeoutMs: options.timeoutMs,
    wrongOrganisationShare: options.wrongOrganisationShare ?? 0,
    strayJobs: options.strayJobs ?? 0,
    ...(options.maxStalledCount === undefined ? {} : { maxStalledCount: options.maxStalledCount }),
    seed,
  };
}

export function machineOf(redisInfo: string): FaultSuiteReport['machine'] {
  return {
    cpus: cpus().length,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    redis: /redis_version:(\S+)/.exec(redisInfo)?.[1] ?? 'unknown',
    platform: `${process.platform} ${process.arch}`,
  };
}

/** Milliseconds as seconds with one decimal, for the tables. */
export const seconds = (ms: number): string => (ms / 1000).toFixed(1);

/** `key: n, …` sorted by key, for the tables. */
export const countsText = (of: Record<string, number>): string =>
  Object.entries(of)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, n]) => `${k}: ${n}`)
    .join(', ');

type TableRow = [label: string, value: string];

/**
 * A round's table: its result, machine and seed, then `rows`, aligned, then every failure.
 */
export function roundTable(
  report: Pick<FaultSuiteReport, 'passed' | 'failures' | 'machine'> & { options: { seed: number } },
  rows: readonly TableRow[],
): string {
  const { cpus: n, memoryGiB, node, redis } = report.machine;
  const all: TableRow[] = [
    ['result', report.passed ? 'PASSED' : `FAILED (${report.failures.length} assertions)`],
    ['machine', `${n} CPUs, ${memoryGiB} GiB, Node ${node}, redis ${redis}`],
    ['seed', String(report.options.seed)],
    ...rows,
  ];
  const width = Math.max(...all.map(([label]) => label.length));
  const lines = all.map(([label, value]) => `${label.padEnd(width)}  ${value}`);
  return [...lines, ...report.failures.map((failure) => `  ✗ ${failure}`)].join('\n');
}

export function failedShareOf(answers: Record<string, number>): number {
  const all = Object.values(answers).reduce((sum, n) => sum + n, 0);
  const failed = Object.entries(answers)
    .filter(([answer]) => / (5\d\d|429|no answer)$/.test(answer))
    .reduce((sum, [, n]) => sum + n, 0);
  return all === 0 ? 0 : Math.round((failed / all) * 1000) / 1000;
}

export function plannedByKind(plan: TransferPlan): Record<DeliveryKind, number> {
  const planned: Record<DeliveryKind, number> = { first: 0, redelivery: 0, retrigger: 0, ignored: 0 };
  for (const delivery of plan.deliveries) planned[delivery.kind] += 1;
  return planned;
}

export function writeOutputs(dir: string, processes: Iterable<CapturedProcess>): void {
  mkdirSync(dir, { recursive: true });
  for (const captured of new Set(processes))
    writeFileSync(join(dir, `${captured.name}.log`), Buffer.concat(captured.chunks));
}
