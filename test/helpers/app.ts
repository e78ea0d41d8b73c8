import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PassThrough } from 'node:stream';
import type { Express } from 'express';
import type Redis from 'ioredis';
import request from 'supertest';
import { loadConfig, type Config } from '../../config';
import type { Organisation, OrganisationDirectory } from '../../config/organisations';
import { createSignIn } from '../../src/admin/auth/sign-in';
import type { LoginRateLimitOptions } from '../../src/admin/auth/login-rate-limit';
import type { SessionTimeouts } from '../../src/admin/auth/sessions';
import { createAdminTracClient } from '../../src/admin/transfers/admin-trac-client';
import { createApp } from '../../src/app';
import { createLogger } from '../../src/platform/logger';
import { createMetrics, type Metrics } from '../../src/platform/metrics';
import { createReceiverServer } from '../../src/platform/receiver-server';
import { createAdminStorage } from '../../src/store/admin-storage';
import { createReceiverAdapters } from '../../src/store/receiver-adapters';
import { createFailFastConnection, type RedisTargetInput } from '../../src/store/redis-connections';
import { createSignInStorage } from '../../src/store/sign-in-storage';
import { createTransferQueue, type TransferQueue } from '../../src/store/transfer-queue';
import { type TransferStore } from '../../src/transfer/transfer';
import { aFreshPrefix, testRedisUrl } from './redis';
import { TEST_WEBHOOK_SECRET } from './webhooks';

/** An organisation directory in memory whose list a test may change (e.g. disable one). */
export interface TestOrganisations extends OrganisationDirectory {
  set(code: string, enabled: boolean): void;
}

/** R0A and 7A1 enabled, RX9 listed but disabled, as in config/organisations.json. */
export function someOrganisations(): TestOrganisations {
  const list: Organisation[] = [
    { code: 'R0A', name: 'Example Teaching Hospitals', ditProvider: 'TIS', enabled: true },
    { code: '7A1', name: 'Example University Health Board', ditProvider: 'HICOM', enabled: true },
    { code: 'RX9', name: 'Example Community Trust', ditProvider: 'TIS', enabled: false },
  ];
  return {
    findEnabled: (code) => list.find((o) => o.code === code && o.enabled),
    all: () => list,
    set(code, enabled) {
      const existing = list.find((o) => o.code === code);
      if (existing) existing.enabled = enabled;
      else list.push({ code, name: `Test ${code}`, ditProvider: 'TIS', enabled });
    },
  };
}

export interface TestAppOptions {
  /** Redis to use; default the run's redis-server. */
  redisUrl?: string;
  /** Redis by target (e.g. Sentinel); wins over `redisUrl`. */
  redisTarget?: RedisTargetInput;
  /** Key prefix; default a fresh one. */
  prefix?: string;
  /** Extra environment, e.g. `WEBHOOK_SECRETS` or `WEBHOOK_TOLERANCE_SECONDS`. */
  env?: Record<string, string>;
  now?: () => Date;
  /** Failed-login limits of the admin surfaces; default the contract's (10 in 15 minutes). */
  adminLoginRateLimit?: LoginRateLimitOptions;
  /**
   * More environment, given the app's own URL once its server listens (e.g. PUBLIC_BASE_URL and an
   * OpenID provider registered with that address); it wins over `env`.
   */
  envForUrl?: (url: string) => Promise<Record<string, string>>;
  /** Session time-outs of sign-in with a provider; default the config's. */
  sessionTimeouts?: Partial<SessionTimeouts>;
}

export interface TestApp {
  app: Express;
  /** The app listening on a loopback port: one server for all of a file's requests. */
  server: Server;
  config: Readonly<Config>;
  prefix: string;
  redis: Redis;
  queue: TransferQueue;
  transferStore: TransferStore;
  organisations: TestOrganisations;
  metrics: Metrics;
  /** Every log line the app wrote, parsed. */
  logs: Record<string, unknown>[];
  close(): Promise<void>;
}

/** The receiver app against a real Redis and a fresh key prefix, as server.ts wires it. */
export async function buildTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const prefix = options.prefix ?? aFreshPrefix('webhook');
  const logs: Record<string, unknown>[] = [];
  const stream = new PassThrough();
  stream.on('data', (chunk: Buffer) => {
    for (const line of chunk.toString().split('\n').filter(Boolean))
      logs.push(JSON.parse(line) as Record<string, unknown>);
  });
  const logger = createLogger({ stream, level: 'debug' });
  // the production server wiring: Node's own answers (431, 400, 100 Continue) are part of the contract;
  // listening before the app exists, so that the environment may hold the app's own URL
  const route: { app?: Express } = {};
  const server = createReceiverServer((req, res) => {
    route.app?.(req, res);
  }, logger);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const ownUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  let config: Readonly<Config>;
  try {
    const envForUrl = options.envForUrl ? await options.envForUrl(ownUrl) : {};
    config = loadConfig(
      {
        NODE_ENV: 'test',
        WEBHOOK_SECRETS: TEST_WEBHOOK_SECRET,
        QUEUE_PREFIX: prefix,
        ...options.env,
        ...envForUrl,
      },
      'receiver',
    );
  } catch (error) {
    await new Promise((resolve) => server.close(resolve));
    throw error;
  }
  const redis = createFailFastConnection(options.redisTarget ?? options.redisUrl ?? testRedisUrl(), logger);
  const queue = createTransferQueue(redis, prefix, config.transferAttempts, logger);
  await queue.waitUntilReady();
  const { tracLatency, ...adapters } = createReceiverAdapters(redis, prefix, queue);
  const { transferStore } = adapters;
  const organisations = someOrganisations();
  const metrics = createMetrics({ queue });
  const now = options.now ?? (() => new Date());
  const app = createApp({
    ...adapters,
    config,
    logger,
    queue,
    organisations,
    metrics,
    now,
    signIn: createSignIn({
      config,
      logger,
      now,
      sessionTimeouts: options.sessionTimeouts,
      ...createSignInStorage(redis, prefix),
    }),
    admin: {
      storage: createAdminStorage(redis, prefix, queue, logger, {
        loginRateLimit: options.adminLoginRateLimit,
      }),
      trac: createAdminTracClient(config, tracLatency.observe),
    },
  });
  route.app = app;
  return {
    app,
    server,
    config,
    prefix,
    redis,
    queue,
    transferStore,
    organisations,
    metrics,
    logs,
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await queue.close();
      await redis.quit().catch(() => redis.disconnect());
    },
  };
}

/** Sends a signed delivery to the test app's `POST /webhooks/trac`. */
export function deliver(
  t: Pick<TestApp, 'server'>,
  signed: { headers: Record<string, string>; payload: string | Buffer },
) {
  return request(t.server).post('/webhooks/trac').set(signed.headers).send(signed.payload);
}
