import type Redis from 'ioredis';
import { parseTransferId } from '../transfer/transfer-ids';
import { FINISHED_STATES } from '../transfer/transfer';
import type { createIndexReads } from './transfer-index-reads';
import { keysOf } from './transfer-keys';

/** ZSCAN's page size: a search reads an organisation's finished index this many entries a call. */
const SCAN_COUNT = 1000;

/** `R0A-a-1` as a glob that any case matches: `R0A-[aA]-1` (ids hold only letters, digits, `-`, `_`). */
export function caseBlindGlob(transferId: string): string {
  return transferId.replace(/[A-Za-z]/g, (letter) => `[${letter.toLowerCase()}${letter.toUpperCase()}]`);
}

/**
 * The stored transfer ids that are `transferIds` but for case. Transfer ids are kept as Trac
 * spells its applicant ids; HR types them in any case. Read only when the ids as typed found
 * nothing: the organisation's finished indexes with a case-blind ZSCAN (every entry of them, on
 * Redis's side, a page at a time), and its unfinished jobs.
 */
export async function idsIgnoringCase(
  redis: Redis,
  prefix: string,
  reads: ReturnType<typeof createIndexReads>,
  transferIds: readonly string[],
): Promise<string[]> {
  const { organisationFinishedKey } = keysOf(prefix);
  const wanted = new Set(transferIds.map((id) => id.toLowerCase()));
  const codes = [...new Set(transferIds.map((id) => parseTransferId(id)?.organisationCode ?? ''))].filter(
    Boolean,
  );
  if (codes.length === 0) return [];
  await reads.organisationIndexesFilled();
  // the case variants of one id (`R0A-a-1`, `R0A-A-1`) make the same case-blind pattern: each is
  // scanned once, or a search that finds nothing reads every finished index once per variant
  const patterns = new Map<string, { id: string; code: string }>();
  for (const id of transferIds) {
    const code = parseTransferId(id)?.organisationCode;
    if (code && !patterns.has(id.toLowerCase())) patterns.set(id.toLowerCase(), { id, code });
  }
  const found = new Set<string>();
  for (const { id, code } of patterns.values()) {
    for (const state of FINISHED_STATES) {
      let cursor = '0';
      do {
        const [next, entries] = await redis.zscan(
          organisationFinishedKey(state, code),
          cursor,
          'MATCH',
          caseBlindGlob(id),
          'COUNT',
          SCAN_COUNT,
        );
        for (let i = 0; i < entries.length; i += 2) found.add(entries[i]!);
        cursor = next;
      } while (cursor !== '0');
    }
  }
  const live = await reads.liveIdsOf(['waiting', 'active', 'delayed'], codes);
  for (const { ids } of live) for (const id of ids) if (wanted.has(id.toLowerCase())) found.add(id);
  return [...found];
}
