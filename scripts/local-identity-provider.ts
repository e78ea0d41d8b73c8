/**
 * `npm start` without OIDC_ISSUER_URL (outside production): a local OpenID provider beside the
 * sandboxes (sandbox/identity: a real oidc-provider) with the demo people, so that signing in works
 * as it will with the organisation's own provider. The children get OIDC_* pointing at it; the
 * banner tells how to sign in as each person and how to get a bearer token. oidc-provider is a
 * development dependency, as everything `npm start` runs beside the connector is.
 */
import type { Config } from '../config';
import type { ShutdownSequence } from '../src/platform/shutdown';
import {
  DEMO_PEOPLE,
  DEMO_PROGRAMS,
  type DemoPerson,
  type DemoProgram,
} from '../sandbox/identity/demo-people';
import { startIdentityProvider } from '../sandbox/identity/identity-provider';

export interface LocalIdentityProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  people: readonly (DemoPerson & { password: string })[];
  programs: readonly (DemoProgram & { secret: string })[];
}

/** Starts the provider when none is configured and this is not production; undefined otherwise. */
export async function resolveIdentityProvider(
  config: Config,
  connectorUrls: readonly string[],
  shutdown: ShutdownSequence,
): Promise<LocalIdentityProvider | undefined> {
  if (config.isProduction || config.oidc) return undefined;
  const started = await startIdentityProvider({
    connectorUrls: [...new Set(connectorUrls)],
    // the audience the receiver will expect (OIDC_API_AUDIENCE, default dit-checks-connector)
    apiAudience: process.env.OIDC_API_AUDIENCE?.trim() || undefined,
  });
  shutdown.onStop({ name: 'local OpenID provider', run: () => started.close(), deadlineMs: 5000 });
  return {
    issuer: started.issuer,
    clientId: started.clientId,
    clientSecret: started.clientSecret,
    people: DEMO_PEOPLE.map((person) => ({ ...person, password: started.passwords[person.login] ?? '' })),
    programs: DEMO_PROGRAMS.map((program) => ({
      ...program,
      secret: started.programSecrets[program.clientId] ?? '',
    })),
  };
}

/** The children's environment for the local provider. */
export function identityEnvironment(provider: LocalIdentityProvider | undefined): NodeJS.ProcessEnv {
  if (!provider) return {};
  return {
    OIDC_ISSUER_URL: provider.issuer,
    OIDC_CLIENT_ID: provider.clientId,
    OIDC_CLIENT_SECRET: provider.clientSecret,
  };
}

/** The banner's lines: how to sign in as each demo person, and how to get a bearer token. */
export function identityBannerLines(
  provider: LocalIdentityProvider | undefined,
  receiverUrl: string,
): string[] {
  if (!provider) return [];
  const program = provider.programs[0];
  const lines = [
    '',
    `Sign in at ${receiverUrl}/admin (local OpenID provider ${provider.issuer}) as:`,
    ...provider.people.map(
      (person) => `  ${person.login.padEnd(9)} password ${person.password}   ${person.description}`,
    ),
  ];
  if (program) {
    lines.push(
      '',
      `Bearer token for the API (program ${program.clientId}: ${program.description}):`,
      `  TOKEN=$(curl -s -u '${program.clientId}:${program.secret}' -d grant_type=client_credentials ${provider.issuer}/token | sed -E 's/.*"access_token":"([^"]+)".*/\\1/')`,
      `  curl -H "Authorization: Bearer $TOKEN" ${receiverUrl}/admin/transfers`,
    );
  }
  return lines;
}
