import type Redis from 'ioredis';
import { FINISHED_STATES, type FinishedState } from '../transfer/transfer';
import { parseTransferId } from '../transfer/transfer-ids';
import { keysOf } from './transfer-keys';

/** Ids read per `ZSCAN` step while an index is filled. */
const SCAN_COUNT = 1000;

/**
 * Files what finished before a release into an index that release added, once: reads the finished
 * indexes of every organisation (`ZSCAN`, 1,000 ids a step) and hands each step's ids to `file`,
 * grouped by their organisation (undefined for an id without one), then sets `marker`. Nothing
 * when the marker is set. `file` must be safe to run twice at once and beside running transfers
 * (a script that re-checks each id against the index it was read from). Returns what `file` counted.
 */
export async function fillOnceFromFinishedIndexes(
  redis: Redis,
  prefix: string,
  marker: string,
  file: (state: FinishedState, organisationCode: string | undefined, ids: string[]) => Promise<number>,
): Promise<number> {
  if ((await redis.exists(marker)) === 1) return 0;
  const { finishedKey } = keysOf(prefix);
  let filed = 0;
  for (const state of FINISHED_STATES) {
    let cursor = '0';
    do {
      const [next, flat] = await redis.zscan(finishedKey(state), cursor, 'COUNT', SCAN_COUNT);
      cursor = next;
      const byOrganisation = new Map<string | undefined, string[]>();
      for (let i = 0; i < flat.length; i += 2) {
        const id = flat[i]!;
        const code = parseTransferId(id)?.organisationCode;
        const ids = byOrganisation.get(code);
        if (ids) ids.push(id);
        else byOrganisation.set(code, [id]);
      }
      for (const [code, ids] of byOrganisation) filed += await file(state, code, ids);
    } while (cursor !== '0');
  }
  await redis.set(marker, new Date().toISOString());
  return filed;
}
