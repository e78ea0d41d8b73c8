import { createNoticeFlash } from '../../../src/store/notice-flash';
import { aFreshPrefix, aRedisClient } from '../../helpers/redis';

const redis = aRedisClient();
const notices = createNoticeFlash(redis, aFreshPrefix('notice'));

afterAll(async () => {
  await redis.quit();
});

/** Two people the identity provider names alike, told apart by their subjects. */
const SARAH_IN_LEEDS = { user: 'Sarah Jones', subject: 'sub-leeds-1' };
const SARAH_IN_YORK = { user: 'Sarah Jones', subject: 'sub-york-2' };
const LOCATION = '/admin/transfers/R0A-A-100234?notice=queued&transfer=R0A-A-100234';

describe('a notice shown once, to whoever acted', () => {
  it('when two people with the same name act, then one’s notice is not the other’s to take', async () => {
    await notices.note(SARAH_IN_LEEDS, LOCATION);

    expect(await notices.take(SARAH_IN_YORK, LOCATION)).toBe(false);
    expect(await notices.take(SARAH_IN_LEEDS, LOCATION)).toBe(true);
    expect(await notices.take(SARAH_IN_LEEDS, LOCATION)).toBe(false);
  });

  it('when both note the same address, then each takes their own notice once', async () => {
    await notices.note(SARAH_IN_LEEDS, LOCATION);
    await notices.note(SARAH_IN_YORK, LOCATION);

    expect(await notices.take(SARAH_IN_YORK, LOCATION)).toBe(true);
    expect(await notices.take(SARAH_IN_YORK, LOCATION)).toBe(false);
    expect(await notices.take(SARAH_IN_LEEDS, LOCATION)).toBe(true);
  });

  it('when a local account (no subject) acts, then its notice is keyed by its user name', async () => {
    await notices.note({ user: 'hr1' }, LOCATION);

    expect(await notices.take({ user: 'hr2' }, LOCATION)).toBe(false);
    expect(await notices.take({ user: 'hr1' }, LOCATION)).toBe(true);
  });
});
