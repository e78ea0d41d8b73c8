import { createHash } from 'node:crypto';
import type Redis from 'ioredis';
import { NOTICE_TTL_SECONDS, type NoticeFlash, type NoticeOwner } from '../admin/pages/notice-flash';

/** The notes of notice-flash.ts in Redis, `${prefix}:page-notice:<hash>`, each for NOTICE_TTL_SECONDS. */
export function createNoticeFlash(redis: Redis, prefix: string): NoticeFlash {
  // a hash of who and where: neither a subject nor a user name appears in a key; the two are kept
  // apart (`sub:`/`user:`) so that no local account's name can stand for a provider's subject
  const keyOf = (who: NoticeOwner, location: string) => {
    const owner = who.subject ? `sub:${who.subject}` : `user:${who.user}`;
    const hash = createHash('sha256').update(`${owner}\n${location}`).digest('hex').slice(0, 32);
    return `${prefix}:page-notice:${hash}`;
  };
  return {
    async note(who, location) {
      await redis.set(keyOf(who, location), '1', 'EX', NOTICE_TTL_SECONDS);
    },
    async take(who, url) {
      if (!url.includes('notice=')) return false;
      return (await redis.getdel(keyOf(who, url))) === '1';
    },
  };
}
