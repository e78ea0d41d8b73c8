import { mkdtempSync } from 'node:fs';
import { Agent } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { startEmbeddedRedis, type EmbeddedRedis } from '../../../scripts/embedded-redis';
import type { TestApp } from '../../helpers/app';
import {
  basicAuth,
  buildAdminTestApp,
  withAdminTestApp,
  HR_ADMIN,
  SUPPORT,
  WRONG_PASSWORD,
  type Credentials,
} from '../../helpers/admin';

/** The contract's numbers: 10 failures in 15 minutes lock a (user, address) pair for 15 minutes. */
const LOCKED_AFTER = 10;
const LOCKED_FOR_SECONDS = 15 * 60;

const t = withAdminTestApp();

let addressCounter = 0;
/** A loopback address of its own (all of 127/8 is this host's), so tests never share a pair. */
function anAddress(): string {
  addressCounter += 1;
  return `127.1.${addressCounter >> 8}.${addressCounter & 255}`;
}

/** `GET path` sent from a given client address, with the given credentials (none when undefined). */
function getFrom(
  app: Pick<TestApp, 'server'>,
  address: string,
  credentials?: Credentials,
  path = '/admin/audit',
) {
  const test = request(app.server)
    .get(path)
    .agent(new Agent({ localAddress: address }));
  return credentials ? test.set('Authorization', basicAuth(credentials)) : test;
}

async function failLogins(
  app: Pick<TestApp, 'server'>,
  address: string,
  times: number,
  who = WRONG_PASSWORD,
) {
  const statuses: number[] = [];
  for (let i = 0; i < times; i += 1) statuses.push((await getFrom(app, address, who)).status);
  return statuses;
}

async function refusedCount(app: Pick<TestApp, 'metrics'>, status: string): Promise<number> {
  const metric = await app.metrics.registry.getSingleMetric('dit_admin_refused_total')?.get();
  return metric?.values.find((value) => value.labels.status === status)?.value ?? 0;
}

describe('failed admin logins, per user and client address', () => {
  it('when one user fails 10 times from one address, then that pair gets 429 with Retry-After for 15 minutes, even with the right password', async () => {
    const address = anAddress();
    const [refused401, refused429] = [await refusedCount(t, '401'), await refusedCount(t, '429')];

    const failures = await failLogins(t, address, LOCKED_AFTER);
    const right = await getFrom(t, address, HR_ADMIN);
    const wrong = await getFrom(t, address, WRONG_PASSWORD);

    expect(failures).toEqual(Array(LOCKED_AFTER).fill(401));
    expect(right.status).toBe(429);
    expect(right.body).toEqual({ error: 'too_many_failed_logins' });
    expect(right.headers['retry-after']).toMatch(/^\d+$/);
    expect(Number(right.headers['retry-after'])).toBeGreaterThan(LOCKED_FOR_SECONDS - 10);
    expect(Number(right.headers['retry-after'])).toBeLessThanOrEqual(LOCKED_FOR_SECONDS);
    expect(wrong.status).toBe(429);
    expect(await refusedCount(t, '401')).toBe(refused401 + LOCKED_AFTER);
    expect(await refusedCount(t, '429')).toBe(refused429 + 2);
    expect(t.logs).toContainEqual(
      expect.objectContaining({
        message: expect.stringMatching(/too many failures/) as unknown,
        user: 'hr1',
        clientIp: address,
      }),
    );
  });

  it('when one user fails 9 times, then the right password still logs in', async () => {
    const address = anAddress();

    await failLogins(t, address, LOCKED_AFTER - 1);

    expect((await getFrom(t, address, HR_ADMIN)).status).toBe(200);
  });

  it('when someone fails 20 times as another user from an address, then the HR admin and support at that address still log in', async () => {
    const address = anAddress();

    const failures = await failLogins(t, address, 20, { user: 'nobody', password: 'guess' });

    expect(failures.slice(0, LOCKED_AFTER)).toEqual(Array(LOCKED_AFTER).fill(401));
    expect((await getFrom(t, address, HR_ADMIN)).status).toBe(200);
    expect((await getFrom(t, address, SUPPORT)).status).toBe(200);
  });

  it('when a user is locked out at one address, then the same user logs in from another address, and other users from the first', async () => {
    const [locked, elsewhere] = [anAddress(), anAddress()];

    await failLogins(t, locked, LOCKED_AFTER);

    expect((await getFrom(t, locked, HR_ADMIN)).status).toBe(429);
    expect((await getFrom(t, elsewhere, HR_ADMIN)).status).toBe(200);
    expect((await getFrom(t, locked, SUPPORT)).status).toBe(200);
  });

  it('when requests come without credentials, then they are challenged but not counted as failures', async () => {
    const address = anAddress();

    for (let i = 0; i < 25; i += 1) expect((await getFrom(t, address, undefined)).status).toBe(401);

    expect((await getFrom(t, address, HR_ADMIN)).status).toBe(200);
  });

  it('when one address then fails under 100 other names, then the pairs locked there stay locked and a user who never failed there logs in', async () => {
    const address = anAddress();
    await failLogins(t, address, LOCKED_AFTER);
    await failLogins(t, address, LOCKED_AFTER, { user: 'nobody', password: 'guess' });

    for (let i = 0; i < 100; i += 1)
      await failLogins(t, address, 1, { user: `name-${i}`, password: 'guess' });

    expect((await getFrom(t, address, HR_ADMIN)).status).toBe(429);
    expect((await getFrom(t, address, { user: 'nobody', password: 'guess' })).status).toBe(429);
    expect((await getFrom(t, address, SUPPORT)).status).toBe(200);
  });

  it('when a pair is locked and 10,000 other addresses fail a login each, then the pair is still locked', async () => {
    const locked = anAddress();
    await failLogins(t, locked, 20);
    expect((await getFrom(t, locked, HR_ADMIN)).status).toBe(429);

    const spray = Array.from({ length: 10_000 }, (_, i) => `127.2.${i >> 8}.${i & 255}`);
    for (let i = 0; i < spray.length; i += 200) {
      const batch = spray.slice(i, i + 200).map((address) => getFrom(t, address, WRONG_PASSWORD));
      expect(new Set((await Promise.all(batch)).map((answer) => answer.status))).toEqual(new Set([401]));
    }

    expect((await getFrom(t, locked, HR_ADMIN)).status).toBe(429);
  }, 120_000);
});

