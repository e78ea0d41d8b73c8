import type Redis from 'ioredis';
import { keysOf } from './transfer-keys';

/** Whether the transfer id belongs to one of the organisations (its code is the id's prefix). */
const belongsTo = (transferId: string, codes: readonly string[]) =>
  codes.some((code) => transferId.startsWith(`${code}-`));

/**
 * The reads of the outstanding index (transfer-store.ts keeps it): transfers that completed with
 * `reason: null` and records Trac did not hold as complete, most recently completed first. One
 * index for every organisation: it holds only those transfers, so the organisations a caller acts
 * for are picked from it by the ids' prefixes.
 */
export function createOutstandingReads(redis: Redis, prefix: string) {
  const { outstandingKey } = keysOf(prefix);

  /** A page of them, of every organisation (`codes` undefined) or of some, with the total. */
  async function page(codes: readonly string[] | undefined, offset: number, count: number) {
    if (!codes) {
      const [ids, total] = await Promise.all([
        redis.zrevrange(outstandingKey, offset, offset + count - 1),
        redis.zcard(outstandingKey),
      ]);
      return { ids, total };
    }
    const ids = (await redis.zrevrange(outstandingKey, 0, -1)).filter((id) => belongsTo(id, codes));
    return { ids: ids.slice(offset, offset + count), total: ids.length };
  }

  /** How many there are, of every organisation or of some. */
  async function count(codes: readonly string[] | undefined): Promise<number> {
    if (!codes) return redis.zcard(outstandingKey);
    return (await page(codes, 0, 0)).total;
  }

  return { page, count };
}
