import type { AdminRole } from './admin-users';
import type { OrganisationScope } from './organisation-scope';

/** Which claims hold roles and organisations (`OIDC_ROLES_CLAIM`, `OIDC_ORGANISATIONS_CLAIM`). */
export interface ClaimNames {
  rolesClaim: string;
  organisationsClaim: string;
}

/** A person or program as the provider's token describes them, once they may use the service. */
export interface ProviderIdentity {
  /** `sub`. */
  subject: string;
  /** How pages and the audit log name them: `name`, else `preferred_username`, else `sub`. */
  user: string;
  /** `name` or `preferred_username`, when the token gives one. */
  name?: string;
  role: AdminRole;
  organisations: OrganisationScope;
}

/** Why a valid token still gives no access: no known role, or no organisation to act for. */
export type NotAuthorised = 'no_role' | 'no_organisations';

const ORGANISATION_CODE = /^[A-Z0-9]{3,5}$/;

/**
 * A claim by name; a name with dots that is not itself a claim is followed as a path
 * (`realm_access.roles`), as some providers nest roles. Entra's `extn.…` names are claims as they are.
 */
function claimAt(claims: Record<string, unknown>, name: string): unknown {
  if (Object.hasOwn(claims, name)) return claims[name];
  let value: unknown = claims;
  for (const part of name.split('.')) {
    if (typeof value !== 'object' || value === null || !Object.hasOwn(value, part)) return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

/** An array of strings (each one value), or one string of values separated by spaces or commas. */
function valuesOf(claim: unknown): string[] {
  if (typeof claim === 'string') return claim.split(/[\s,]+/).filter((item) => item !== '');
  if (!Array.isArray(claim)) return [];
  return claim.filter((item): item is string => typeof item === 'string').map((item) => item.trim());
}

/** `hr-admin` when the roles hold it (it reads and writes), else `support`, else none. */
export function roleOf(claim: unknown): AdminRole | undefined {
  const roles = valuesOf(claim);
  if (roles.includes('hr-admin')) return 'hr-admin';
  if (roles.includes('support')) return 'support';
  return undefined;
}

/** `*` when the claim holds it; else the valid organisation codes it holds (upper case), once each. */
export function organisationsOf(claim: unknown): OrganisationScope {
  const values = valuesOf(claim);
  if (values.includes('*')) return '*';
  return [
    ...new Set(values.map((value) => value.toUpperCase()).filter((code) => ORGANISATION_CODE.test(code))),
  ];
}

const textClaim = (value: unknown): string | undefined =>
  typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;

/**
 * The identity a verified ID token or access token gives, or why it gives none: a token without
 * a known role, or without an organisation to act for, gets nothing of the service.
 */
export function identityFromClaims(
  claims: Record<string, unknown>,
  names: ClaimNames,
): ProviderIdentity | NotAuthorised {
  const role = roleOf(claimAt(claims, names.rolesClaim));
  if (!role) return 'no_role';
  const organisations = organisationsOf(claimAt(claims, names.organisationsClaim));
  if (organisations !== '*' && organisations.length === 0) return 'no_organisations';
  const subject = textClaim(claims.sub) ?? '';
  const name = textClaim(claims.name) ?? textClaim(claims.preferred_username);
  return { subject, user: name ?? subject, ...(name ? { name } : {}), role, organisations };
}
