/**
 * `npm start`: the whole connector in one process tree. Outside production it fills in what is unset
 * (an embedded Redis, the Trac and ESR sandboxes, generated secrets), then runs the receiver and the
 * worker as child processes with that one environment, so both agree on Redis, secrets and
 * credentials. Stops in reverse order (on a signal, a dead child or a fatal error of its own):
 * children, sandboxes, Redis.
 *
 * It lives in scripts/, not src/, because it loads the sandboxes: nothing under src/ may (see
 * .dependency-cruiser.cjs), so neither this file nor the sandboxes can reach dist/ or the image.
 */
import { spawn } from 'node:child_process';
import { chmodSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { loadConfigOrExit, SANDBOX_CREDENTIALS, type ApiConnection, type Config } from '../config';
import { startEmbeddedRedis } from './embedded-redis';
import { describeError, handleProcessErrors } from '../src/platform/error-handler';
import { findFreePort } from './free-port';
import { createLogger, type Logger } from '../src/platform/logger';
import { DEMO_APPLICANTS, startSandboxes, startSeed } from '../sandbox';
import { addEnvFile } from './env-file';
import { printBanner, type Resolved, type ResolvedApi } from './start-banner';
import { resolveMailSink } from './mail-sink';
import { identityEnvironment, resolveIdentityProvider } from './local-identity-provider';
import { ShutdownSequence } from '../src/platform/shutdown';

/** The project root (this file is in scripts/): the children's working directory. */
const ROOT = resolve(__dirname, '..');
/** Where `npm run demo:webhook` finds the receiver URL and webhook secret of the running `npm start`. */
const DEMO_FILE = join(ROOT, '.data', 'demo.json');
/** The developer's own settings (a copy of .env.example), read when present; the environment wins. */
const ENV_FILE = join(ROOT, '.env');
/** In-flight transfers get this long after SIGTERM before a child is killed. */
const CHILD_GRACE_MS = 15_000;
const STEP_DEADLINE_MS = 10_000;
const READY_TIMEOUT_MS = 30_000;

const CHILDREN = [
  { name: 'receiver', entry: 'src/server.ts' },
  { name: 'worker', entry: 'workers/transfer-worker.ts' },
] as const;

async function resolveRedis(
  config: Config,
  shutdown: ShutdownSequence,
): Promise<Pick<Resolved, 'redis' | 'embeddedRedis'>> {
  if (config.redis) return { redis: config.redis, embeddedRedis: false };
  // config already refuses production without REDIS_URL or Sentinel; this keeps that true if the rule ever moves
  if (config.isProduction) throw new Error('REDIS_URL or REDIS_SENTINELS is required in production');
  const redis = await startEmbeddedRedis({ dataDir: join(ROOT, '.data', 'redis') });
  shutdown.onStop({ name: 'embedded redis', run: () => redis.stop(), deadlineMs: STEP_DEADLINE_MS });
  return { redis: { kind: 'url', url: redis.url }, embeddedRedis: true };
}

/** The operator's connection; config already requires its URL in production. */
function configured(api: ApiConnection, urlVariable: string): ResolvedApi {
  if (!api.baseUrl) throw new Error(`${urlVariable} is required in production`);
  return { baseUrl: api.baseUrl, clientId: api.clientId, clientSecret: api.clientSecret };
}

async function resolveApis(
  config: Config,
  shutdown: ShutdownSequence,
): Promise<Pick<Resolved, 'trac' | 'esr' | 'sandboxes'>> {
  const { trac, esr } = config;
  if (config.isProduction || (trac.baseUrl && esr.baseUrl)) {
    return {
      trac: configured(trac, 'TRAC_BASE_URL'),
      esr: configured(esr, 'ESR_BASE_URL'),
      sandboxes: false,
    };
  }
  // the transfer demo, the match-preview demo (applicants at Offer: Accepted) and the extras
  // (one only a sweep finds, one whose references turn complete a minute after its transfer)
  const sandboxes = await startSandboxes({ seed: startSeed() });
  shutdown.onStop({ name: 'sandboxes', run: () => sandboxes.close(), deadlineMs: STEP_DEADLINE_MS });
  // a sandbox accepts only its own client credentials, whatever TRAC_/ESR_CLIENT_* say
  return {
    trac: trac.baseUrl
      ? configured(trac, 'TRAC_BASE_URL')
      : { baseUrl: sandboxes.tracUrl, ...SANDBOX_CREDENTIALS.trac },
    esr: esr.baseUrl
      ? configured(esr, 'ESR_BASE_URL')
      : { baseUrl: sandboxes.esrUrl, ...SANDBOX_CREDENTIALS.esr },
    sandboxes: true,
  };
}

/** A URL a browser on this machine can open, whatever interface the receiver listens on. */
function receiverUrlOf(host: string, port: number): string {
  const local = ['0.0.0.0', '::', ''].includes(host) ? '127.0.0.1' : host;
  return `http://${local.includes(':') ? `[${local}]` : local}:${port}`;
}

async function resolveAll(config: Config, shutdown: ShutdownSequence): Promise<Resolved> {
  const redis = await resolveRedis(config, shutdown);
  const apis = await resolveApis(config, shutdown);
  // PORT=0 means "any free port": choose it here so the banner and the demo script know it
  const port = config.port === 0 ? await findFreePort() : config.port;
  const mailSink = await resolveMailSink(config, join(ROOT, '.data', 'mail'), shutdown);
  const receiverUrl = receiverUrlOf(config.host, port);
  // people sign in where the browser is sent back to: the receiver, and PUBLIC_BASE_URL when set
  const connectorUrls = process.env.PUBLIC_BASE_URL ? [receiverUrl, config.publicBaseUrl] : [receiverUrl];
  const identity = await resolveIdentityProvider(config, connectorUrls, shutdown);
  return { ...redis, ...apis, port, receiverUrl, mailSink, identity };
}

function childEnvironment(config: Config, resolved: Resolved): NodeJS.ProcessEnv {
  return {
    ...process.env,
    // generated secrets and users, so the receiver and the worker use the same ones
    ...config.generated,
    // a configured REDIS_URL or Sentinel reaches the children through process.env as it is
    ...(resolved.embeddedRedis && resolved.redis.kind === 'url' ? { REDIS_URL: resolved.redis.url } : {}),
    TRAC_BASE_URL: resolved.trac.baseUrl,
    TRAC_CLIENT_ID: resolved.trac.clientId,
    TRAC_CLIENT_SECRET: resolved.trac.clientSecret,
    ESR_BASE_URL: resolved.esr.baseUrl,
    ESR_CLIENT_ID: resolved.esr.clientId,
    ESR_CLIENT_SECRET: resolved.esr.clientSecret,
    PORT: String(resolved.port),
    ...(resolved.mailSink ? { SMTP_URL: resolved.mailSink.smtpUrl } : {}),
    // the local OpenID provider, and the address it sends browsers back to
    ...identityEnvironment(resolved.identity),
    ...(resolved.identity && !process.env.PUBLIC_BASE_URL ? { PUBLIC_BASE_URL: resolved.receiverUrl } : {}),
    // children run from the project root; keep a relative path meaning what it meant here
    ORGANISATIONS_FILE: resolve(config.organisationsFile),
  };
}

function stopChild(child: ReturnType<typeof spawn>): Promise<void> {
  return new Promise((done) => {
    if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return done();
    const kill = setTimeout(() => child.kill('SIGKILL'), CHILD_GRACE_MS);
    child.once('exit', () => {
      clearTimeout(kill);
      done();
    });
    child.kill('SIGTERM');
  });
}

function spawnChildren(env: NodeJS.ProcessEnv, shutdown: ShutdownSequence, logger: Logger): void {
  const children = CHILDREN.map(({ name, entry }) => {
    const child = spawn(process.execPath, ['--import', 'tsx', entry], { cwd: ROOT, env, stdio: 'inherit' });
    const fail = (detail: Record<string, unknown>): void => {
      if (shutdown.isStopping) return;
      logger.error('child process ended unexpectedly: stopping everything', { process: name, ...detail });
      void shutdown.stop(1);
    };
    child.once('exit', (code, signal) => fail({ code, signal }));
    child.once('error', (error) => fail({ error: describeError(error) }));
    // last resort if this process exits without stopping them (a shutdown step past its deadline)
    process.once('exit', () => child.exitCode === null && child.kill('SIGTERM'));
    return child;
  });
  shutdown.onStop({
    name: 'receiver and worker',
    run: () => Promise.all(children.map(stopChild)),
    deadlineMs: CHILD_GRACE_MS + 5_000,
  });
}

function writeDemoFile(
  receiverUrl: string,
  webhookSecret: string | undefined,
  shutdown: ShutdownSequence,
): void {
  mkdirSync(dirname(DEMO_FILE), { recursive: true });
  writeFileSync(DEMO_FILE, `${JSON.stringify({ receiverUrl, webhookSecret }, null, 2)}\n`, { mode: 0o600 });
  chmodSync(DEMO_FILE, 0o600); // mode above applies only when the file is new
  // the secret is this run's: a stale file would only produce invalid signatures
  const remove = (): Promise<void> => Promise.resolve(rmSync(DEMO_FILE, { force: true }));
  shutdown.onStop({ name: 'demo file', run: remove, deadlineMs: 1000 });
}

/** Polls /health/ready; undefined when ready, else the last reason it was not. */
async function waitUntilReady(receiverUrl: string, shutdown: ShutdownSequence): Promise<string | undefined> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  let reason = 'no answer yet';
  while (Date.now() < deadline && !shutdown.isStopping) {
    try {
      const answer = await fetch(`${receiverUrl}/health/ready`, { signal: AbortSignal.timeout(1000) });
      if (answer.ok) return undefined;
      reason = `HTTP ${answer.status} ${await answer.text()}`;
    } catch (error) {
      reason = (error as Error).message;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return reason;
}

async function main(): Promise<void> {
  // before the config is read; the children inherit what it added
  const fromEnvFile = addEnvFile(process.env, ENV_FILE);
  const config = loadConfigOrExit('all');
  const logger = createLogger({ level: config.logLevel, service: 'start' });
  if (fromEnvFile.length > 0) logger.info('.env read', { file: ENV_FILE, variables: fromEnvFile.length });
  // before anything starts: a signal or a fatal error stops the children, sandboxes and Redis in order
  const shutdown = new ShutdownSequence(logger).handleSignals();
  handleProcessErrors(logger, shutdown);
  try {
    const resolved = await resolveAll(config, shutdown);
    if (shutdown.isStopping) return;
    if (!config.isProduction) writeDemoFile(resolved.receiverUrl, config.webhookSecrets[0], shutdown);
    spawnChildren(childEnvironment(config, resolved), shutdown, logger);
    const notReady = await waitUntilReady(resolved.receiverUrl, shutdown);
    if (!shutdown.isStopping)
      printBanner(config, resolved, notReady, resolved.sandboxes ? DEMO_APPLICANTS : []);
  } catch (error) {
    logger.error('start-up failed: stopping what was started', { error: describeError(error) });
    await shutdown.stop(1);
  }
}

void main();
