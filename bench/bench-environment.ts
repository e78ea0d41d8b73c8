import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Redis from 'ioredis';
import { SANDBOX_CREDENTIALS } from '../config';
import { startEmbeddedRedis } from '../scripts/embedded-redis';
import { findFreePort } from '../scripts/free-port';
import { startTsEntry, type BenchChild } from './child-process';
import type { RunScope } from './run-scope';
import { BASELINE_READY, SANDBOX_READY } from './ready-lines';

export interface EnvironmentOptions {
  /** Applicants seeded in both sandboxes (`B-000001`…). */
  applicants: number;
  /** The match-preview phase's applicants (`P-000001`…, 7A1). Default none. */
  previewApplicants?: number;
  latencyMs: number;
  /** Directory for V8 CPU profiles of the receiver and worker processes, if wanted. */
  profileDir?: string;
}

export interface StartedReceiver {
  url: string;
  child: BenchChild;
}

/** Everything the phases share: Redis, the sandboxes, the webhook secret, and how to start processes. */
export interface BenchEnvironment {
  redisUrl: string;
  redisPid: number;
  /** The benchmark's own Redis client (counts, timings, memory, clean-up). */
  redis: Redis;
  tracUrl: string;
  esrUrl: string;
  sandboxPid: number;
  webhookSecret: string;
  /** A key prefix of its own for a phase. */
  prefixFor(phase: string): string;
  /** The connector's receiver; `env` adds to its environment (e.g. OTEL_EXPORTER_OTLP_ENDPOINT). */
  startReceiver(prefix: string, env?: NodeJS.ProcessEnv): Promise<StartedReceiver>;
  startBaselineReceiver(prefix: string): Promise<StartedReceiver>;
  /** A worker process; `env` overrides its environment (e.g. the ESR rate limit). */
  startWorker(
    prefix: string,
    concurrency: number,
    index: number,
    env?: NodeJS.ProcessEnv,
  ): Promise<BenchChild>;
}

const RUN_TAG = randomBytes(3).toString('hex');

/** Production mode: nothing defaulted or generated, as the receiver and worker run for real. */
function productionEnv(env: {
  redisUrl: string;
  tracUrl: string;
  esrUrl: string;
  secret: string;
}): NodeJS.ProcessEnv {
  return {
    NODE_ENV: 'production',
    LOG_LEVEL: 'info',
    REDIS_URL: env.redisUrl,
    TRAC_BASE_URL: env.tracUrl,
    TRAC_CLIENT_ID: SANDBOX_CREDENTIALS.trac.clientId,
    TRAC_CLIENT_SECRET: SANDBOX_CREDENTIALS.trac.clientSecret,
    ESR_BASE_URL: env.esrUrl,
    ESR_CLIENT_ID: SANDBOX_CREDENTIALS.esr.clientId,
    ESR_CLIENT_SECRET: SANDBOX_CREDENTIALS.esr.clientSecret,
    WEBHOOK_SECRETS: env.secret,
    ADMIN_USERS: `bench-admin:${randomBytes(12).toString('base64url')}`,
    SUPPORT_USERS: `bench-support:${randomBytes(12).toString('base64url')}`,
  };
}

/** `node --cpu-prof` flags when profiles are wanted. */
const profileArgs = (dir?: string) => (dir ? ['--cpu-prof', `--cpu-prof-dir=${dir}`] : []);

async function startSandboxProcess(options: EnvironmentOptions, dir: string, scope: RunScope) {
  const child = startTsEntry(
    'sandboxes',
    'bench/sandbox-process.ts',
    {
      BENCH_APPLICANTS: String(options.applicants),
      BENCH_LATENCY_MS: String(options.latencyMs),
      BENCH_PREVIEW_APPLICANTS: String(options.previewApplicants ?? 0),
    },
    join(dir, 'sandboxes.log'),
    profileArgs(options.profileDir),
  );
  scope.defer('sandboxes', () => child.stop());
  const line = await child.waitFor(SANDBOX_READY, 60_000);
  const urls = JSON.parse(line.slice(line.indexOf('{'))) as { tracUrl: string; esrUrl: string };
  return { ...urls, pid: child.pid };
}

type Launcher = Pick<BenchEnvironment, 'startReceiver' | 'startBaselineReceiver' | 'startWorker'>;

/** Starts the connector's processes (and the baseline) with one environment; the scope stops them. */
function createLauncher(dir: string, env: NodeJS.ProcessEnv, nodeArgs: string[], scope: RunScope): Launcher {
  async function startHttp(
    name: string,
    entry: string,
    ready: string,
    prefix: string,
    extraEnv: NodeJS.ProcessEnv = {},
  ): Promise<StartedReceiver> {
    const port = await findFreePort();
    const childEnv = { ...env, ...extraEnv, PORT: String(port), QUEUE_PREFIX: prefix };
    const child = startTsEntry(name, entry, childEnv, join(dir, `${name}.log`), nodeArgs);
    scope.defer(name, () => child.stop());
    await child.waitFor(ready);
    return { url: `http://127.0.0.1:${port}`, child };
  }

  return {
    startReceiver: (prefix, extraEnv) =>
      startHttp(`receiver-${prefix}`, 'src/server.ts', 'receiver listening', prefix, extraEnv),
    startBaselineReceiver: (prefix) =>
      startHttp(`baseline-${prefix}`, 'bench/baseline-receiver.ts', BASELINE_READY, prefix),
    async startWorker(prefix, concurrency, index, extraEnv = {}) {
      const workerEnv = {
        ...env,
        QUEUE_PREFIX: prefix,
        WORKER_CONCURRENCY: String(concurrency),
        // far above what the run needs: the limiter is measured, never the bottleneck
        ESR_RATE_LIMIT_PER_SECOND: '10000',
        ...extraEnv,
      };
      const logFile = join(dir, `worker-${prefix}-${index}.log`);
      const child = startTsEntry(
        `worker-${index}`,
        'workers/transfer-worker.ts',
        workerEnv,
        logFile,
        nodeArgs,
      );
      scope.defer(`worker ${index}`, () => child.stop());
      await child.waitFor('transfer worker started');
      return child;
    },
  };
}

/** Starts Redis (fresh data directory) and the sandboxes; the scope stops them. */
export async function startBenchEnvironment(
  options: EnvironmentOptions,
  scope: RunScope,
): Promise<BenchEnvironment> {
  const dir = mkdtempSync(join(tmpdir(), 'dit-bench-'));
  scope.defer('temporary directory', () => Promise.resolve(rmSync(dir, { recursive: true, force: true })));
  const embedded = await startEmbeddedRedis({ dataDir: join(dir, 'redis') });
  scope.defer('redis', () => embedded.stop());
  const redis = new Redis(embedded.url, { maxRetriesPerRequest: null });
  scope.defer('redis client', () => redis.quit());
  const sandboxes = await startSandboxProcess(options, dir, scope);
  const secret = `whsec_${randomBytes(32).toString('base64')}`;
  const env = productionEnv({ redisUrl: embedded.url, ...sandboxes, secret });
  return {
    redisUrl: embedded.url,
    redisPid: embedded.pid ?? 0,
    redis,
    tracUrl: sandboxes.tracUrl,
    esrUrl: sandboxes.esrUrl,
    sandboxPid: sandboxes.pid,
    webhookSecret: secret,
    prefixFor: (phase) => `bench-${phase}-${RUN_TAG}`,
    ...createLauncher(dir, env, profileArgs(options.profileDir), scope),
  };
}
