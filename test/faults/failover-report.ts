import type { FaultSettingsInput } from '../../sandbox';
import type { SweepRecord } from '../../src/transfer/sweep';
import { isRunning, type CapturedProcess } from './connector-processes';
import type { EsrSection, PersonalDataSection, QueueSection, TransfersSection } from './fault-checks';
import type { DeliveryKind } from './fault-plan';
import type { BeyondSweep } from './failover-sweep';
import { countsText, roundTable, seconds as s, type FaultSuiteReport } from './fault-report';
import type { FireResult } from './webhook-firer';

export interface FailoverRoundOptions {
  /** Transfers to run: the demo cases plus generated happy applicants. */
  transfers: number;
  /** Extra deliveries as a share of `transfers`, half redeliveries, half new messages. */
  duplicateShare: number;
  /** Share of `transfers` that also get a webhook naming the wrong organisation (default 0). */
  wrongOrganisationShare?: number;
  /** Share of ESR API requests that fail during the flood (as in the chaos round; default 0). */
  esrFailureShare?: number;
  /**
   * 1: the master is SIGKILLed once, mid-flood. 2: then the killed node is restarted, the sentinels
   * make it a replica, and the master is SIGKILLed again mid-flood, so that they fail back to it.
   */
  failovers: 1 | 2;
  /** Receiver processes, the deliveries shared between them in turn (default 2). */
  receivers?: number;
  /**
   * Replication lag at each crash, milliseconds (default 0: loopback's, well under 1 ms): the
   * replicas are cut off this long before the SIGKILL, so what the master acknowledges meanwhile
   * is lost with it, as across hosts. Under the sentinels' 1 s down-after; 300 to 600 is sensible.
   */
  lostWriteWindowMs?: number;
  /** Bound on the round after start-up, milliseconds. */
  timeoutMs: number;
  seed?: number;
  outputDir?: string;
  log?: (line: string) => void;
}

/** One failover: the node killed, the one the sentinels promoted, and how long they took. */
export interface FailoverFigures {
  killedPort: number;
  newMasterPort: number;
  /** From the SIGKILL until the sentinels named a new master that says it is one. */
  electedMs: number;
  /** Deliveries settled (most acknowledged) while the replicas were cut off: their writes are lost. */
  settledInWindow: number;
  /** Deliveries of the wave settled when the master was killed. */
  afterDeliveries: number;
  /** From the start of firing until the SIGKILL. */
  atMs: number;
}

export interface FailoverRoundReport {
  round: 'failover';
  passed: boolean;
  failures: string[];
  options: Omit<FailoverRoundOptions, 'log' | 'outputDir'> & { seed: number };
  machine: FaultSuiteReport['machine'];
  durationsMs: {
    total: number;
    startUp: number;
    /** Both waves of webhooks, the failovers and the restart of the killed node between them. */
    firing: number;
    /** The killed node's restart until the sentinels could fail over to it (second failover only). */
    nodeBackAsReplica?: number;
    settling: number;
    sweep: number;
    checks: number;
  };
  deliveries: FireResult & { planned: Record<DeliveryKind, number> };
  failovers: FailoverFigures[];
  esrFaults: FaultSettingsInput;
  processes: {
    receivers: number;
    workers: number;
    /** Processes that exited, were replaced or started twice (empty: none restarted). */
    restarts: string[];
    /** `redis connection restored` lines, by process: each saw the failovers and came back. */
    reconnects: Record<string, number>;
  };
  reconciliation: {
    /** Transfers not final (`missing`, `waiting`, …) once the flood had settled, before the sweep. */
    notFinalBeforeSweep: string[];
    /**
     * Lost transfers no sweep can find, left out of the checks: their webhook named an organisation
     * Trac does not hold the applicant under (they would have failed, nothing sent); missing, or
     * `waiting` with no job.
     */
    beyondSweep: BeyondSweep[];
    /** `POST /admin/reconciliation` answers. */
    answers: number[];
    sweep?: SweepRecord;
  };
  transfers: TransfersSection;
  esr: EsrSection;
  queue: QueueSection;
  personalData: PersonalDataSection;
}

