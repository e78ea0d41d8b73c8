import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { SessionStore } from '../../store/session-store';
import { ADMIN_ROLES } from './admin-users';
import type { ProviderIdentity } from './identity-claims';

/** A signed-in person: who the ID token said they are, their form token, when they signed in. */
export interface Session extends ProviderIdentity {
  /** The token every form of theirs carries (write-guard.ts): random, one per session. */
  csrfToken: string;
  /** Sign-in time, milliseconds since the epoch: the absolute time-out counts from it. */
  createdAt: number;
}

/** What Redis holds: identifiers, role and organisations; no token of the provider. */
const SessionSchema = z.object({
  subject: z.string(),
  user: z.string(),
  name: z.string().optional(),
  role: z.enum(ADMIN_ROLES),
  organisations: z.union([z.literal('*'), z.array(z.string())]),
  csrfToken: z.string().min(32),
  createdAt: z.number().int(),
});

export interface SessionTimeouts {
  /** A session ends this long after its last request, milliseconds. */
  idleMs: number;
  /** …and this long after sign-in, whatever happens, milliseconds. */
  maxMs: number;
}

export interface Sessions extends SessionTimeouts {
  /** A new session (a fresh id: never one the browser had before signing in). */
  start(identity: ProviderIdentity): Promise<{ id: string; session: Session }>;
  /** The live session of an id, its idle time-out restarted; undefined when it ended or expired. */
  read(id: string): Promise<Session | undefined>;
  end(id: string): Promise<void>;
}

/** 256 random bits, URL-safe: a session id, a sign-in id or a form token. */
export const randomToken = (): string => randomBytes(32).toString('base64url');

/** A session id as `randomToken` writes it; anything else is not looked up. */
const SESSION_ID = /^[A-Za-z0-9_-]{43}$/;

export function createSessions(store: SessionStore, timeouts: SessionTimeouts, now: () => Date): Sessions {
  return {
    ...timeouts,
    async start(identity) {
      const id = randomToken();
      const session: Session = { ...identity, csrfToken: randomToken(), createdAt: now().getTime() };
      await store.create(id, JSON.stringify(session), Math.min(timeouts.idleMs, timeouts.maxMs));
      return { id, session };
    },
    async read(id) {
      if (!SESSION_ID.test(id)) return undefined;
      const stored = await store.touch(id, timeouts.idleMs);
      if (stored === undefined) return undefined;
      let parsed: z.infer<typeof SessionSchema> | undefined;
      try {
        const result = SessionSchema.safeParse(JSON.parse(stored));
        parsed = result.success ? result.data : undefined;
      } catch {
        parsed = undefined;
      }
      if (!parsed || now().getTime() - parsed.createdAt >= timeouts.maxMs) {
        await store.end(id);
        return undefined;
      }
      return parsed;
    },
    end: (id) => store.end(id),
  };
}
