import type { Logger } from '../../platform/logger';
import type { Metrics } from '../../platform/metrics';
import { parseTransferId } from '../../transfer/transfer-ids';
import type { AdminIdentity } from '../auth/admin-users';
import {
  asSeenBy,
  entryFor,
  transfersNamedIn,
  type AuditAction,
  type AuditEntry,
  type TargetOrganisations,
} from './audit-entry';
import type { AuditRecords } from './audit-records';
import type { OrganisationScope } from '../auth/organisation-scope';

export {
  AuditEntrySchema,
  transfersNamedIn,
  type AuditAction,
  type AuditEntry,
  type TargetOrganisations,
} from './audit-entry';

/**
 * The answers that refuse an admin request: no valid credentials, not allowed, locked out, and
 * another organisation's transfer or preview (answered as if it did not exist).
 */
export type RefusedStatus = 401 | 403 | 404 | 429;

/** A refused attempt by an authenticated user: who tried what. */
export interface RefusedAttempt {
  identity: AdminIdentity;
  action: AuditAction;
  target: string;
}

export interface AuditLog {
  /**
   * A write that was authorised and performed, whatever its answer (`202`, `404`, `409`, `503`):
   * a log line and an entry kept for at least AUDIT_RETENTION_DAYS. A failed append is logged,
   * never thrown.
   */
  record(
    identity: AdminIdentity,
    action: AuditAction,
    target: string,
    status: number,
    transfers?: readonly string[],
    organisations?: TargetOrganisations,
  ): Promise<void>;
  /**
   * A refused request: counted in `dit_admin_refused_total{status}`; an authenticated user's attempt
   * is also kept in a capped stream of its own, so refusals never push a performed write out.
   */
  refused(status: RefusedStatus, attempt?: RefusedAttempt): Promise<void>;
  /**
   * Performed writes whose target is one of the organisations (`*`: every entry), newest first:
   * page from 1.
   */
  page(
    organisations: OrganisationScope,
    page: number,
    size: number,
  ): Promise<{ items: AuditEntry[]; total: number }>;
  /**
   * The performed writes that concerned one transfer, newest first, at most HISTORY_PER_TRANSFER
   * (a transfer's page shows who re-queued or started it). `record` indexes an entry under each
   * transfer it names: the `transfers` given, else every transfer id in its target.
   */
  forTransfer(transferId: string): Promise<AuditEntry[]>;
}

/**
 * The audit log: one log line per performed write, the entry kept in `records` (AuditRecords), and
 * refusals counted in `dit_admin_refused_total{status}`.
 */
export function createAuditLog(records: AuditRecords, logger: Logger, metrics: Metrics): AuditLog {
  return {
    async record(identity, action, target, status, transfers, organisations) {
      const named = (transfers ?? transfersNamedIn(target)).filter((id) => parseTransferId(id));
      const codes = organisations ?? [...new Set(named.map((id) => parseTransferId(id)!.organisationCode))];
      const entry = entryFor(identity, action, target, status);
      logger.info('admin action', entry);
      await records.keep(entry, named, codes === '*' ? [] : codes);
    },

    forTransfer: (transferId) => records.forTransfer(transferId),

    async refused(status, attempt) {
      metrics.adminRefused.inc({ status: String(status) });
      if (!attempt) return;
      await records.keepRefused(entryFor(attempt.identity, attempt.action, attempt.target, status));
    },

    async page(organisations, page, size) {
      const found = await records.page(organisations, page, size);
      if (organisations === '*') return found;
      return { items: found.items.map((entry) => asSeenBy(entry, organisations)), total: found.total };
    },
  };
}
