import { randomUUID } from 'node:crypto';
import type Redis from 'ioredis';

/**
 * The audit log's index by organisation: for each organisation, a sorted set of the stream ids of
 * the entries whose target is one of its (score: the id's milliseconds), trimmed by age with the
 * stream. A person acting for some organisations pages through theirs without reading the others'.
 */
export interface AuditOrganisationIndex {
  /** Adds one entry under each organisation; entries older than `oldestKeptMs` go. */
  add(
    streamId: string,
    organisationCodes: readonly string[],
    oldestKeptMs: number,
    ttlMs: number,
  ): Promise<void>;
  /** The stream ids `offset`…`offset + count - 1` of those organisations' entries, newest first, and the total. */
  page(
    organisationCodes: readonly string[],
    offset: number,
    count: number,
    oldestKeptMs: number,
  ): Promise<{ streamIds: string[]; total: number }>;
}

/** A stream id's milliseconds (`1718000000000-0` → 1718000000000). */
const millisecondsOf = (streamId: string) => Number(streamId.split('-')[0]);

export function createAuditOrganisationIndex(redis: Redis, prefix: string): AuditOrganisationIndex {
  const keyOf = (code: string) => `${prefix}:audit-organisation:${code}`;

  return {
    async add(streamId, organisationCodes, oldestKeptMs, ttlMs) {
      const multi = redis.multi();
      for (const code of new Set(organisationCodes)) {
        const key = keyOf(code);
        multi.zadd(key, millisecondsOf(streamId), streamId);
        multi.zremrangebyscore(key, '-inf', `(${oldestKeptMs}`).pexpire(key, ttlMs);
      }
      await multi.exec();
    },

    async page(organisationCodes, offset, count, oldestKeptMs) {
      const keys = [...new Set(organisationCodes)].map(keyOf);
      if (keys.length === 0) return { streamIds: [], total: 0 };
      const last = offset + count - 1;
      if (keys.length === 1) {
        const [key] = keys as [string];
        const [streamIds, total] = await Promise.all([
          redis.zrevrangebyscore(key, '+inf', oldestKeptMs, 'LIMIT', offset, count),
          redis.zcount(key, oldestKeptMs, '+inf'),
        ]);
        return { streamIds, total };
      }
      // an entry may concern several of the organisations: their union, once each, in one step
      const union = `${prefix}:audit-read:${randomUUID()}`;
      const results = await redis
        .multi()
        .zunionstore(union, keys.length, ...keys, 'AGGREGATE', 'MAX')
        .zremrangebyscore(union, '-inf', `(${oldestKeptMs}`)
        .zcard(union)
        .zrevrange(union, offset, last)
        .del(union)
        .exec();
      const total = Number(results?.[2]?.[1] ?? 0);
      const streamIds = (results?.[3]?.[1] as string[] | undefined) ?? [];
      return { streamIds, total };
    },
  };
}
