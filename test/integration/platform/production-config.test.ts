import { spawn } from 'node:child_process';
import { createConnection } from 'node:net';
import { join, resolve } from 'node:path';
import { aProductionEnv } from '../../helpers/production-env';
import { tiedToThisProcess } from '../../helpers/processes';
import { aFreshPrefix, aRedisClient } from '../../helpers/redis';

const ROOT = resolve(__dirname, '../../..');
const ALL_CONNECTION_VARIABLES = [
  'REDIS_URL',
  'TRAC_BASE_URL',
  'TRAC_CLIENT_ID',
  'TRAC_CLIENT_SECRET',
  'ESR_BASE_URL',
  'ESR_CLIENT_ID',
  'ESR_CLIENT_SECRET',
  'WEBHOOK_SECRETS',
  'ADMIN_USERS',
  'SUPPORT_USERS',
];

interface Outcome {
  code: number | null;
  stdout: string;
  stderr: string;
}

interface Running {
  kill(signal: NodeJS.Signals): void;
  exited: Promise<Outcome>;
}

/** Starts an entry point as production would, with exactly the given environment (nothing inherited). */
function spawnEntryPoint(entry: string, env: Record<string, string>): Running {
  const child = spawn(...tiedToThisProcess(process.execPath, ['--import', 'tsx', join(ROOT, entry)]), {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', NODE_ENV: 'production', ...env },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<Outcome>((done) => child.once('exit', (code) => done({ code, stdout, stderr })));
  return { kill: (signal) => child.kill(signal), exited };
}

/** Runs an entry point that is expected to refuse to start; fails the test if it keeps running. */
async function runToExit(entry: string, env: Record<string, string>): Promise<Outcome> {
  const running = spawnEntryPoint(entry, env);
  const timer = setTimeout(() => running.kill('SIGKILL'), 20_000);
  const outcome = await running.exited;
  clearTimeout(timer);
  return outcome;
}

async function waitForHttp(url: string, timeoutMs = 20_000): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return (await fetch(url, { signal: AbortSignal.timeout(1000) })).status;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((r) => setTimeout(r, 200));
    }
  }
}

function isListening(port: number): Promise<boolean> {
  return new Promise((done) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    socket.once('connect', () => done(!socket.destroy()));
    socket.once('error', () => done(false));
  });
}

/** A production environment for every process, on the test Redis and a free port, minus `missing`. */
async function aProductionEnvWithout(missing: string, prefix: string): Promise<Record<string, string>> {
  const env = await aProductionEnv(prefix);
  delete env[missing];
  return env;
}

async function keysUnder(prefix: string): Promise<string[]> {
  const redis = aRedisClient();
  try {
    return await redis.keys(`${prefix}:*`);
  } finally {
    redis.disconnect();
  }
}

describe('production start-up with incomplete configuration', () => {
  it.each([
    ['the receiver', 'src/server.ts', 'WEBHOOK_SECRETS'],
    ['the receiver', 'src/server.ts', 'TRAC_CLIENT_SECRET'],
    ['the worker', 'workers/transfer-worker.ts', 'ESR_CLIENT_SECRET'],
    ['the worker', 'workers/transfer-worker.ts', 'REDIS_URL'],
    ['npm start', 'scripts/start.ts', 'ADMIN_USERS'],
    ['npm start', 'scripts/start.ts', 'ESR_BASE_URL'],
  ])(
    'when %s (%s) runs without %s, then it exits 1 naming it and starts nothing',
    async (_name, entry, missing) => {
      const prefix = aFreshPrefix('prod-config');
      const env = await aProductionEnvWithout(missing, prefix);

      const outcome = await runToExit(entry, env);

      expect(outcome.code).toBe(1);
      expect(outcome.stderr).toContain(`${missing}: is required`);
      expect(outcome.stderr).toContain('Nothing was started');
      expect(outcome.stdout).toBe('');
      expect(await isListening(Number(env.PORT))).toBe(false);
      expect(await keysUnder(prefix)).toEqual([]);
    },
  );

  it.each([
    ['the receiver', 'src/server.ts'],
    ['the worker', 'workers/transfer-worker.ts'],
  ])('when %s has both REDIS_URL and REDIS_SENTINELS, then it exits 1 naming both', async (_name, entry) => {
    const prefix = aFreshPrefix('prod-config');
    const env = {
      ...(await aProductionEnvWithout('none', prefix)),
      REDIS_SENTINELS: '127.0.0.1:26379',
      REDIS_SENTINEL_NAME: 'dit-master',
    };

    const outcome = await runToExit(entry, env);

    expect(outcome.code).toBe(1);
    expect(outcome.stderr).toContain('REDIS_URL, REDIS_SENTINELS: set one of them, not both');
    expect(outcome.stderr).toContain('Nothing was started');
    expect(await keysUnder(prefix)).toEqual([]);
  });

  it('when a tunable is malformed in production, then the process exits 1 naming it', async () => {
    const env = {
      ...(await aProductionEnvWithout('none', aFreshPrefix('prod-config'))),
      WORKER_CONCURRENCY: 'lots',
    };

    const outcome = await runToExit('workers/transfer-worker.ts', env);

    expect(outcome.code).toBe(1);
    expect(outcome.stderr).toContain('WORKER_CONCURRENCY: must be a whole number');
  });

  it('when npm start runs in production with nothing set, then every connection variable is named', async () => {
    const outcome = await runToExit('scripts/start.ts', {});

    expect(outcome.code).toBe(1);
    for (const variable of ALL_CONNECTION_VARIABLES)
      expect(outcome.stderr).toContain(`${variable}: is required`);
    expect(outcome.stdout).toBe('');
  });
});

describe('start-up outside production with a malformed Redis variable', () => {
  it('when npm start runs with REDIS_SENTINELS set but empty, then it exits 1 naming it and starts no embedded Redis', async () => {
    const outcome = await runToExit('scripts/start.ts', { NODE_ENV: 'development', REDIS_SENTINELS: '' });

    expect(outcome.code).toBe(1);
    expect(outcome.stderr).toContain('REDIS_SENTINELS: is set but empty');
    expect(outcome.stderr).toContain('Nothing was started');
    expect(outcome.stdout).toBe('');
  });

  it('when the receiver alone runs without REDIS_URL or REDIS_SENTINELS, then it exits 1 pointing to npm start (the embedded Redis is only npm start’s)', async () => {
    const outcome = await runToExit('src/server.ts', { NODE_ENV: 'development' });

    expect(outcome.code).toBe(1);
    expect(outcome.stderr).toContain('The receiver alone needs REDIS_URL (or REDIS_SENTINELS)');
    expect(outcome.stderr).toContain('run `npm start`');
    expect(outcome.stdout).toBe('');
  });
});

describe('production start-up with what the process needs', () => {
  it('when the receiver has no ESR_* variables, then it starts anyway (only the worker calls ESR)', async () => {
    const env = await aProductionEnvWithout('ESR_BASE_URL', aFreshPrefix('prod-config'));
    delete env.ESR_CLIENT_ID;
    delete env.ESR_CLIENT_SECRET;
    const receiver = spawnEntryPoint('src/server.ts', env);

    try {
      await expect(waitForHttp(`http://127.0.0.1:${env.PORT}/health/live`)).resolves.toBe(200);
    } finally {
      receiver.kill('SIGTERM');
    }

    expect((await receiver.exited).code).toBe(0);
  });
});
