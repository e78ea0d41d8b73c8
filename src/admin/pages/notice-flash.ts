import type { AdminIdentity } from '../auth/admin-users';

/** How long a noted notice waits for its redirect to be followed: seconds. */
export const NOTICE_TTL_SECONDS = 600;

/**
 * A page action's notice ("Transfer … is queued") is shown on the redirect that follows the action,
 * once: the action notes the redirect's address for the user who acted, and the page shows the
 * notice only when it takes that note. A reload, a bookmark, a shared link or the back button
 * finds no note and shows no notice, so a banner never outlives what it announced (a transfer
 * queued, then failed again). The address keeps its notice code and ids (`?notice=queued&…`),
 * which say nothing personal. The notes are kept by src/store/notice-flash.ts.
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
