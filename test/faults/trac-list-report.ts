import type { SweepRecord } from '../../src/transfer/sweep';
import type { EsrSection, PersonalDataSection, QueueSection, TransfersSection } from './fault-checks';
import type { DeliveryKind } from './fault-plan';
import { countsText, roundTable, seconds as s, type FaultSuiteReport } from './fault-report';
import type { FireResult } from './webhook-firer';

export interface TracListRoundOptions {
  /** Transfers to run: the demo cases plus generated happy applicants. */
  transfers: number;
  /** Extra deliveries as a share of `transfers`, half redeliveries, half new messages. */
  duplicateShare: number;
  /** Share of `transfers` that also get a webhook naming the wrong organisation (default 0). */
  wrongOrganisationShare?: number;
  /** Share of ESR API requests that fail while the webhooks flow (default 0). */
  esrFailureShare?: number;
  /** R0A transfers whose webhooks are all lost (at least 3; default 4); every listable 7A1 one is too. */
  r0aLost?: number;
  /** Bound on the round after start-up, milliseconds. */
  timeoutMs: number;
  seed?: number;
  outputDir?: string;
  log?: (line: string) => void;
}

/** The misbehaviours, in the order the round puts them on, each with the sweep that met it. */
export const MISBEHAVIOURS = ['cursorLoop', 'serverErrorMidListing'] as const;
export type Misbehaviour = (typeof MISBEHAVIOURS)[number];

export interface TracListRoundReport {
  round: 'trac-list';
  passed: boolean;
  failures: string[];
  options: Omit<TracListRoundOptions, 'log' | 'outputDir'> & { seed: number };
  machine: FaultSuiteReport['machine'];
  durationsMs: {
    total: number;
    startUp: number;
    firing: number;
    sweeps: number;
    settling: number;
    checks: number;
  };
  deliveries: FireResult & { planned: Record<DeliveryKind, number> };
  /** The transfers only a sweep could start (every webhook lost), by organisation. */
  lost: { transfers: string[]; byOrganisation: Record<string, number> };
  /** The 7A1 applicant that R0A's list carried all along (never to be started under R0A). */
  otherOrganisationItem: string;
  /** Transfer jobs active, waiting or delayed when Trac began to misbehave: transfers were flowing. */
  transfersInFlight: number;
  /** The sweep attempt that met each misbehaviour, and the first sweep after they ended. */
  sweeps: Partial<Record<Misbehaviour | 'after', SweepRecord>>;
  /** Seconds each misbehaving sweep ran: bounded, never for ever. */
  sweepSeconds: Partial<Record<Misbehaviour, number>>;
  /** `dit_trac_list_items_skipped_total{reason}` as the workers counted it. */
  skippedItems: Record<string, number>;
  /** The watermark when each misbehaving sweep had ended, and after the last (null: none yet). */
  watermarks: Partial<Record<Misbehaviour | 'after', string | null>>;
  transfers: TransfersSection;
  esr: EsrSection;
  queue: QueueSection;
  personalData: PersonalDataSection;
}

export function reportedTracListOptions(
  options: TracListRoundOptions,
  seed: number,
): TracListRoundReport['options'] {
  return {
    transfers: options.transfers,
    duplicateShare: options.duplicateShare,
    wrongOrganisationShare: options.wrongOrganisationShare ?? 0,
    esrFailureShare: options.esrFailureShare ?? 0,
    r0aLost: options.r0aLost ?? 4,
    timeoutMs: options.timeoutMs,
    seed,
  };
}

const sweepText = (sweep?: SweepRecord) =>
  sweep
    ? `${sweep.outcome}${sweep.failedOrganisations?.length ? ` (${sweep.failedOrganisations.join(', ')} not listed)` : ''}, ${sweep.listed} listed, ${sweep.started} started`
    : 'none seen';

export function tracListTable(report: TracListRoundReport): string {
  const { durationsMs: d, deliveries, sweeps, transfers, esr, personalData } = report;
  return roundTable(report, [
    [
      'durations (s)',
      `total ${s(d.total)}, start-up ${s(d.startUp)}, firing ${s(d.firing)}, sweeps ${s(d.sweeps)}, settling ${s(d.settling)}, checks ${s(d.checks)}`,
    ],
    [
      'deliveries',
      `${deliveries.deliveries} (${countsText(deliveries.planned)}), ${deliveries.unacknowledged.length} never acknowledged`,
    ],
    ['lost webhooks', `${report.lost.transfers.length} (${countsText(report.lost.byOrganisation)})`],
    ['cursor loop (R0A)', `${sweepText(sweeps.cursorLoop)} in ${report.sweepSeconds.cursorLoop ?? '?'} s`],
    [
      '5xx mid-listing',
      `${sweepText(sweeps.serverErrorMidListing)} in ${report.sweepSeconds.serverErrorMidListing ?? '?'} s`,
    ],
    ['sweep after', sweepText(sweeps.after)],
    [
      'skipped items',
      `${countsText(report.skippedItems)} (R0A's list carried ${report.otherOrganisationItem} of 7A1 throughout)`,
    ],
    ['transfers', `${transfers.expected}: ${countsText(transfers.byState)}`],
    [
      'ESR records',
      `${esr.storedRecords} stored / ${esr.expectedRecords} expected, ${esr.keysStoredMoreThanOnce.length} keys stored twice, ${esr.missing.length} missing`,
    ],
    ['BullMQ jobs', countsText(report.queue)],
    [
      'personal data',
      `${personalData.hits.length} hits in ${personalData.redisKeys} Redis keys and ${personalData.processes} processes' output`,
    ],
  ]);
}
