import type { OrganisationDirectory } from '../../../config/organisations';
import { parseTransferId } from '../../transfer/transfer-ids';

/**
 * The organisations a person or program acts for: `'*'` (every organisation, enabled now or
 * later) or the organisation codes they were given. Every list, count, search and write of the
 * admin side takes one ("every query knows who is asking"); these helpers are pure so that the
 * store, the routes and the pages decide the same way.
 */
export type OrganisationScope = '*' | readonly string[];

/** Whether `scope` lets its holder see or change what belongs to organisation `code`. */
export function permits(scope: OrganisationScope, code: string): boolean {
  return scope === '*' || scope.includes(code);
}

/**
 * Whether the transfer (its organisation is its id's prefix) is one `scope` may see. Acting for
 * all, any id; else an id that names no organisation is no one's.
 */
export function permitsTransfer(scope: OrganisationScope, transferId: string): boolean {
  if (scope === '*') return true;
  const ids = parseTransferId(transferId);
  return ids !== undefined && permits(scope, ids.organisationCode);
}

/**
 * Whether `scope` spans every organisation (`*`, or every enabled code): needed for what holds
 * every organisation's work at once (Bull Board, a sweep now). With no organisation enabled, only
 * `*` does (the queues may still hold disabled organisations' jobs).
 */
export function actsForAll(scope: OrganisationScope, enabledCodes: readonly string[]): boolean {
  if (scope === '*') return true;
  return enabledCodes.length > 0 && enabledCodes.every((code) => scope.includes(code));
}

/** `actsForAll` against the organisations file as it is now. */
export function actsForAllIn(
  scope: OrganisationScope,
  directory: Pick<OrganisationDirectory, 'all'>,
): boolean {
  const enabled = directory.all().filter((organisation) => organisation.enabled);
  return actsForAll(
    scope,
    enabled.map((organisation) => organisation.code),
  );
}

/** The codes among `codes` that `scope` permits, in their order. */
export function permittedAmong(scope: OrganisationScope, codes: readonly string[]): string[] {
  return codes.filter((code) => permits(scope, code));
}

/**
 * The organisations a query should read: undefined for every organisation (no filter), else the
 * permitted codes, narrowed to `requested` when the caller asked for one (an organisation they
 * do not act for gives `[]`: nothing, as if it had nothing).
 */
export function organisationsToRead(
  scope: OrganisationScope,
  requested?: string,
): readonly string[] | undefined {
  if (requested !== undefined) return permits(scope, requested) ? [requested] : [];
  return scope === '*' ? undefined : scope;
}

/** How the audit log and the pages write a scope: `*`, or the codes joined with `+`. */
export function describeScope(scope: OrganisationScope): string {
  return scope === '*' ? '*' : scope.join('+');
}
