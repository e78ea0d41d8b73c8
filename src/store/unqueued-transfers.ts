import type Redis from 'ioredis';
import type { UnqueuedTransfer } from '../transfer/sweep';
import { TRANSFER_STATES, isFinished } from '../transfer/transfer';
import type { TransferQueue } from './transfer-queue';
import { keysOf } from './transfer-keys';

/** Transfer hashes read per SCAN step (one pipelined HMGET each). */
const SCAN_COUNT = 500;

/**
 * Whether a record's state field says it has no outcome yet: none stored (a record of an earlier
 * release kept `waiting`, `active` or `delayed` instead).
 */
const isUnfinished = (state: string | null): boolean =>
  !state || (!isFinished(state) && (TRANSFER_STATES as readonly string[]).includes(state));

/** `prefix` as a SCAN pattern that matches it literally. */
const literalGlob = (text: string): string => text.replace(/[*?[\]\\]/g, '\\$&');

/**
 * Transfers the store holds as unfinished (no outcome yet) whose last change is older
 * than `staleBefore` and for which BullMQ holds no unfinished job: a start that claimed the
 * transfer and lost its job (a Redis failover kept the claim and not the add; a process died in
 * between) left them, and nothing else would ever run them. A transfer of the right organisation
 * is also found by the sweep's listing; one started by a webhook naming another organisation is
 * found only here.
 *
 * It reads the store's own keys with SCAN (a few hundred round trips for a year of transfers, once
 * a sweep), and asks BullMQ through its public API only (`getJob`). Identifiers only.
 */
export async function* findUnqueuedTransfers(
  redis: Redis,
  prefix: string,
  queue: TransferQueue,
  staleBefore: Date,
): AsyncGenerator<UnqueuedTransfer> {
  const pattern = literalGlob(keysOf(prefix).transferKey('')) + '*';
  const idStart = keysOf(prefix).transferKey('').length;
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', SCAN_COUNT);
    cursor = next;
    const pipeline = redis.pipeline();
    keys.forEach((key) => pipeline.hmget(key, 'state', 'organisationCode', 'applicantId', 'updatedAt'));
    const answers = keys.length > 0 ? ((await pipeline.exec()) ?? []) : [];
    for (const [index, [error, fields]] of answers.entries()) {
      const key = keys[index];
      if (error || !key || !Array.isArray(fields)) continue; // not a hash: not a transfer record
      const [state, organisationCode, applicantId, updatedAt] = fields as (string | null)[];
      if (!isUnfinished(state ?? null) || !organisationCode || !applicantId) continue;
      if (!(Date.parse(updatedAt ?? '') < staleBefore.getTime())) continue;
      const transferId = key.slice(idStart);
      const job = await queue.getJob(transferId);
      if (job && job.finishedOn === undefined) continue; // queued, running or delayed: BullMQ has it
      yield { transferId, organisationCode, applicantId };
    }
  } while (cursor !== '0');
}
