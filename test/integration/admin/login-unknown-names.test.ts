import { Agent } from 'node:http';
import request from 'supertest';
import {
  basicAuth,
  withAdminTestApp,
  HR_ADMIN,
  SUPPORT,
  WRONG_PASSWORD,
  type Credentials,
} from '../../helpers/admin';

/** The contract's number: 10 failures lock a (user, address) pair. */
const LOCKED_AFTER = 10;
/** Names one address has counted each on its own at once; further names share one count. */
const TRACKED_NAMES = 20;

const t = withAdminTestApp();

let addressCounter = 0;
/** A loopback address of its own, so tests never share a pair (login-lockout.test.ts uses 127.1/16). */
function anAddress(): string {
  addressCounter += 1;
  return `127.3.${addressCounter >> 8}.${addressCounter & 255}`;
}

function getFrom(address: string, credentials: Credentials) {
  return request(t.server)
    .get('/admin/audit')
    .agent(new Agent({ localAddress: address }))
    .set('Authorization', basicAuth(credentials));
}

async function failAs(address: string, user: string, times = 1): Promise<number[]> {
  const statuses: number[] = [];
  for (let i = 0; i < times; i += 1)
    statuses.push((await getFrom(address, { user, password: 'guess' })).status);
  return statuses;
}

/** Fails once under each of `count` new names: an address holding them has no room for more. */
async function fillNames(address: string, label: string, count = TRACKED_NAMES): Promise<void> {
  for (let i = 0; i < count; i += 1) await failAs(address, `${label}-${i}`);
}

async function keysUnderPrefix(): Promise<Set<string>> {
  const keys = new Set<string>();
  let cursor = '0';
  do {
    const [next, batch] = await t.redis.scan(cursor, 'MATCH', `${t.prefix}:*`, 'COUNT', 1000);
    cursor = next;
    for (const key of batch) keys.add(key);
  } while (cursor !== '0');
  return keys;
}

describe('failed logins under names that are not configured users', () => {
  it('when one address fails under 100 different unknown names, then Redis keeps a bounded number of keys for them', async () => {
    const address = anAddress();
    await failAs(address, 'warm-up');
    const before = await keysUnderPrefix();

    for (let i = 0; i < 100; i += 1) await failAs(address, `guess-${i}`);

    const added = [...(await keysUnderPrefix())].filter((key) => !before.has(key));
    expect(added.length).toBeLessThanOrEqual(TRACKED_NAMES + 1);
  });

  it('when an unknown name fails 10 times, then it gets 429 as a configured user would: the answers never tell which names exist', async () => {
    const address = anAddress();

    const unknown = await failAs(address, 'no-such-person', LOCKED_AFTER + 1);
    const known = await failAs(address, WRONG_PASSWORD.user, LOCKED_AFTER + 1);

    expect(unknown).toEqual([...Array<number>(LOCKED_AFTER).fill(401), 429]);
    expect(known).toEqual(unknown);
  });

  it('when a configured user is locked at an address and 100 unknown names fail there, then the user is still locked and others still log in', async () => {
    const address = anAddress();
    await failAs(address, WRONG_PASSWORD.user, LOCKED_AFTER);

    for (let i = 0; i < 100; i += 1) await failAs(address, `spray-${i}`);

    expect((await getFrom(address, HR_ADMIN)).status).toBe(429);
    expect((await getFrom(anAddress(), HR_ADMIN)).status).toBe(200);
  }, 60_000);

  it('when an unknown name is locked and 20 other unknown names then fail at that address, then it stays locked, as a configured user does', async () => {
    const address = anAddress();
    await failAs(address, 'ghost', LOCKED_AFTER);
    await failAs(address, WRONG_PASSWORD.user, LOCKED_AFTER);

    await fillNames(address, 'other');

    expect((await getFrom(address, { user: 'ghost', password: 'guess' })).status).toBe(429);
    expect((await getFrom(address, WRONG_PASSWORD)).status).toBe(429);
  });
});

describe('failed logins beyond the names one address has counted', () => {
  it('when 10 further names fail at a full address, then they are locked together, and a configured user’s wrong password there is answered alike', async () => {
    const address = anAddress();
    await fillNames(address, 'fill');

    const further = [];
    for (let i = 0; i < LOCKED_AFTER; i += 1) further.push(...(await failAs(address, `further-${i}`)));
    const unknown = await getFrom(address, { user: 'yet-another', password: 'guess' });
    const configured = await getFrom(address, { user: SUPPORT.user, password: 'not-the-password' });

    expect(further).toEqual(Array<number>(LOCKED_AFTER).fill(401));
    expect([unknown.status, configured.status]).toEqual([429, 429]);
    expect(configured.body).toEqual(unknown.body);
    expect(Number(configured.headers['retry-after'])).toBeGreaterThan(0);
    expect(
      Math.abs(Number(configured.headers['retry-after']) - Number(unknown.headers['retry-after'])),
    ).toBeLessThanOrEqual(1);
  });

  it('when the further names at an address are locked, then a configured user who has not failed there still logs in', async () => {
    const address = anAddress();
    await fillNames(address, 'fill');
    for (let i = 0; i < LOCKED_AFTER; i += 1) await failAs(address, `further-${i}`);

    expect((await getFrom(address, HR_ADMIN)).status).toBe(200);
    expect((await getFrom(address, SUPPORT)).status).toBe(200);
  });

  it('when a configured user’s password is guessed at an address whose further names are locked, then 10 wrong guesses lock that user there, the right password included', async () => {
    const address = anAddress();
    await fillNames(address, 'fill');
    for (let i = 0; i < LOCKED_AFTER; i += 1) await failAs(address, `further-${i}`);

    await failAs(address, WRONG_PASSWORD.user, LOCKED_AFTER);

    expect((await getFrom(address, HR_ADMIN)).status).toBe(429);
    expect((await getFrom(address, SUPPORT)).status).toBe(200);
  });

  it('when one address fails under 200 new names, then no count is dropped: a name locked there before is still locked', async () => {
    const address = anAddress();
    await failAs(address, 'first-ghost', LOCKED_AFTER);

    await fillNames(address, 'spray', 200);

    expect((await getFrom(address, { user: 'first-ghost', password: 'guess' })).status).toBe(429);
  }, 60_000);
});
