import type { OrganisationScope } from '../auth/organisation-scope';
import type { AuditEntry } from './audit-entry';

/** Performed writes are kept at least this long, whatever else is written (connector.md): days. */
export const AUDIT_RETENTION_DAYS = 400;
/** Entries kept in one transfer's index (its history on its page). */
export const HISTORY_PER_TRANSFER = 50;
/** Refused attempts are kept apart, about this many. */
export const REFUSED_MAX_ENTRIES = 10_000;

/**
 * Where the audit log keeps its entries (src/store/audit-records.ts). Performed writes are kept for
 * AUDIT_RETENTION_DAYS by age only, so that no volume of anything else can push one out; refused
 * attempts are kept apart, the latest REFUSED_MAX_ENTRIES or so. A write that cannot be kept is
 * logged by the keeper, never thrown: the log line of the write still holds it.
 */
export interface AuditRecords {
  /**
   * Keeps a performed write, findable by each transfer and each organisation it concerns (no
   * organisation: only those reading every organisation's entries see it).
   */
  keep(entry: AuditEntry, transfers: readonly string[], organisations: readonly string[]): Promise<void>;
  /** Keeps a refused attempt apart from the performed writes. */
  keepRefused(entry: AuditEntry): Promise<void>;
  /** The performed writes that concerned a transfer, newest first, at most HISTORY_PER_TRANSFER. */
  forTransfer(transferId: string): Promise<AuditEntry[]>;
  /** Page `page` (from 1) of the performed writes concerning the organisations, newest first, as stored. */
  page(
    organisations: OrganisationScope,
    page: number,
    size: number,
  ): Promise<{ items: AuditEntry[]; total: number }>;
}
