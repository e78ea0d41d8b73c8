/**
 * The local OpenID provider as a process of its own (the tests start it so: oidc-provider is an ES
 * module that their loader does not run). Options come as JSON in IDENTITY_PROVIDER_OPTIONS
 * (IdentityProviderOptions); it prints one JSON line with its issuer once it listens, and stops
 * on SIGTERM or SIGINT. Secrets are the caller's own: none is printed.
 */
import { startIdentityProvider, type IdentityProviderOptions } from './identity-provider';

async function main(): Promise<void> {
  const options = JSON.parse(process.env.IDENTITY_PROVIDER_OPTIONS ?? '{}') as IdentityProviderOptions;
  if (!Array.isArray(options.connectorUrls)) throw new Error('IDENTITY_PROVIDER_OPTIONS needs connectorUrls');
  const started = await startIdentityProvider(options);
  process.stdout.write(
    `${JSON.stringify({ message: 'identity provider listening', issuer: started.issuer })}\n`,
  );
  const stop = () => void started.close().finally(() => process.exit(0));
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`identity provider failed to start: ${String(error)}\n`);
  process.exit(1);
});
