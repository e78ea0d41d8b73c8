import { createHash } from 'node:crypto';

/** Keys are kept 24 hours (esr.md). */
export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;

/** `Idempotency-Key`: 1 to 255 printable ASCII characters (esr.md). */
const KEY_FORMAT = /^[\x20-\x7E]{1,255}$/;

export function isValidIdempotencyKey(key: string): boolean {
  return KEY_FORMAT.test(key);
}

/** The answer ESR gave the first time, replayed byte for byte. */
export interface StoredAnswer {
  status: number;
  body: unknown;
}

export type KeyState =
  | { state: 'in-flight'; fingerprint: string }
  | { state: 'completed'; fingerprint: string; answer: StoredAnswer; completedAt: number };

export interface IdempotencyStore {
  /** The key's entry; a completed one older than the TTL is forgotten and reads as undefined. */
  lookup(key: string): KeyState | undefined;
  /** Marks the key in use until `complete` or `release`. */
  claim(key: string, fingerprint: string): void;
  complete(key: string, answer: StoredAnswer): void;
  /** Frees a key whose request failed before storing, so a retry is not answered IN_USE forever. */
  release(key: string): void;
}

/** Sorted keys at every level, so the same JSON with its fields in another order is the same body. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** What makes two requests "the same" for a key: method, path and canonical body. */
export function requestFingerprint(method: string, path: string, body: unknown): string {
  return createHash('sha256')
    .update(`${method}\n${path}\n${canonicalJson(body)}`)
    .digest('hex');
}

export function createIdempotencyStore(now: () => number, ttlMs = IDEMPOTENCY_TTL_MS): IdempotencyStore {
  const entries = new Map<string, KeyState>();
  let sweptAt = now();

  const isExpired = (entry: KeyState, at: number) =>
    entry.state === 'completed' && at - entry.completedAt >= ttlMs;

  // Lazy forgetting keeps memory bounded in long demo runs without a timer holding the process.
  function sweep(): void {
    const at = now();
    if (at - sweptAt < 60_000) return;
    sweptAt = at;
    for (const [key, entry] of entries) if (isExpired(entry, at)) entries.delete(key);
  }

  return {
    lookup(key) {
      const entry = entries.get(key);
      if (entry && isExpired(entry, now())) {
        entries.delete(key);
        return undefined;
      }
      return entry;
    },
    claim(key, fingerprint) {
      sweep();
      entries.set(key, { state: 'in-flight', fingerprint });
    },
    complete(key, answer) {
      const entry = entries.get(key);
      if (!entry) return;
      entries.set(key, { state: 'completed', fingerprint: entry.fingerprint, answer, completedAt: now() });
    },
    release(key) {
      if (entries.get(key)?.state === 'in-flight') entries.delete(key);
    },
  };
}
