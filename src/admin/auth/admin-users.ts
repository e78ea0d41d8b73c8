import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { Response } from 'express';
import type { UserCredential } from '../../../config';
import type { OrganisationScope } from './organisation-scope';

export const ADMIN_ROLES = ['hr-admin', 'support'] as const;
/** `hr-admin` reads and writes; `support` reads only. */
export type AdminRole = (typeof ADMIN_ROLES)[number];

export interface AdminIdentity {
  /** Who acted, as the audit log names them: a local account's name, or the provider's. */
  user: string;
  role: AdminRole;
  /** The organisations they act for: every list, count, search and write is limited to these. */
  organisations: OrganisationScope;
  /** The provider's display name (`name` or `preferred_username`), where it gave one. */
  name?: string;
  /** The provider's subject (`sub`) for a person or program signed in there; none for a local account. */
  subject?: string;
  /** The token the HR page's forms carry (see `csrfTokenFor`). */
  csrfToken: string;
}

export interface AdminDirectory {
  /** The identity whose user name and password both match, else undefined. */
  authenticate(user: string, password: string): AdminIdentity | undefined;
  /** Whether a user name is configured: a name typed in that is not one may be a password. */
  isKnownUser(user: string): boolean;
}

const digest = (value: string): Buffer => createHash('sha256').update(value, 'utf8').digest();

/**
 * A form token bound to the user and keyed by their password: every receiver instance derives the
 * same one without a shared secret, a cross-site page cannot compute it, and a password change
 * revokes it.
 */
export function csrfTokenFor(credential: Pick<UserCredential, 'user' | 'password'>): string {
  return createHmac('sha256', `dit-csrf|${credential.password}`).update(credential.user).digest('base64url');
}

/**
 * ADMIN_USERS and SUPPORT_USERS. Names and passwords are compared as SHA-256 digests with
 * `timingSafeEqual`, against every entry whatever matched before, so the time taken reveals neither
 * a password's prefix nor whether a user name exists.
 */
export function createAdminDirectory(
  admins: readonly UserCredential[],
  supports: readonly UserCredential[],
): AdminDirectory {
  const entries = [
    ...admins.map((credential) => ({ credential, role: 'hr-admin' as const })),
    ...supports.map((credential) => ({ credential, role: 'support' as const })),
  ].map((entry) => ({
    ...entry,
    user: digest(entry.credential.user),
    password: digest(entry.credential.password),
  }));

  return {
    authenticate(user, password) {
      const givenUser = digest(user);
      const givenPassword = digest(password);
      let found: (typeof entries)[number] | undefined;
      for (const entry of entries) {
        const userMatches = timingSafeEqual(givenUser, entry.user);
        const passwordMatches = timingSafeEqual(givenPassword, entry.password);
        if (userMatches && passwordMatches && !found) found = entry;
      }
      if (!found) return undefined;
      return {
        user: found.credential.user,
        role: found.role,
        organisations: found.credential.organisations,
        csrfToken: csrfTokenFor(found.credential),
      };
    },
    isKnownUser(user) {
      const givenUser = digest(user);
      return entries.reduce((known, entry) => timingSafeEqual(givenUser, entry.user) || known, false);
    },
  };
}

/** The identity `authenticate` stored on the response; every admin route runs after it. */
export function identityOf(res: Response): AdminIdentity {
  const identity = res.locals.admin as AdminIdentity | undefined;
  if (!identity) throw new Error('admin route mounted without authentication');
  return identity;
}
