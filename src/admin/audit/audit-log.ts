import type Redis from 'ioredis';
import type { Logger } from '../../platform/logger';
import type { Metrics } from '../../platform/metrics';
import { parseTransferId } from '../../transfer/transfer-ids';
import type { AdminIdentity } from '../auth/admin-users';
import {
  asSeenBy,
  entryFor,
  entryOf,
  transfersNamedIn,
  type AuditAction,
  type AuditEntry,
  type TargetOrganisations,
} from './audit-entry';
import { createAuditOrganisationIndex } from './audit-organisation-index';
import type { OrganisationScope } from '../auth/organisation-scope';

export {
  AuditEntrySchema,
  transfersNamedIn,
  type AuditAction,
  type AuditEntry,
  type TargetOrganisations,
} from './audit-entry';

/** Entries kept in one transfer's index (its history on the HR page). */
export const HISTORY_PER_TRANSFER = 50;

/** Performed writes are kept at least this long, whatever else is written (connector.md): days. */
export const AUDIT_RETENTION_DAYS = 400;
/** Refused attempts are kept apart, about this many (`XADD … MAXLEN ~`). */
export const REFUSED_MAX_ENTRIES = 10_000;

const DAY_MS = 24 * 60 * 60 * 1000;

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
 * The audit log: performed writes in the stream `${prefix}:audit`, trimmed by age only (`MINID`,
 * never by count, so no volume of anything else can push one out), refused attempts in the capped
 * stream `${prefix}:audit-refused`, and one log line per performed write.
 */
export function createAuditLog(redis: Redis, prefix: string, logger: Logger, metrics: Metrics): AuditLog {
  const key = `${prefix}:audit`;
  const refusedKey = `${prefix}:audit-refused`;
  const transferIndexKey = (transferId: string) => `${prefix}:audit-transfer:${transferId}`;
  const organisationIndex = createAuditOrganisationIndex(redis, prefix);
  const oldestKeptMs = () => Date.now() - AUDIT_RETENTION_DAYS * DAY_MS;

  /** The entries of these stream ids, in their order; one trimmed by age is simply gone. */
  async function entriesAt(streamIds: readonly string[]): Promise<AuditEntry[]> {
    if (streamIds.length === 0) return [];
    const multi = redis.multi();
    for (const streamId of streamIds) multi.xrange(key, streamId, streamId);
    const results = (await multi.exec()) ?? [];
    return results
      .flatMap(([, found]) => (Array.isArray(found) ? (found as [string, string[]][]) : []))
      .map(([, fields]) => entryOf(fields))
      .filter((entry): entry is AuditEntry => entry !== undefined);
  }

  async function append(stream: string, trim: string[], entry: AuditEntry): Promise<string | undefined> {
    try {
      return (await redis.xadd(stream, ...trim, '*', ...Object.entries(entry).flat())) ?? undefined;
    } catch (error) {
      logger.error('audit entry not stored in Redis (the log holds it)', { error: (error as Error).message });
      return undefined;
    }
  }

  /** Each transfer's index: the newest stream ids first, kept as long as the entries themselves. */
  async function index(streamId: string, transfers: readonly string[]): Promise<void> {
    const multi = redis.multi();
    for (const transferId of new Set(transfers)) {
      const key = transferIndexKey(transferId);
      multi.lpush(key, streamId).ltrim(key, 0, HISTORY_PER_TRANSFER - 1);
      multi.pexpire(key, AUDIT_RETENTION_DAYS * DAY_MS);
    }
    try {
      await multi.exec();
    } catch (error) {
      logger.error('audit entry not indexed by transfer', { error: (error as Error).message });
    }
  }

  return {
    async record(identity, action, target, status, transfers, organisations) {
      const named = (transfers ?? transfersNamedIn(target)).filter((id) => parseTransferId(id));
      const codes = organisations ?? [...new Set(named.map((id) => parseTransferId(id)!.organisationCode))];
      const entry = entryFor(identity, action, target, status);
      logger.info('admin action', entry);
      // stream ids are the milliseconds Redis added them at: everything older than the period may go
      const oldestKept = oldestKeptMs();
      const streamId = await append(key, ['MINID', '~', String(oldestKept)], entry);
      if (!streamId) return;
      if (named.length > 0) await index(streamId, named);
      if (codes === '*' || codes.length === 0) return;
      await organisationIndex
        .add(streamId, codes, oldestKept, AUDIT_RETENTION_DAYS * DAY_MS)
        .catch((error: Error) =>
          logger.error('audit entry not indexed by organisation', { error: error.message }),
        );
    },

    async forTransfer(transferId) {
      return entriesAt(await redis.lrange(transferIndexKey(transferId), 0, HISTORY_PER_TRANSFER - 1));
    },

    async refused(status, attempt) {
      metrics.adminRefused.inc({ status: String(status) });
      if (!attempt) return;
      const entry = entryFor(attempt.identity, attempt.action, attempt.target, status);
      await append(refusedKey, ['MAXLEN', '~', String(REFUSED_MAX_ENTRIES)], entry);
    },

    async page(organisations, page, size) {
      if (organisations !== '*') {
        const offset = (page - 1) * size;
        const found = await organisationIndex.page(organisations, offset, size, oldestKeptMs());
        const items = await entriesAt(found.streamIds);
        return { items: items.map((entry) => asSeenBy(entry, organisations)), total: found.total };
      }
      const [total, raw] = await Promise.all([
        redis.xlen(key),
        redis.xrevrange(key, '+', '-', 'COUNT', page * size),
      ]);
      const items = raw
        .slice((page - 1) * size)
        .map(([, fields]) => entryOf(fields))
        .filter((entry): entry is AuditEntry => entry !== undefined);
      return { items, total };
    },
  };
}
