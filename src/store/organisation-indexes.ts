import type Redis from 'ioredis';
import { fillOnceFromFinishedIndexes } from './finished-index-fill';
import { defineScript } from './redis-scripts';
import { keysOf } from './transfer-keys';

/**
 * Fills the per-organisation finished indexes from the indexes of every organisation, once: the
 * store writes both since this release, and this copies what finished before it. Safe to run
 * twice at once, and beside running transfers (each copy re-checks, in one script, that the
 * transfer is still in the index it was read from). Returns how many ids it copied.
 */
export async function fillOrganisationIndexes(redis: Redis, prefix: string): Promise<number> {
  const { finishedKey, organisationFinishedKey, organisationIndexesMarker } = keysOf(prefix);
  const copy = defineScript(redis, 'copy-to-organisation-index');
  return fillOnceFromFinishedIndexes(redis, prefix, organisationIndexesMarker, async (state, code, ids) =>
    code ? Number(await copy(finishedKey(state), organisationFinishedKey(state, code), ...ids)) : 0,
  );
}
