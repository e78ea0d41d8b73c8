import { createHash } from 'node:crypto';
import type Redis from 'ioredis';
import type { AdminIdentity } from '../auth/admin-users';

/** How long a noted notice waits for its redirect to be followed: seconds. */
export const NOTICE_TTL_SECONDS = 600;

/**
 * A page action's notice ("Transfer … is queued") is shown on the redirect that follows the action,
 * once: the action notes the redirect's address for the user who acted, and the page shows the
 * notice only when it takes that note. A reload, a bookmark, a shared link or the back button
 * finds no note and shows no notice, so a banner never outlives what it announced (a transfer
 * queued, then failed again). The address keeps its notice code and ids (`?notice=queued&…`),
 * which say nothing personal.
 */
export interface NoticeFlash {
  /** Notes that `location` (path and query) carries a notice for whoever acted. */
  note(who: NoticeOwner, location: string): Promise<void>;
  /** True once for a noted address (the note is taken); false for any other or a second look. */
  take(who: NoticeOwner, url: string): Promise<boolean>;
}

/**
 * Who a notice is for: the provider's subject where there is one (its `name` is a display name two
 * people may share), else the local account's user name.
 */
export type NoticeOwner = Pick<AdminIdentity, 'user' | 'subject'>;

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
