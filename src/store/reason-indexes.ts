import type Redis from 'ioredis';
import { fillOnceFromFinishedIndexes } from './finished-index-fill';
import { defineScript } from './redis-scripts';
import { keysOf } from './transfer-keys';

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
  const fill = defineScript(redis, 'fill-reason-indexes');
  return fillOnceFromFinishedIndexes(redis, prefix, reasonIndexesMarker, async (state, code, ids) =>
    Number(
      await fill(
        finishedKey(state),
        transferKey(''),
        reasonIndexBase,
        organisationReasonIndexBase(code ?? '-'),
        ...ids,
      ),
    ),
  );
}
