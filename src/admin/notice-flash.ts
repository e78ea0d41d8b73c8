import { createHash } from 'node:crypto';
import type Redis from 'ioredis';

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
  /** Notes that `location` (path and query) carries a notice for `user`. */
  note(user: string, location: string): Promise<void>;
  /** True once for a noted address (the note is taken); false for any other or a second look. */
  take(user: string, url: string): Promise<boolean>;
}

export function createNoticeFlash(redis: Redis, prefix: string): NoticeFlash {
  // a hash of who and where: a user name never appears in a key
  const keyOf = (user: string, location: string) =>
    `${prefix}:page-notice:${createHash('sha256').update(`${user}\n${location}`).digest('hex').slice(0, 32)}`;
  return {
    async note(user, location) {
      await redis.set(keyOf(user, location), '1', 'EX', NOTICE_TTL_SECONDS);
    },
    async take(user, url) {
      if (!url.includes('notice=')) return false;
      return (await redis.getdel(keyOf(user, url))) === '1';
    },
  };
}
