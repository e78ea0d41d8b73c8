import { createHash } from 'node:crypto';
import type Redis from 'ioredis';

/**
 * Sign-in sessions and sign-ins in progress, in Redis: every receiver process reads the same ones,
 * so a cookie set by one works on all. Values are opaque text to this adapter (the auth code
 * parses them); keys hold a SHA-256 of the id, never the id itself, so a copy of Redis holds no
 * cookie that could be replayed.
 */
export interface SessionStore {
  /** Keeps a new session for `ttlMs`. */
  create(id: string, value: string, ttlMs: number): Promise<void>;
  /** The session's value, its time-out restarted at `idleMs`; undefined when it ended or expired. */
  touch(id: string, idleMs: number): Promise<string | undefined>;
  /** Ends a session now (sign-out, or past its absolute time-out). */
  end(id: string): Promise<void>;
  /** Keeps what a sign-in needs when the browser comes back (`state`, `nonce`, PKCE verifier). */
  savePending(id: string, value: string, ttlMs: number): Promise<void>;
  /** What `savePending` kept, removed as it is read: a sign-in completes once. */
  takePending(id: string): Promise<string | undefined>;
}

const hashOf = (id: string): string => createHash('sha256').update(id, 'utf8').digest('base64url');

/** The store on the receiver's fail-fast connection: a Redis that cannot answer fails the request (`503`). */
export function createSessionStore(redis: Redis, prefix: string): SessionStore {
  const sessionKey = (id: string) => `${prefix}:session:${hashOf(id)}`;
  const pendingKey = (id: string) => `${prefix}:sign-in:${hashOf(id)}`;
  return {
    async create(id, value, ttlMs) {
      await redis.set(sessionKey(id), value, 'PX', Math.max(1, Math.ceil(ttlMs)));
    },
    async touch(id, idleMs) {
      const value = await redis.getex(sessionKey(id), 'PX', Math.max(1, Math.ceil(idleMs)));
      return value ?? undefined;
    },
    async end(id) {
      await redis.del(sessionKey(id));
    },
    async savePending(id, value, ttlMs) {
      await redis.set(pendingKey(id), value, 'PX', Math.max(1, Math.ceil(ttlMs)));
    },
    async takePending(id) {
      const value = await redis.getdel(pendingKey(id));
      return value ?? undefined;
    },
  };
}