describe('failed logins across receiver processes', () => {
  let other: TestApp;
  beforeAll(async () => {
    other = await buildAdminTestApp({ prefix: t.prefix });
  });
  afterAll(async () => {
    await other.close();
  });

  it('when one pair fails 5 times on each of two receivers on the same Redis, then both answer 429', async () => {
    const address = anAddress();

    await failLogins(t, address, LOCKED_AFTER / 2);
    await failLogins(other, address, LOCKED_AFTER / 2);

    expect((await getFrom(t, address, HR_ADMIN)).status).toBe(429);
    expect((await getFrom(other, address, HR_ADMIN)).status).toBe(429);
  });
});

describe('failed-login limits set by options', () => {
  let quick: TestApp;
  beforeAll(async () => {
    quick = await buildAdminTestApp({
      adminLoginRateLimit: { maxFailures: 2, windowSeconds: 1, blockSeconds: 1 },
    });
  });
  afterAll(async () => {
    await quick.close();
  });

  it('when the lock-out time has passed, then the right password logs in again', async () => {
    const address = anAddress();
    await failLogins(quick, address, 2);
    expect((await getFrom(quick, address, HR_ADMIN)).status).toBe(429);

    await new Promise((resolve) => setTimeout(resolve, 1_300));

    expect((await getFrom(quick, address, HR_ADMIN)).status).toBe(200);
  });

  it('when failures are further apart than the window, then they do not add up', async () => {
    const address = anAddress();

    await failLogins(quick, address, 1);
    await new Promise((resolve) => setTimeout(resolve, 1_300));
    await failLogins(quick, address, 1);

    expect((await getFrom(quick, address, HR_ADMIN)).status).toBe(200);
  });
});

describe('failed-login limits while Redis is unreachable', () => {
  // a private redis-server: stopping the run's shared one would break the other test files
  let redisServer: EmbeddedRedis;
  let cut: TestApp;
  beforeAll(async () => {
    redisServer = await startEmbeddedRedis({ dataDir: mkdtempSync(join(tmpdir(), 'dit-login-redis-')) });
    cut = await buildAdminTestApp({ redisUrl: redisServer.url });
    await redisServer.stop();
    while (cut.redis.status === 'ready') await new Promise((resolve) => setTimeout(resolve, 20));
  });
  afterAll(async () => {
    await cut.close();
  });

  it.each([
    ['the right password', HR_ADMIN],
    ['a wrong password', WRONG_PASSWORD],
  ])(
    'when %s comes for a page that needs no Redis, then it is answered 503 (the limit cannot be checked)',
    async (_name, credentials) => {
      const answer = await getFrom(cut, anAddress(), credentials, '/admin/queues');

      expect(answer.status).toBe(503);
      expect(answer.body).toEqual({ error: 'unavailable' });
    },
  );
});

describe('the client address behind a reverse proxy (TRUST_PROXY)', () => {
  const proxied = withAdminTestApp({ env: { TRUST_PROXY: 'loopback' } });

  it('when X-Forwarded-For comes from an untrusted peer (the default), then it is ignored: a locked pair cannot escape by naming another address', async () => {
    const address = anAddress();
    await failLogins(t, address, LOCKED_AFTER);

    const spoofed = await getFrom(t, address, HR_ADMIN).set('X-Forwarded-For', '203.0.113.9');

    expect(spoofed.status).toBe(429);
  });

  it('when the proxy is trusted, then each client behind it has its own limit: one locked client leaves the others able to log in', async () => {
    const proxy = anAddress();
    const from = (client: string, who: Credentials) =>
      getFrom(proxied, proxy, who).set('X-Forwarded-For', client);
    for (let i = 0; i < LOCKED_AFTER; i += 1) await from('198.51.100.7', WRONG_PASSWORD);

    expect((await from('198.51.100.7', HR_ADMIN)).status).toBe(429);
    expect((await from('198.51.100.8', HR_ADMIN)).status).toBe(200);
  });
});
