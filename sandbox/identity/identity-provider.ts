import { randomBytes, type JsonWebKey } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import Provider, { errors, type ProviderContext } from 'oidc-provider';
import { closeServer } from '../http-server';
import { aDemoSecret, DEMO_PEOPLE, DEMO_PROGRAMS, type DemoPerson, type DemoProgram } from './demo-people';
import { createInteractionRouter, escapeHtml, providerPage } from './interaction-pages';
import { anRsaSigningKey } from './signing-key';

/** The resource indicator of the connector's API: programs' tokens are issued for it. */
export const API_RESOURCE = 'urn:dit-checks-connector:api';

export interface IdentityProviderOptions {
  host?: string;
  /** Default 0: a port the OS picks. */
  port?: number;
  /** The connector's addresses as browsers reach them: `…/auth/callback` and `…/auth/signed-out` are registered. */
  connectorUrls: readonly string[];
  /** The connector's client; default `dit-checks-connector-web` with a new secret. */
  clientId?: string;
  clientSecret?: string;
  /** The `aud` of programs' access tokens; default `dit-checks-connector`. */
  apiAudience?: string;
  people?: readonly DemoPerson[];
  /** Passwords by login; a person left out gets a new one. */
  passwords?: Readonly<Record<string, string>>;
  programs?: readonly DemoProgram[];
  /** Client secrets by client id; a program left out gets a new one. */
  programSecrets?: Readonly<Record<string, string>>;
  /** Private signing keys (JWK); default one new RSA key. Tests sign tokens of their own with them. */
  signingKeys?: readonly JsonWebKey[];
  /** Lifetime of access tokens, seconds; default 600. */
  accessTokenTtlSeconds?: number;
}

export interface StartedIdentityProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  passwords: Record<string, string>;
  programSecrets: Record<string, string>;
  close(): Promise<void>;
}

const secretsFor = (ids: readonly string[], given: Readonly<Record<string, string>> = {}) =>
  Object.fromEntries(ids.map((id) => [id, given[id] ?? aDemoSecret()]));

/** The roles and organisations a token carries, as the connector reads them (default claim names). */
const accessClaims = (who: { roles: readonly string[]; organisations: '*' | readonly string[] }) => ({
  roles: [...who.roles],
  organisations: who.organisations === '*' ? '*' : [...who.organisations],
});

function listenOn(server: Server, host: string, port: number): Promise<string> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      const { port: bound } = server.address() as AddressInfo;
      resolve(`http://${host.includes(':') ? `[${host}]` : host}:${bound}`);
    });
  });
}

/**
 * A real OpenID Connect provider (oidc-provider, the certified Node.js implementation) for
 * `npm start` and the tests: the demo people sign in with a user name and password; the
 * connector's client uses the authorization code flow with PKCE; programs get JWT access tokens
 * for the connector's API by client credentials. State is in memory: a restart forgets sessions.
 */
