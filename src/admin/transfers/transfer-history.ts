import {
  RECORD_OUTCOMES,
  RECORD_TYPES,
  type RecordOutcome,
  type RecordType,
} from '../../records/record-types';
import type { TransferQueue } from '../../store/transfer-queue';
import { transfersNamedIn, type AuditEntry, type AuditLog } from '../audit/audit-log';
import { permitsTransfer, type OrganisationScope } from '../auth/organisation-scope';

/**
 * One run of the job: an attempt that did not complete, with the records' outcomes its log line
 * names (the worker writes `attempt 2: dbs: SENT, references: NOT_COMPLETE, …`); the completion;
 * or a log line this version cannot read.
 */
export type TransferRun =
  | { kind: 'attempt'; attempt: number; records: Partial<Record<RecordType, RecordOutcome>> }
  | { kind: 'completed'; at: string }
  | { kind: 'unreadable' };

/** What a transfer's page shows of its past: the admin writes that concerned it, and its job's runs. */
export interface TransferHistory {
  /** Re-queues, manual starts and Bull Board actions naming it, newest first (from the audit log). */
  audit: AuditEntry[];
  /**
   * The current job's runs, oldest first: one per attempt that did not complete, then the
   * completion when it completed. A re-queue replaces the job, so these are the runs since the
   * last start; empty once the queue has let the finished job go (7 days after completing, 30
   * after failing).
   */
  runs: TransferRun[];
}

const isOutcome = (text: string): text is RecordOutcome =>
  (RECORD_OUTCOMES as readonly string[]).includes(text);
const isType = (text: string): text is RecordType => (RECORD_TYPES as readonly string[]).includes(text);

/** A job log line (`attempt 2: dbs: SENT, references: NOT_COMPLETE`) as a run. */
export function runOfLogLine(line: string): TransferRun {
  const match = /^attempt (\d+): (.*)$/.exec(line);
  if (!match?.[1]) return { kind: 'unreadable' };
  const records: Partial<Record<RecordType, RecordOutcome>> = {};
  for (const part of (match[2] ?? '').split(', ')) {
    const [type = '', outcome = ''] = part.split(': ');
    if (!isType(type) || !isOutcome(outcome)) return { kind: 'unreadable' };
    records[type] = outcome;
  }
  return { kind: 'attempt', attempt: Number(match[1]), records };
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
  const runs = logs.logs.map(runOfLogLine);
  if (job?.finishedOn && !job.failedReason) {
    runs.push({ kind: 'completed', at: new Date(job.finishedOn).toISOString() });
  }
  const ours = audit.filter((entry) =>
    transfersNamedIn(entry.target).every((id) => permitsTransfer(organisations, id)),
  );
  return { audit: ours, runs };
}
