import { z } from 'zod';
import { integer, url } from './env-schema';

/** A claim's name as a provider writes it: `roles`, `organisations`, `extn.orgCodes`, a URL… */
const claimName = z
  .string()
  .trim()
  .regex(/^[\x21-\x7e]{1,200}$/, 'must be a claim name: printable characters, no spaces');

/**
 * Sign-in with an OpenID Connect provider (connector.md "People: sign-in, roles and
 * organisations"). The three connection variables go together; the rest are tunables with the
 * contract's defaults, production included. `OIDC_CLIENT_SECRET` is a secret: never logged.
 */
export const SignInEnvSchema = z.object({
  OIDC_ISSUER_URL: url(/^https?:$/, 'http(s)://').optional(),
  OIDC_CLIENT_ID: z.string().trim().min(1).optional(),
  OIDC_CLIENT_SECRET: z.string().min(1).optional(),
  OIDC_ROLES_CLAIM: claimName.default('roles'),
  OIDC_ORGANISATIONS_CLAIM: claimName.default('organisations'),
  OIDC_API_AUDIENCE: z.string().trim().min(1).max(500).default('dit-checks-connector'),
  SESSION_IDLE_MINUTES: integer(1, 24 * 60).default(30),
  SESSION_MAX_HOURS: integer(1, 7 * 24).default(10),
});
type SignInEnv = z.infer<typeof SignInEnvSchema>;

/** The connector's client at the provider, and how to read the provider's tokens. */
export interface OidcConfig {
  /** `OIDC_ISSUER_URL`: the provider, found through its `/.well-known/openid-configuration`. */
  issuerUrl: string;
  clientId: string;
  /** `OIDC_CLIENT_SECRET`. Never logged. */
  clientSecret: string;
  /** The claim with `hr-admin` / `support` (array, or one space-separated string); default `roles`. */
  rolesClaim: string;
  /** The claim with organisation codes or `*`; default `organisations`. */
  organisationsClaim: string;
  /** The `aud` a bearer access token must carry; default `dit-checks-connector`. */
  apiAudience: string;
}

export interface SignInConfig {
  /** Sign-in with a provider and bearer tokens; undefined: local accounts (HTTP Basic) only. */
  oidc: OidcConfig | undefined;
  /** A session ends this long after its last request (default 30 minutes)… */
  sessionIdleMinutes: number;
  /** …and this long after sign-in, whatever happens (default 10 hours). */
  sessionMaxHours: number;
}

const CONNECTION = ['OIDC_ISSUER_URL', 'OIDC_CLIENT_ID', 'OIDC_CLIENT_SECRET'] as const;

/** Whether all three connection variables are set (present, not empty). */
export function hasSignInProvider(present: Record<string, string>): boolean {
  return CONNECTION.every((name) => present[name] !== undefined);
}

/** What is wrong with the combination of sign-in variables, beyond each one's own format. */
export function signInProblems(present: Record<string, string>, isProduction: boolean): string[] {
  const given = CONNECTION.filter((name) => present[name] !== undefined);
  const problems: string[] = [];
  if (given.length > 0 && given.length < CONNECTION.length) {
    problems.push(`${CONNECTION.join(', ')}: set all three (sign-in with a provider) or none`);
  }
  if (isProduction && given.length === CONNECTION.length) {
    if (!/^https:/i.test(present.OIDC_ISSUER_URL ?? '')) {
      problems.push('OIDC_ISSUER_URL: must be an https:// URL in production');
    }
    if (present.PUBLIC_BASE_URL === undefined) {
      problems.push(
        'PUBLIC_BASE_URL: is required with OIDC_ISSUER_URL in production (the sign-in comes back to PUBLIC_BASE_URL/auth/callback)',
      );
    }
  }
  return problems;
}

export function signInConfigOf(env: SignInEnv): SignInConfig {
  const { OIDC_ISSUER_URL: issuerUrl, OIDC_CLIENT_ID: clientId, OIDC_CLIENT_SECRET: clientSecret } = env;
  return {
    oidc:
      issuerUrl && clientId && clientSecret
        ? {
            issuerUrl,
            clientId,
            clientSecret,
            rolesClaim: env.OIDC_ROLES_CLAIM,
            organisationsClaim: env.OIDC_ORGANISATIONS_CLAIM,
            apiAudience: env.OIDC_API_AUDIENCE,
          }
        : undefined,
    sessionIdleMinutes: env.SESSION_IDLE_MINUTES,
    sessionMaxHours: env.SESSION_MAX_HOURS,
  };
}