export async function startIdentityProvider(
  options: IdentityProviderOptions,
): Promise<StartedIdentityProvider> {
  const people = options.people ?? DEMO_PEOPLE;
  const programs = options.programs ?? DEMO_PROGRAMS;
  const clientId = options.clientId ?? 'dit-checks-connector-web';
  const clientSecret = options.clientSecret ?? aDemoSecret();
  const passwords = secretsFor(
    people.map((person) => person.login),
    options.passwords,
  );
  const programSecrets = secretsFor(
    programs.map((program) => program.clientId),
    options.programSecrets,
  );
  const accessTokenTtl = options.accessTokenTtlSeconds ?? 600;
  const server = createServer();
  const issuer = await listenOn(server, options.host ?? '127.0.0.1', options.port ?? 0);

  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: options.connectorUrls.map((url) => `${url}/auth/callback`),
        post_logout_redirect_uris: options.connectorUrls.map((url) => `${url}/auth/signed-out`),
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_post',
      },
      ...programs.map((program) => ({
        client_id: program.clientId,
        client_secret: programSecrets[program.clientId],
        grant_types: ['client_credentials'],
        response_types: [],
        redirect_uris: [],
        token_endpoint_auth_method: 'client_secret_basic',
      })),
    ],
    jwks: { keys: options.signingKeys ?? [anRsaSigningKey()] },
    cookies: { keys: [randomBytes(32).toString('base64url')] },
    pkce: { required: () => true },
    claims: { openid: ['sub', 'roles', 'organisations'], profile: ['name', 'preferred_username'] },
    // roles and organisations in the ID token itself (the connector reads them there)
    conformIdTokenClaims: false,
    ttl: {
      AccessToken: accessTokenTtl,
      ClientCredentials: accessTokenTtl,
      AuthorizationCode: 60,
      IdToken: 3600,
      Interaction: 600,
      Session: 86_400,
      Grant: 86_400,
    },
    interactions: {
      url: (_ctx: ProviderContext, interaction: { uid: string }) => `/interaction/${interaction.uid}`,
    },
    findAccount(_ctx: ProviderContext, id: string) {
      const person = people.find((candidate) => candidate.login === id);
      if (!person) return undefined;
      return {
        accountId: id,
        claims: () => ({ sub: id, name: person.name, preferred_username: id, ...accessClaims(person) }),
      };
    },
    extraTokenClaims(_ctx: ProviderContext, token: { accountId?: string; clientId?: string }) {
      const who = token.accountId
        ? people.find((person) => person.login === token.accountId)
        : programs.find((program) => program.clientId === token.clientId);
      return who ? accessClaims(who) : undefined;
    },
    async loadExistingGrant(ctx: ProviderContext) {
      const { oidc } = ctx;
      if (!oidc.client || !oidc.session?.accountId) return undefined;
      const grantId = oidc.result?.consent?.grantId ?? oidc.session.grantIdFor(oidc.client.clientId);
      const existing = grantId ? await oidc.provider.Grant.find(grantId) : undefined;
      if (existing) return existing;
      // every client here is the connector's own: no consent page
      const grant = new oidc.provider.Grant({
        accountId: oidc.session.accountId,
        clientId: oidc.client.clientId,
      });
      grant.addOIDCScope('openid profile');
      await grant.save();
      return grant;
    },
    renderError(ctx: ProviderContext, out: Record<string, string>) {
      ctx.type = 'html';
      ctx.body = providerPage(
        'Something went wrong',
        `<p>${escapeHtml(out.error ?? '')}: ${escapeHtml(out.error_description ?? '')}</p>`,
      );
    },
    features: {
      devInteractions: { enabled: false },
      clientCredentials: { enabled: true },
      resourceIndicators: {
        enabled: true,
        defaultResource: (_ctx: ProviderContext, client: { clientId: string }, oneOf?: string) =>
          oneOf ?? (client.clientId === clientId ? undefined : API_RESOURCE),
        useGrantedResource: () => false,
        getResourceServerInfo: (_ctx: ProviderContext, indicator: string) => {
          if (indicator !== API_RESOURCE) throw new errors.InvalidTarget();
          return {
            audience: options.apiAudience ?? 'dit-checks-connector',
            scope: 'api',
            accessTokenFormat: 'jwt',
            accessTokenTTL: accessTokenTtl,
            jwt: { sign: { alg: 'RS256' } },
          };
        },
      },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource: (ctx: ProviderContext, form: string) => {
          ctx.body = providerPage(
            'Sign out of the local provider?',
            `${form}<p><button autofocus type="submit" form="op.logoutForm" value="yes" name="logout">Yes, sign me out</button>
<button type="submit" form="op.logoutForm">No, stay signed in</button></p>`,
          );
        },
        postLogoutSuccessSource: (ctx: ProviderContext) => {
          ctx.body = providerPage('Signed out', '<p>You have signed out of the local provider.</p>');
        },
      },
    },
  });

  const app = express();
  app.disable('x-powered-by');
  app.use('/interaction', createInteractionRouter(provider, new Map(Object.entries(passwords))));
  app.use(provider.callback());
  server.on('request', app);
  return { issuer, clientId, clientSecret, passwords, programSecrets, close: () => closeServer(server) };
}
