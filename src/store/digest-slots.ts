import type Redis from 'ioredis';

/** Which digests were sent: one entry per (slot, organisation), written before the e-mail goes. */
export interface DigestSlots {
  /** True when this call recorded the pair (send now); false when it was already recorded. */
  claim(slot: string, organisationCode: string): Promise<boolean>;
  /** Forgets the pair after a send that certainly delivered nothing, so that a retry sends it. */
  release(slot: string, organisationCode: string): Promise<void>;
}

/** A recorded pair outlives any retry of its slot: 30 days, in seconds. */
export const DIGEST_SLOT_TTL_SECONDS = 30 * 24 * 60 * 60;

/**
 * `SET NX` with an expiry: one writer wins a pair, across every worker process. Not under
 * `${prefix}:digest:`, which is BullMQ's keyspace for the digest queue.
 */
export function createDigestSlots(redis: Redis, prefix: string): DigestSlots {
  const keyOf = (slot: string, organisationCode: string) =>
    `${prefix}:digest-sent:${slot}:${organisationCode}`;
  return {
    async claim(slot, organisationCode) {
      const set = await redis.set(
        keyOf(slot, organisationCode),
        new Date().toISOString(),
        'EX',
        DIGEST_SLOT_TTL_SECONDS,
        'NX',
      );
      return set === 'OK';
    },
    async release(slot, organisationCode) {
      await redis.del(keyOf(slot, organisationCode));
    },
  };
}
