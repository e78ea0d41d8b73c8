import type { AdminLevelFigures } from './admin-phase';
import { ADMIN_PAGES } from './admin-requests';
import { table, type Row } from './report-table';
import type { BenchResults } from './targets';

function runRow(run: AdminLevelFigures): Row {
  return [
    `${run.transfers} finished transfers`,
    ...ADMIN_PAGES.map((page) => `${run.pages[page].p50Ms} / ${run.pages[page].p95Ms}`),
    `${run.bulkRequeue.seconds} s (${run.bulkRequeue.requeued})`,
    `${run.webhooks.perSecond}/s, p99 ${run.webhooks.p99Ms} ms`,
    `${Math.round(run.redisUsedBytes / 1e6)} MB`,
    run.cpu.cores.otherProcesses ?? '',
  ];
}

/** The HR pages' p50 / p95 at each number of finished transfers, the bulk re-queue and the webhooks meanwhile. */
export function adminSection(results: BenchResults): string[] {
  const admin = results.admin;
  if (!admin) return [];
  const runs = admin.smaller ? [admin.smaller, admin] : [admin];
  return [
    table(
      `HR side at the peak: p50 / p95 ms per page (${admin.pages.overview.samples} requests each)`,
      ['', ...ADMIN_PAGES, 'bulk re-queue', 'webhooks meanwhile', 'Redis', 'others cores'],
      runs.map(runRow),
    ),
  ];
}
