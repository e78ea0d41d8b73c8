import { z } from 'zod';
import { parseTransferId } from '../../transfer/transfer-ids';
import { ADMIN_ROLES, type AdminIdentity } from '../auth/admin-users';
import { describeScope, permits, type OrganisationScope } from '../auth/organisation-scope';

/** One admin write: who, what, which transfers, when, and the HTTP status it got. Ids only. */
export const AuditEntrySchema = z.object({
  at: z.string(),
  /** Who acted: a local account's name, or the name the identity provider gives them. */
  user: z.string(),
  /** The identity provider's subject (`sub`) of who acted; none for a local account. */
  subject: z.string().optional(),
  /** Their name as the identity provider gives it (`name` or `preferred_username`), where it does. */
  name: z.string().optional(),
  role: z.enum(ADMIN_ROLES),
  /**
   * The organisations they act for, codes joined by `+` (shown as far as the reader's own); left
   * out when they act for all.
   */
  actingFor: z.string().optional(),
  /** `retry`, `retry-bulk`, `start`, `bull-board`, `digest`, `reconciliation` or `match-preview`. */
  action: z.string(),
  /** The transfer id, the filter and the transfers of a bulk re-queue, or Bull Board's method and path. */
  target: z.string(),
  /** The HTTP status answered, e.g. `202`, `409`, `503` (refusals are kept apart, see `refused`). */
  result: z.string(),
});
export type AuditEntry = z.infer<typeof AuditEntrySchema>;

export type AuditAction =
  | 'retry'
  | 'retry-bulk'
  | 'send-outstanding'
  | 'start'
  | 'bull-board'
  | 'digest'
  | 'reconciliation'
  | 'match-preview';
/**
 * The organisations a write's target belongs to: their codes, or `*` for what spans every
 * organisation. Left out, those of the transfers the entry names.
 */
export type TargetOrganisations = readonly string[] | '*';

/** The transfer ids a target names (`R0A-A-1`, `reason=X: R0A-A-1,R0A-A-2`, `PUT /…/R0A-A-1/retry`). */
export function transfersNamedIn(target: string): string[] {
  return target.split(/[\s,:/]+/).filter((token) => parseTransferId(token) !== undefined);
}

/** Who did what to which target, and what was answered; undefined fields are left out. */
export function entryFor(
  identity: AdminIdentity,
  action: AuditAction,
  target: string,
  status: number,
): AuditEntry {
  const { subject, name, organisations } = identity;
  return {
    at: new Date().toISOString(),
    user: identity.user,
    ...(subject === undefined ? {} : { subject }),
    ...(name === undefined ? {} : { name }),
    role: identity.role,
    ...(organisations === '*' ? {} : { actingFor: describeScope(organisations) }),
    action,
    target,
    result: String(status),
  };
}

/**
 * The entry as a reader acting for some organisations sees it: of the organisations its author
 * acts for, only the reader's own.
 */
export function asSeenBy(entry: AuditEntry, reader: OrganisationScope): AuditEntry {
  if (reader === '*' || entry.actingFor === undefined) return entry;
  const actingFor = entry.actingFor.split('+').filter((code) => permits(reader, code));
  return { ...entry, actingFor: actingFor.join('+') };
}
