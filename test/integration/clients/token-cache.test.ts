import axios from 'axios';
import nock from 'nock';
import { createTokenCache } from '../../../src/platform/http/token-cache';

const BASE = 'http://auth.test';

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

describe('OAuth2 token cache', () => {
  it('when the token is close to expiry, then a new one is fetched before it lapses', async () => {
    let clock = 0;
    const endpoint = nock(BASE)
      .post('/token', 'grant_type=client_credentials&client_id=c')
      .reply(200, { access_token: 'first', expires_in: 900 })
      .post('/token')
      .reply(200, { access_token: 'second', expires_in: 900 });
    const cache = createTokenCache({
      http: axios.create({ baseURL: BASE }),
      tokenPath: '/token',
      form: { grant_type: 'client_credentials', client_id: 'c' },
      renewBeforeMs: 60_000,
      now: () => clock,
    });

    await expect(cache.get()).resolves.toBe('first');
    clock = 839_000; // 61 s before expiry
    await expect(cache.get()).resolves.toBe('first');
    clock = 841_000; // 59 s before expiry: renew
    await expect(cache.get()).resolves.toBe('second');
    expect(endpoint.isDone()).toBe(true);
  });

  it('when a token is invalidated, then the next call fetches another', async () => {
    nock(BASE)
      .post('/token')
      .reply(200, { access_token: 'a', expires_in: 3600 })
      .post('/token')
      .reply(200, { access_token: 'b', expires_in: 3600 });
    const cache = createTokenCache({ http: axios.create({ baseURL: BASE }), tokenPath: '/token', form: {} });
    const first = await cache.get();
    cache.invalidate(first);
    await expect(cache.get()).resolves.toBe('b');
  });
});
