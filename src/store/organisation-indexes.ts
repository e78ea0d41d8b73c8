import type Redis from 'ioredis';
import { FINISHED_STATES } from '../transfer/transfer';
import { parseTransferId } from '../transfer/transfer-ids';
import { defineScript } from './redis-scripts';
import { keysOf } from './transfer-keys';

/** Ids read per `ZSCAN` step while the indexes are filled. */
const SCAN_COUNT = 1000;

/**
 * Fills the per-organisation finished indexes from the indexes of every organisation, once: the
 * store writes both since this release, and this copies what finished before it. Safe to run
 * twice at once, and beside running transfers (each copy re-checks, in one script, that the
 * transfer is still in the index it was read from). Returns how many ids it copied.
 */
export async function fillOrganisationIndexes(redis: Redis, prefix: string): Promise<number> {
  const { finishedKey, organisationFinishedKey, organisationIndexesMarker } = keysOf(prefix);
  if ((await redis.exists(organisationIndexesMarker)) === 1) return 0;
  const copy = defineScript(redis, 'copy-to-organisation-index');
  let copied = 0;
  for (const state of FINISHED_STATES) {
    let cursor = '0';
    do {
      const [next, flat] = await redis.zscan(finishedKey(state), cursor, 'COUNT', SCAN_COUNT);
      cursor = next;
      const byOrganisation = new Map<string, string[]>();
      for (let i = 0; i < flat.length; i += 2) {
        const id = flat[i]!;
        const code = parseTransferId(id)?.organisationCode;
        if (code) byOrganisation.set(code, [...(byOrganisation.get(code) ?? []), id]);
      }
      for (const [code, ids] of byOrganisation) {
        copied += Number(await copy(finishedKey(state), organisationFinishedKey(state, code), ...ids));
      }
    } while (cursor !== '0');
  }
  await redis.set(organisationIndexesMarker, new Date().toISOString());
  return copied;
}
