import { Counter } from 'prom-client';
import { readWithin, type Metrics } from './metrics';
import type { FieldCounts, StoredCounts } from './stored-metrics';

/** The finished outcomes of a sweep attempt, as counted (an active one is not yet counted). */
const SWEEP_OUTCOMES = ['completed', 'failed'] as const;

/**
 * Adds the sweeps' counts, which the worker that ran each sweep keeps in the store
 * (`StoredCounts.sweeps`: `completed`, `failed`, `started`) and which are read here at scrape:
 * `dit_reconciliation_sweeps_total{outcome}` (sweep attempts by outcome) and
 * `dit_reconciliation_transfers_started_total` (transfers the sweeps queued or re-ran). Registering
 * twice is a no-op.
 */
export function registerSweepMetrics(metrics: Metrics, counts: Pick<StoredCounts, 'sweeps'>): void {
  const { registry } = metrics;
  if (registry.getSingleMetric('dit_reconciliation_sweeps_total')) return;
  // one read per scrape, shared by both counters
  let pending: Promise<FieldCounts | undefined> | undefined;
  const read = () => {
    pending ??= readWithin(counts.sweeps()).finally(() => {
      pending = undefined;
    });
    return pending;
  };
  new Counter({
    name: 'dit_reconciliation_sweeps_total',
    help: 'Sweep attempts by outcome (a failed one is retried), all workers.',
    labelNames: ['outcome'],
    registers: [registry],
    async collect() {
      const sweeps = await read();
      this.reset();
      for (const outcome of SWEEP_OUTCOMES) this.inc({ outcome }, sweeps?.[outcome] ?? 0);
    },
  });
  new Counter({
    name: 'dit_reconciliation_transfers_started_total',
    help: 'Transfers a sweep queued or re-ran (their webhook never came), all workers.',
    registers: [registry],
    async collect() {
      const sweeps = await read();
      this.reset();
      this.inc(sweeps?.started ?? 0);
    },
  });
}

/**
 * Adds `dit_trac_list_items_skipped_total{reason}`: items the workers' listings of Trac (sweeps and
 * match previews) left out, by reason (`other_organisation`: an applicant of another organisation
 * than the one listed), read at scrape from the counts the workers keep (`StoredCounts.tracListItems`,
 * fields `skipped|<reason>`). Registering twice is a no-op.
 */
export function registerTracListMetrics(metrics: Metrics, counts: Pick<StoredCounts, 'tracListItems'>): void {
  const { registry } = metrics;
  if (registry.getSingleMetric('dit_trac_list_items_skipped_total')) return;
  new Counter({
    name: 'dit_trac_list_items_skipped_total',
    help: 'Items of Trac applicant listings (sweeps, match previews) left out, by reason; never started, all workers.',
    labelNames: ['reason'],
    registers: [registry],
    async collect() {
      const items = await readWithin(counts.tracListItems());
      this.reset();
      for (const [field, count] of Object.entries(items ?? {})) {
        const [kind, reason] = field.split('|');
        if (kind === 'skipped' && reason) this.inc({ reason }, count);
      }
    },
  });
}
