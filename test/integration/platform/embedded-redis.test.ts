import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Redis from 'ioredis';
import { startEmbeddedRedis, type EmbeddedRedis } from '../../../scripts/embedded-redis';

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** A data directory path that does not exist yet, so the test sees startEmbeddedRedis create it. */
function aFreshDataDir(): string {
  return join(mkdtempSync(join(tmpdir(), 'dit-embedded-redis-')), 'nested', 'redis');
}

async function withClient<T>(url: string, use: (client: Redis) => Promise<T>): Promise<T> {
  const client = new Redis(url, { maxRetriesPerRequest: 1 });
  try {
    return await use(client);
  } finally {
    client.disconnect();
  }
}

async function configValue(client: Redis, name: string): Promise<string | undefined> {
  const [, value] = (await client.config('GET', name)) as [string, string];
  return value;
}

describe('embedded Redis', () => {
  const started: EmbeddedRedis[] = [];
  const start = async (dataDir: string): Promise<EmbeddedRedis> => {
    const redis = await startEmbeddedRedis({ dataDir });
    started.push(redis);
    return redis;
  };

  afterEach(async () => {
    await Promise.all(started.splice(0).map((redis) => redis.stop()));
  });

  it('when started, then it answers PING on a loopback URL and has created its data directory', async () => {
    const dataDir = aFreshDataDir();

    const redis = await start(dataDir);

    expect(redis.url).toBe(`redis://127.0.0.1:${redis.port}`);
    expect(existsSync(dataDir)).toBe(true);
    await expect(withClient(redis.url, (client) => client.ping())).resolves.toBe('PONG');
  });

  it('when started, then it is configured for BullMQ: noeviction and append-only file on', async () => {
    const redis = await start(aFreshDataDir());

    const [policy, appendOnly] = await withClient(redis.url, (client) =>
      Promise.all([configValue(client, 'maxmemory-policy'), configValue(client, 'appendonly')]),
    );

    expect(policy).toBe('noeviction');
    expect(appendOnly).toBe('yes');
  });

  it('when stopped, then the redis-server process is gone', async () => {
    const redis = await start(aFreshDataDir());
    const pid = redis.pid;
    expect(pid).toBeDefined();
    expect(isRunning(pid ?? -1)).toBe(true);

    await redis.stop();

    expect(isRunning(pid ?? -1)).toBe(false);
  });

  it('when stopped twice, then the second stop resolves at once', async () => {
    const redis = await start(aFreshDataDir());

    await redis.stop();

    await expect(redis.stop()).resolves.toBeUndefined();
  });

  it('when restarted on the same data directory, then what was written survives (AOF)', async () => {
    const dataDir = aFreshDataDir();
    const first = await start(dataDir);
    await withClient(first.url, (client) => client.set('dit:survives-restart', 'yes'));
    await first.stop();

    const second = await start(dataDir);

    await expect(withClient(second.url, (client) => client.get('dit:survives-restart'))).resolves.toBe('yes');
  });
});
