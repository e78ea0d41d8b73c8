import type { TransferQueue } from '../store/transfer-queue';
import { transfersNamedIn, type AuditEntry, type AuditLog } from './audit-log';
import { permitsTransfer, type OrganisationScope } from './organisation-scope';
import { timeText } from './html';

/** What a transfer's page shows of its past: the admin writes that concerned it, and its job's runs. */
export interface TransferHistory {
  /** Re-queues, manual starts and Bull Board actions naming it, newest first (from the audit log). */
  audit: AuditEntry[];
  /**
   * The current job's runs, oldest first: one log line per attempt that did not complete
   * (`attempt 2: dbs: SENT, …`), then the completion when it completed. A re-queue replaces the
   * job, so these are the runs since the last start; empty once the queue has let the finished job
   * go (7 days after completing, 30 after failing).
   */
  runs: string[];
}

export interface HistoryDeps {
  audit: Pick<AuditLog, 'forTransfer'>;
  queue: Pick<TransferQueue, 'getJob' | 'getJobLogs'>;
}

/** Runs shown at most (a transfer has at most TRANSFER_ATTEMPTS per start). */
const RUNS_SHOWN = 100;

/**
 * Read through public APIs only: the audit log's own index, BullMQ's `getJob` and `getJobLogs`.
 * The caller may see the transfer; an entry that also names another organisation's transfers (a
 * bulk re-queue written before entries were kept one organisation each) is left out.
 */
export async function loadHistory(
  deps: HistoryDeps,
  organisations: OrganisationScope,
  transferId: string,
): Promise<TransferHistory> {
  const [audit, job, logs] = await Promise.all([
    deps.audit.forTransfer(transferId),
    deps.queue.getJob(transferId),
    deps.queue.getJobLogs(transferId, 0, RUNS_SHOWN - 1, true),
  ]);
  const runs = [...logs.logs];
  if (job?.finishedOn && !job.failedReason) {
    runs.push(`completed at ${timeText(new Date(job.finishedOn).toISOString())}`);
  }
  const ours = audit.filter((entry) =>
    transfersNamedIn(entry.target).every((id) => permitsTransfer(organisations, id)),
  );
  return { audit: ours, runs };
}
