import type Redis from 'ioredis';
import { createTransferQueries, type TransferQueries } from '../../src/store/transfer-queries';
import { createTransferQueue, type TransferQueue } from '../../src/store/transfer-queue';
import { createTransferStore } from '../../src/store/transfer-store';
import type { TransferStore } from '../../src/transfer/transfer';
import { aFreshPrefix, aRedisClient } from './redis';

/** One test's transfer store, queue and the HR side's queries, on a prefix of its own. */
export interface QueriesFixture {
  redis: Redis;
  prefix: string;
  store: TransferStore;
  queue: TransferQueue;
  queries: TransferQueries;
}

/**
 * Registers the hooks of a file that reads transfers as the HR side does: one Redis client for the
 * file; for each test a fresh prefix with its store, queue and queries, handed to `use` before the
 * test (and before the file's own `beforeEach`); the queue closed after it.
 */
export function withTransferQueries(label: string, use: (fixture: QueriesFixture) => void): void {
  let redis: Redis;
  let queue: TransferQueue | undefined;
  beforeAll(() => {
    redis = aRedisClient();
  });
  beforeEach(async () => {
    const prefix = aFreshPrefix(label);
    queue = createTransferQueue(redis, prefix, 3);
    await queue.waitUntilReady();
    const store = createTransferStore(redis, prefix);
    use({ redis, prefix, store, queue, queries: createTransferQueries(redis, prefix, queue) });
  });
  afterEach(async () => {
    await queue?.close();
  });
  afterAll(async () => {
    await redis.quit();
  });
}

/** A command Redis ran, as MONITOR reports it. */
export interface SeenCommand {
  command: string;
  /** `lua` for a command a script ran, else the address of the client that sent it. */
  source: string;
}

/** What Redis runs on keys with this prefix while `work` does (MONITOR: commands inside scripts too). */
export async function commandsDuring(
  redis: Redis,
  prefix: string,
  work: () => Promise<unknown>,
): Promise<SeenCommand[]> {
  const monitor = await redis.monitor();
  const seen: SeenCommand[] = [];
  monitor.on('monitor', (_time: string, args: string[], source: string) =>
    seen.push({ command: args.join(' '), source }),
  );
  await work();
  await new Promise((resolve) => setTimeout(resolve, 50));
  monitor.disconnect();
  return seen.filter(({ command }) => command.includes(prefix));
}
