import type Redis from 'ioredis';
import { z } from 'zod';
import type { Logger } from '../platform/logger';
import { ADMIN_ROLES, type AdminIdentity } from './admin-users';

/** One admin write: who, what, which transfers, when, and the HTTP status it got. Ids only. */
export const AuditEntrySchema = z.object({
  at: z.string(),
  user: z.string(),
  role: z.enum(ADMIN_ROLES),
  /** `retry`, `retry-bulk`, `start` or `bull-board`. */
  action: z.string(),
  /** The transfer id, the filter and the transfers of a bulk re-queue, or Bull Board's method and path. */
  target: z.string(),
  /** The HTTP status answered, e.g. `202`, `409`, `403`. */
  result: z.string(),
});
export type AuditEntry = z.infer<typeof AuditEntrySchema>;

export type AuditAction = 'retry' | 'retry-bulk' | 'start' | 'bull-board';

/** The stream keeps about this many entries (`XADD … MAXLEN ~`). */
export const AUDIT_MAX_ENTRIES = 10_000;

export interface AuditLog {
  /** Writes a log line and appends to the stream; a failed append is logged, never thrown. */
  record(identity: AdminIdentity, action: AuditAction, target: string, status: number): Promise<void>;
  /** Entries newest first: page from 1. */
  page(page: number, size: number): Promise<{ items: AuditEntry[]; total: number }>;
}

function entryOf(fields: string[]): AuditEntry | undefined {
  const record: Record<string, string> = {};
  for (let i = 0; i + 1 < fields.length; i += 2) record[fields[i]!] = fields[i + 1]!;
  const parsed = AuditEntrySchema.safeParse(record);
  return parsed.success ? parsed.data : undefined;
}

/** The audit log: a capped Redis stream `${prefix}:audit` plus one log line per write. */
export function createAuditLog(redis: Redis, prefix: string, logger: Logger): AuditLog {
  const key = `${prefix}:audit`;
  return {
    async record(identity, action, target, status) {
      const entry: AuditEntry = {
        at: new Date().toISOString(),
        user: identity.user,
        role: identity.role,
        action,
        target,
        result: String(status),
      };
      logger.info('admin action', entry);
      const fields = Object.entries(entry).flat();
      try {
        await redis.xadd(key, 'MAXLEN', '~', AUDIT_MAX_ENTRIES, '*', ...fields);
      } catch (error) {
        logger.error('audit entry not stored in Redis (the log line above holds it)', {
          error: (error as Error).message,
        });
      }
    },

    async page(page, size) {
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
