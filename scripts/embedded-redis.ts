import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import Redis from 'ioredis';
import { findFreePort } from './free-port';

export interface EmbeddedRedisOptions {
  /** Data directory (AOF lives here); default `.data/redis`. */
  dataDir?: string;
  /** Port on 127.0.0.1; default a free one. */
  port?: number;
  /** How long to wait for the server to answer PING, milliseconds (default 10000). */
  startTimeoutMs?: number;
}

export interface EmbeddedRedis {
  url: string;
  port: number;
  pid: number | undefined;
  /** SIGTERM and wait for exit (redis-server flushes the AOF on the way out). */
  stop(): Promise<void>;
}

/** Arguments shared with docker-compose.yml: durable (AOF) and never evicting BullMQ's keys. */
export const REDIS_SERVER_ARGS = [
  '--appendonly',
  'yes',
  '--appendfsync',
  'everysec',
  '--maxmemory-policy',
  'noeviction',
];

async function waitUntilAnswering(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`redis-server exited with code ${child.exitCode}`);
    const client = new Redis(url, {
      lazyConnect: true,
      maxRetriesPerRequest: 0,
      enableOfflineQueue: false,
      retryStrategy: () => null,
      connectTimeout: 1000,
      disconnectTimeout: 100,
    });
    client.on('error', () => undefined);
    try {
      await client.connect();
      const answer = await client.ping();
      await client.quit();
      if (answer === 'PONG') return;
    } catch {
      client.disconnect(); // not up yet
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`redis-server did not answer within ${timeoutMs} ms`);
}

/**
 * Starts a private `redis-server` child on loopback, waits until it answers, and stops it when this
 * process exits (normal exit, SIGINT, SIGTERM). Used by `npm start`, the tests and the benchmark.
 */
export async function startEmbeddedRedis(options: EmbeddedRedisOptions = {}): Promise<EmbeddedRedis> {
  const dataDir = resolve(options.dataDir ?? '.data/redis');
  mkdirSync(dataDir, { recursive: true });
  const port = options.port ?? (await findFreePort());
  const child = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--dir', dataDir, '--save', '', ...REDIS_SERVER_ARGS],
    // its own process group: a terminal's Ctrl-C reaches only us, and we stop Redis last, after the
    // worker has finished its transfers
    { stdio: ['ignore', 'ignore', 'pipe'], detached: true },
  );
  // forwarded, not inherited: a Redis that outlives us (SIGKILLed parent) must not hold on to our
  // caller's stderr (a test runner waits for that pipe to close)
  child.stderr?.pipe(process.stderr);
  const spawnFailed = new Promise<never>((_, reject) => child.once('error', reject));
  const killOnExit = (): void => {
    if (child.exitCode === null) child.kill('SIGTERM');
  };
  process.once('exit', killOnExit);

  const url = `redis://127.0.0.1:${port}`;
  try {
    await Promise.race([waitUntilAnswering(url, child, options.startTimeoutMs ?? 10_000), spawnFailed]);
  } catch (error) {
    killOnExit();
    throw error;
  }

  return {
    url,
    port,
    pid: child.pid,
    stop: () =>
      new Promise<void>((done) => {
        process.removeListener('exit', killOnExit);
        if (child.exitCode !== null || child.signalCode !== null) return done();
        child.once('exit', () => done());
        child.kill('SIGTERM');
      }),
  };
}
