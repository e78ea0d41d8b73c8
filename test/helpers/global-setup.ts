import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmbeddedRedis, type EmbeddedRedis } from '../../scripts/embedded-redis';

declare global {
  var __TEST_REDIS__: EmbeddedRedis | undefined;
}

/** One real redis-server for the run, on a free loopback port; test files isolate by key prefix. */
export default async function globalSetup(): Promise<void> {
  const redis = await startEmbeddedRedis({ dataDir: mkdtempSync(join(tmpdir(), 'dit-test-redis-')) });
  globalThis.__TEST_REDIS__ = redis;
  process.env.TEST_REDIS_URL = redis.url;
}