export function reportedFailoverOptions(
  options: FailoverRoundOptions,
  seed: number,
): FailoverRoundReport['options'] {
  return {
    transfers: options.transfers,
    duplicateShare: options.duplicateShare,
    wrongOrganisationShare: options.wrongOrganisationShare ?? 0,
    esrFailureShare: options.esrFailureShare ?? 0,
    failovers: options.failovers,
    receivers: options.receivers ?? 2,
    lostWriteWindowMs: options.lostWriteWindowMs ?? 0,
    timeoutMs: options.timeoutMs,
    seed,
  };
}

/** Every connector process still the one started: none exited, no worker replaced. */
export function processRestarts(
  receivers: readonly CapturedProcess[],
  workers: readonly CapturedProcess[],
  workerSlots: number,
): string[] {
  const failures: string[] = [];
  for (const captured of [...receivers, ...workers]) {
    const { exitCode, signalCode } = captured.process.child;
    if (!isRunning(captured)) failures.push(`${captured.name} exited (${signalCode ?? `code ${exitCode}`})`);
  }
  if (workers.length !== workerSlots)
    failures.push(`${workers.length - workerSlots} worker processes were started as replacements`);
  for (const receiver of receivers) {
    const listening = receiver.process.output.filter((line) => line.includes('receiver listening')).length;
    if (listening !== 1) failures.push(`${receiver.name} said "receiver listening" ${listening} times`);
  }
  return failures;
}

/** The round's figures as a short table, then every failure. */
export function failoverTable(report: FailoverRoundReport): string {
  const { deliveries, durationsMs: d, transfers, esr, reconciliation: r, personalData } = report;
  return roundTable(report, [
    [
      'durations (s)',
      `total ${s(d.total)}, start-up ${s(d.startUp)}, firing ${s(d.firing)}${d.nodeBackAsReplica === undefined ? '' : ` (node back as a replica ${s(d.nodeBackAsReplica)})`}, settling ${s(d.settling)}, sweep ${s(d.sweep)}, checks ${s(d.checks)}`,
    ],
    [
      'failovers',
      report.failovers
        .map((f) => {
          const window = report.options.lostWriteWindowMs
            ? ` (${f.settledInWindow} deliveries settled in the lost-write window)`
            : '';
          return `${f.killedPort} → ${f.newMasterPort} elected in ${s(f.electedMs)} s${window}`;
        })
        .join('; '),
    ],
    [
      'deliveries',
      `${deliveries.deliveries} to ${report.processes.receivers} receivers, ${deliveries.attempts} attempts, ${deliveries.retried} retried, ${deliveries.unacknowledged.length} never acknowledged`,
    ],
    ['receiver answers', countsText(deliveries.answers)],
    ['reconnects', countsText(report.processes.reconnects)],
    [
      'transfers',
      `${transfers.expected}: ${countsText(transfers.byState)}; ${transfers.retriedTransfers} needed > 1 attempt (max ${transfers.maxAttempts})`,
    ],
    [
      'sweep',
      `${r.notFinalBeforeSweep.length} not final before it (${r.beyondSweep.length} beyond any sweep); ${r.sweep ? `${r.sweep.outcome}, ${r.sweep.listed} listed, ${r.sweep.started} started` : 'none seen'}`,
    ],
    [
      'ESR records',
      `${esr.storedRecords} stored / ${esr.expectedRecords} expected, ${esr.keysStoredMoreThanOnce.length} keys stored twice, ${esr.missing.length} missing, ${esr.recordPosts} record POSTs`,
    ],
    ['BullMQ jobs', countsText(report.queue)],
    [
      'personal data',
      `${personalData.hits.length} hits in ${personalData.redisKeys} Redis keys and ${personalData.processes} processes' output`,
    ],
  ]);
}
