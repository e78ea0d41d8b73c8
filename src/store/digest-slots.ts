import type Redis from 'ioredis';
import { defineScript } from './redis-scripts';
import { isManualJobId } from './scheduled-jobs';

/**
 * What a claim found: `claimed` (send now), `sent` (this slot already sent it: a retry, or the
 * same job run twice), `recent` (another "send now" sent it less than 10 minutes ago).
 */
export type SlotClaim = 'claimed' | 'sent' | 'recent';

/** Which digests were sent: one entry per (slot, organisation), written before the e-mail goes. */
export interface DigestSlots {
  /**
   * Records the pair, and for a "send now" slot (`manual-<uuid>`) the organisation's 10-minute
   * window too, both or neither (connector.md: `POST /admin/digest` sends each organisation at most
   * one e-mail per 10 minutes). A scheduled time is never held back by a recent "send now".
   */
  claim(slot: string, organisationCode: string): Promise<SlotClaim>;
  /**
   * Forgets the pair (and a "send now"'s window) after a send that certainly delivered nothing, so
   * that a retry, or the next "send now", sends it.
   */
  release(slot: string, organisationCode: string): Promise<void>;
}

/** A recorded pair outlives any retry of its slot: 30 days, in seconds. */
export const DIGEST_SLOT_TTL_SECONDS = 30 * 24 * 60 * 60;
/** "Send now" sends each organisation at most one e-mail in this long, milliseconds. */
export const DIGEST_NOW_WINDOW_MS = 10 * 60 * 1000;

/**
 * One writer wins a pair, and one "send now" an organisation's window, across every worker
 * process (a script: both or neither). Not under `${prefix}:digest:`, which is BullMQ's keyspace
 * for the digest queue.
 */
export function createDigestSlots(
  redis: Redis,
  prefix: string,
  now: () => Date = () => new Date(),
): DigestSlots {
  const pairKey = (slot: string, organisationCode: string) =>
    `${prefix}:digest-sent:${slot}:${organisationCode}`;
  const windowKey = (organisationCode: string) => `${prefix}:digest-now:${organisationCode}`;
  const claim = defineScript(redis, 'claim-digest-slot');
  return {
    async claim(slot, organisationCode) {
      const at = now();
      const found = await claim(
        pairKey(slot, organisationCode),
        windowKey(organisationCode),
        at.getTime(),
        at.toISOString(),
        DIGEST_SLOT_TTL_SECONDS,
        DIGEST_NOW_WINDOW_MS,
        isManualJobId(slot) ? '1' : '0',
      );
      return found as SlotClaim;
    },
    async release(slot, organisationCode) {
      const window = isManualJobId(slot) ? [windowKey(organisationCode)] : [];
      await redis.del(pairKey(slot, organisationCode), ...window);
    },
  };
}
