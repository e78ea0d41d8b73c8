import type Redis from 'ioredis';
import { FINISHED_STATES } from '../transfer/transfer';
import { parseTransferId } from '../transfer/transfer-ids';
import { defineScript } from './redis-scripts';
import { keysOf } from './transfer-keys';

/** Ids read per `ZSCAN` step while the indexes are filled. */
const SCAN_COUNT = 1000;

/**
 * Fills the reason indexes (transfer-keys.ts) from the finished indexes of every organisation,
 * once: the store's scripts keep them since this release, and this files what finished before it
 * under its reason. Safe to run twice at once, and beside running transfers (each id is filed, in
 * one script, only if it is still in the index it was read from, under the reason it has then).
 * Returns how many ids it added.
 */
export async function fillReasonIndexes(redis: Redis, prefix: string): Promise<number> {
  const { finishedKey, transferKey, reasonIndexBase, organisationReasonIndexBase, reasonIndexesMarker } =
    keysOf(prefix);
  if ((await redis.exists(reasonIndexesMarker)) === 1) return 0;
  const fill = defineScript(redis, 'fill-reason-indexes');
  let added = 0;
  for (const state of FINISHED_STATES) {
    let cursor = '0';
    do {
      const [next, flat] = await redis.zscan(finishedKey(state), cursor, 'COUNT', SCAN_COUNT);
      cursor = next;
      const byOrganisation = new Map<string, string[]>();
      for (let i = 0; i < flat.length; i += 2) {
        const id = flat[i]!;
        const code = parseTransferId(id)?.organisationCode ?? '-';
        const ids = byOrganisation.get(code);
        if (ids) ids.push(id);
        else byOrganisation.set(code, [id]);
      }
      for (const [code, ids] of byOrganisation) {
        const keys = [
          finishedKey(state),
          transferKey(''),
          reasonIndexBase,
          organisationReasonIndexBase(code),
        ];
        added += Number(await fill(...keys, ...ids));
      }
    } while (cursor !== '0');
  }
  await redis.set(reasonIndexesMarker, new Date().toISOString());
  return added;
}
