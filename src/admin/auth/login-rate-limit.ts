/** Failed logins of one (user, client address) pair that lock it; default 10 (connector.md). */
export const DEFAULT_MAX_LOGIN_FAILURES = 10;
/** The window the failures are counted in, seconds; default 15 minutes. */
export const DEFAULT_LOGIN_WINDOW_SECONDS = 15 * 60;
/** How long a locked pair is refused, seconds, from the failure that locked it; default 15 minutes. */
export const DEFAULT_LOGIN_BLOCK_SECONDS = 15 * 60;
/** Names one client address has counted each on its own at once; further names share one count. */
export const MAX_NAMES_PER_ADDRESS = 20;

export interface LoginRateLimitOptions {
  /** Failed logins of one (user, address) pair within the window that lock it; default 10. */
  maxFailures?: number;
  /** The window, whole seconds, counted from the pair's first failure; default 900 (15 minutes). */
  windowSeconds?: number;
  /** How long a locked pair gets `429`, whole seconds; default 900 (15 minutes). */
  blockSeconds?: number;
}

/** What one failed login leads to. */
export interface LoginFailure {
  /** This failure reached the limit: the name (or the address's further names) is locked from now. */
  lockedNow: boolean;
  /** Seconds to wait when this failure is already answered `429`; undefined: answered `401`. */
  retryAfterSeconds?: number;
}

/**
 * Failed admin logins counted per (user, client address) pair, shared by every receiver process
 * (src/store/login-rate-limit.ts keeps the counts). A locked pair is refused until its block ends, valid
 * credentials included: otherwise the answer would tell a guesser which password was right. Other
 * users at the same address, and the same user elsewhere, are other pairs; no volume of other
 * traffic drops or resets a count.
 *
 * What a caller without credentials can make the store keep is bounded, and the answers do not tell
 * which names exist: one address counts at most 20 names each on its own (configured or not, alike;
 * a name keeps its place while its count lives). Every further name at that address shares one
 * count: 10 failures among them lock them all for 15 minutes. A configured user's own count goes on
 * beside it, so that a configured user who has not failed there still signs in with the right
 * password, and 10 wrong guesses still lock that user there. docs/security.md, "Known limits", says
 * what differs between configured and unknown names once an address is full.
 */
export interface LoginRateLimit {
  /**
   * Seconds until the pair may try again whatever the password, or undefined when it may try now.
   * Rejects when the counts cannot be read or written.
   */
  retryAfterSeconds(user: string, address: string): Promise<number | undefined>;
  /**
   * Counts one failure of the pair. `configuredUser`: whether the name is one of ADMIN_USERS or
   * SUPPORT_USERS. Rejects when the counts cannot be read or written.
   */
  recordFailure(user: string, address: string, configuredUser: boolean): Promise<LoginFailure>;
}
