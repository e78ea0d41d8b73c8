import type Redis from 'ioredis';
import { AuditEntrySchema, type AuditEntry } from '../admin/audit/audit-entry';
import {
  AUDIT_RETENTION_DAYS,
  HISTORY_PER_TRANSFER,
  REFUSED_MAX_ENTRIES,
  type AuditRecords,
} from '../admin/audit/audit-records';
import type { Logger } from '../platform/logger';
import { createAuditOrganisationIndex } from './audit-organisation-index';

const DAY_MS = 24 * 60 * 60 * 1000;

/** A stream entry's fields (`[name, value, name, value, …]`) as an entry; undefined when unreadable. */
function entryOf(fields: string[]): AuditEntry | undefined {
  const record: Record<string, string> = {};
  for (let i = 0; i + 1 < fields.length; i += 2) record[fields[i]!] = fields[i + 1]!;
  const parsed = AuditEntrySchema.safeParse(record);
  return parsed.success ? parsed.data : undefined;
}

/**
 * The audit log in Redis: performed writes in the stream `${prefix}:audit`, trimmed by age only
 * (`MINID`, never by count), indexed by transfer (a list of stream ids each) and by organisation
 * (audit-organisation-index.ts); refused attempts in the capped stream `${prefix}:audit-refused`.
 */
export function createAuditRecords(redis: Redis, prefix: string, logger: Logger): AuditRecords {
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
    async keep(entry, transfers, organisations) {
      // stream ids are the milliseconds Redis added them at: everything older than the period may go
      const oldestKept = oldestKeptMs();
      const streamId = await append(key, ['MINID', '~', String(oldestKept)], entry);
      if (!streamId) return;
      if (transfers.length > 0) await index(streamId, transfers);
      if (organisations.length === 0) return;
      await organisationIndex
        .add(streamId, organisations, oldestKept, AUDIT_RETENTION_DAYS * DAY_MS)
        .catch((error: Error) =>
          logger.error('audit entry not indexed by organisation', { error: error.message }),
        );
    },

    async keepRefused(entry) {
      await append(refusedKey, ['MAXLEN', '~', String(REFUSED_MAX_ENTRIES)], entry);
    },

    async forTransfer(transferId) {
      return entriesAt(await redis.lrange(transferIndexKey(transferId), 0, HISTORY_PER_TRANSFER - 1));
    },

    async page(organisations, page, size) {
      if (organisations !== '*') {
        const offset = (page - 1) * size;
        const found = await organisationIndex.page(organisations, offset, size, oldestKeptMs());
        return { items: await entriesAt(found.streamIds), total: found.total };
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
