import { readFileSync, statSync } from 'node:fs';
import { z } from 'zod';
import { EmailAddressSchema } from './digest-env';

/** An NHS organisation that requested the service; its DiT provider creates the ESR applicants. */
export const OrganisationSchema = z.object({
  code: z.string().regex(/^[A-Z0-9]{3,5}$/, 'must be 3 to 5 upper-case letters or digits'),
  name: z.string().min(1),
  ditProvider: z.enum(['TIS', 'HICOM']),
  enabled: z.boolean(),
  /** Where the e-mail digest of this organisation's failed transfers goes; none: no digest. */
  hrEmails: z.array(EmailAddressSchema).optional(),
});
export type Organisation = z.infer<typeof OrganisationSchema>;

export const OrganisationsSchema = z.array(OrganisationSchema).superRefine((list, ctx) => {
  const seen = new Set<string>();
  for (const [index, organisation] of list.entries()) {
    if (seen.has(organisation.code)) {
      ctx.addIssue({ code: 'custom', path: [index, 'code'], message: `duplicate code ${organisation.code}` });
    }
    seen.add(organisation.code);
  }
});

/** Reads and validates an organisations file; throws with every problem named. */
export function readOrganisationsFile(file: string): Organisation[] {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`ORGANISATIONS_FILE ${file}: ${(error as Error).message}`, { cause: error });
  }
  const parsed = OrganisationsSchema.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`ORGANISATIONS_FILE ${file}: ${problems}`);
  }
  return parsed.data;
}

export interface OrganisationDirectory {
  /** The organisation when it is listed and enabled, else undefined. */
  findEnabled(code: string): Organisation | undefined;
  all(): readonly Organisation[];
}

/**
 * The organisations file, re-read when it changes (checked at most once a second) so that an
 * organisation disabled while transfers are queued takes effect without a restart. A file that
 * becomes invalid keeps the last good list.
 */
export function createOrganisationDirectory(file: string, recheckMs = 1000): OrganisationDirectory {
  let organisations = readOrganisationsFile(file);
  let mtimeMs = statSync(file).mtimeMs;
  let checkedAt = Date.now();

  function refresh(): void {
    const now = Date.now();
    if (now - checkedAt < recheckMs) return;
    checkedAt = now;
    try {
      const current = statSync(file).mtimeMs;
      if (current === mtimeMs) return;
      organisations = readOrganisationsFile(file);
      mtimeMs = current;
    } catch {
      // keep the last good list; start-up already proved the file once
    }
  }

  return {
    findEnabled(code) {
      refresh();
      return organisations.find((o) => o.code === code && o.enabled);
    },
    all() {
      refresh();
      return organisations;
    },
  };
}
