/** Failed logins tolerated from one address within the window; default 20. */
export const DEFAULT_MAX_LOGIN_FAILURES = 20;
/** The window, milliseconds; default 5 minutes. */
export const DEFAULT_LOGIN_WINDOW_MS = 5 * 60 * 1000;
/** Addresses remembered at most, so a spray from many addresses cannot exhaust memory. */
const MAX_TRACKED_ADDRESSES = 10_000;

export interface LoginRateLimitOptions {
  /** Failed logins tolerated from one address within the window; default 20. */
  maxFailures?: number;
  /** The window, milliseconds, counted from an address's first failure; default 5 minutes. */
  windowMs?: number;
  now?: () => number;
}

export interface LoginRateLimit {
  /** Seconds until the address may try again, or undefined when it may try now. */
  retryAfterSeconds(address: string): number | undefined;
  recordFailure(address: string): void;
}

/**
 * Counts failed logins per client address in this process's memory (one receiver instance: each
 * instance counts its own). Once an address reaches the limit, every admin request from it is
 * refused until its window ends, valid credentials included: otherwise the answer would tell a
 * guesser which password was right.
 */
export function createLoginRateLimit(options: LoginRateLimitOptions = {}): LoginRateLimit {
  const maxFailures = options.maxFailures ?? DEFAULT_MAX_LOGIN_FAILURES;
  const windowMs = options.windowMs ?? DEFAULT_LOGIN_WINDOW_MS;
  const now = options.now ?? Date.now;
  const failures = new Map<string, { count: number; resetAt: number }>();

  function current(address: string) {
    const entry = failures.get(address);
    if (entry && entry.resetAt <= now()) {
      failures.delete(address);
      return undefined;
    }
    return entry;
  }

  function makeRoom(): void {
    for (const address of failures.keys()) current(address);
    // still full: forget the oldest first (a Map iterates in insertion order)
    for (const address of failures.keys()) {
      if (failures.size < MAX_TRACKED_ADDRESSES) break;
      failures.delete(address);
    }
  }

  return {
    retryAfterSeconds(address) {
      const entry = current(address);
      if (!entry || entry.count < maxFailures) return undefined;
      return Math.max(1, Math.ceil((entry.resetAt - now()) / 1000));
    },
    recordFailure(address) {
      if (failures.size >= MAX_TRACKED_ADDRESSES) makeRoom();
      const entry = current(address) ?? { count: 0, resetAt: now() + windowMs };
      entry.count += 1;
      failures.set(address, entry);
    },
  };
}
