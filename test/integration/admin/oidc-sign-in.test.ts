import { asCaller, HR_ADMIN, urlOf } from '../../helpers/admin';
import { CLIENT_ID, CLIENT_SECRET, PASSWORDS, withProviderAndApp } from '../../helpers/identity-provider';
import { aBrowser, signIn, signInUntilCallback, type BrowserLike } from '../../helpers/sign-in-walk';

// behind a proxy on this machine: its X-Forwarded-Proto says whether the page was asked for over https
const { idp, t } = withProviderAndApp({ env: { TRUST_PROXY: 'loopback' } });

const admin = () => `${urlOf(t)}/admin`;
const jsonGet = (browser: BrowserLike, path: string) =>
  browser.request(`${urlOf(t)}${path}`, { accept: 'application/json' });

/** The `Set-Cookie` of the session in an answer, whole (attributes included). */
const sessionCookieOf = (answer: Response) =>
  answer.headers.getSetCookie().find((cookie) => cookie.startsWith('dit-session='));

describe('signing in with the OpenID provider', () => {
  it('when a browser without a session opens an admin page, then it is sent to the provider with PKCE (S256), state and nonce', async () => {
    const browser = aBrowser();

    const first = await browser.request(`${admin()}/transfers?state=failed`);
    const toProvider = await browser.request(new URL(first.headers.get('location') ?? '', admin()).href);

    expect(first.status).toBe(303);
    expect(first.headers.get('location')).toBe(
      '/auth/sign-in?returnTo=%2Fadmin%2Ftransfers%3Fstate%3Dfailed',
    );
    expect(toProvider.status).toBe(303);
    const authorization = new URL(toProvider.headers.get('location') ?? '');
    expect(authorization.origin).toBe(idp.issuer);
    expect(Object.fromEntries(authorization.searchParams)).toMatchObject({
      client_id: CLIENT_ID,
      response_type: 'code',
      redirect_uri: `${urlOf(t)}/auth/callback`,
      code_challenge_method: 'S256',
      scope: 'openid profile',
    });
    for (const param of ['code_challenge', 'state', 'nonce']) {
      expect(authorization.searchParams.get(param)).toMatch(/^[A-Za-z0-9_-]{43,}$/);
    }
    expect(toProvider.headers.getSetCookie().join('\n')).toMatch(
      /^dit-sign-in=[^;]+;.*HttpOnly.*SameSite=Lax/im,
    );
  });

  it('when a script without credentials calls the JSON API, then it gets 401 with a Bearer and a Basic challenge', async () => {
    const answer = await jsonGet(aBrowser(), '/admin/transfers');

    expect(answer.status).toBe(401);
    expect(answer.headers.get('www-authenticate')).toBe(
      'Bearer realm="dit-checks-connector", Basic realm="dit-checks-connector"',
    );
  });

  it('when the R0A HR admin signs in, then a session cookie (HttpOnly, SameSite=Lax) opens the page they asked for and the API', async () => {
    const browser = aBrowser();

    const { answer } = await signIn(browser, `${admin()}/transfers`, 'hr-r0a', PASSWORDS['hr-r0a']);
    const api = await jsonGet(browser, '/admin/transfers');
    const page = await browser.request(`${admin()}/transfers`);

    expect(answer.status).toBe(303);
    expect(answer.headers.get('location')).toBe('/admin/transfers');
    const cookie = sessionCookieOf(answer) ?? '';
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).toMatch(/Path=\//i);
    expect(cookie).not.toMatch(/Secure/i); // plain http here; over https it is __Host- and Secure
    expect(api.status).toBe(200);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Demo HR admin (R0A)');
  });

  it('when the pages are served over https (behind a trusted proxy), then the cookies are Secure with the __Host- prefix', async () => {
    const browser = aBrowser(undefined, { 'x-forwarded-proto': 'https' });

    const { answer } = await signIn(browser, admin(), 'hr-r0a', PASSWORDS['hr-r0a']);
    const api = await jsonGet(browser, '/admin/transfers');

    const cookie =
      answer.headers.getSetCookie().find((value) => value.startsWith('__Host-dit-session=')) ?? '';
    expect(cookie).toMatch(/; Secure/i);
    expect(cookie).toMatch(/Path=\/;/i);
    expect(cookie).not.toMatch(/Domain=/i);
    expect(api.status).toBe(200);
    expect(browser.jar.get('dit-session')).toBeUndefined();
  });

  it('when a local account uses HTTP Basic beside the provider, then it works as before', async () => {
    const answer = await asCaller(t, HR_ADMIN).get('/admin/transfers');

    expect(answer.status).toBe(200);
  });

  it('when a person without a role signs in, then they see only the "not authorised" page and get no session', async () => {
    const browser = aBrowser();

    const { answer } = await signIn(browser, admin(), 'no-role', PASSWORDS['no-role']);
    const page = await browser.request(`${urlOf(t)}/auth/not-authorised`);

    expect(answer.headers.get('location')).toBe('/auth/not-authorised');
    expect(sessionCookieOf(answer)).toBeUndefined();
    expect(page.status).toBe(403);
    expect(await page.text()).toContain('You are not authorised to use this service');
  });
});

describe('a sign-in that comes back wrong fails', () => {
  it('when the callback carries a forged state, then it fails and no session starts', async () => {
    const browser = aBrowser();
    const callback = new URL(await signInUntilCallback(browser, admin(), 'hr-r0a', PASSWORDS['hr-r0a']));
    callback.searchParams.set('state', 'forged-state-forged-state-forged-state-0000');

    const answer = await browser.request(callback.href);

    expect(answer.status).toBe(400);
    expect(await answer.text()).toContain('Sign-in did not complete');
    expect(sessionCookieOf(answer)).toBeUndefined();
  });

  it('when a callback is replayed, then the second use fails and starts no session', async () => {
    const browser = aBrowser();
    const callback = await signInUntilCallback(browser, admin(), 'hr-r0a', PASSWORDS['hr-r0a']);
    const signInCookie = browser.jar.get('dit-sign-in') ?? '';
    const first = await browser.request(callback);
    browser.jar.delete('dit-session');
    browser.jar.set('dit-sign-in', signInCookie);

    const replay = await browser.request(callback);

    expect(first.status).toBe(303);
    expect(replay.status).toBe(400);
    expect(sessionCookieOf(replay)).toBeUndefined();
  });

  it('when a used code comes back with the state of a new sign-in in the same browser, then the provider refuses it and no session starts', async () => {
    const browser = aBrowser();
    const used = new URL(await signInUntilCallback(browser, admin(), 'hr-r0a', PASSWORDS['hr-r0a']));
    expect((await browser.request(used.href)).status).toBe(303);
    browser.jar.delete('dit-session');
    const begun = await browser.request(`${urlOf(t)}/auth/sign-in`);
    used.searchParams.set(
      'state',
      new URL(begun.headers.get('location') ?? '').searchParams.get('state') ?? '',
    );

    const replay = await browser.request(used.href);

    expect(replay.status).toBe(400);
    expect(sessionCookieOf(replay)).toBeUndefined();
  });

  it('when the code is exchanged without its PKCE verifier, then the provider refuses it, and the callback without the sign-in in progress fails', async () => {
    const browser = aBrowser();
    const callback = new URL(await signInUntilCallback(browser, admin(), 'hr-r0a', PASSWORDS['hr-r0a']));
    const withoutVerifier = await fetch(`${idp.issuer}/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        code: callback.searchParams.get('code') ?? '',
        redirect_uri: `${urlOf(t)}/auth/callback`,
        client_id: CLIENT_ID,
        client_secret: CLIENT_SECRET,
      }).toString(),
    });
    const other = aBrowser();
    const secondCallback = await signInUntilCallback(other, admin(), 'hr-r0a', PASSWORDS['hr-r0a']);
    other.jar.delete('dit-sign-in');

    const answer = await other.request(secondCallback);

    expect(withoutVerifier.status).toBe(400);
    expect(await withoutVerifier.json()).toMatchObject({ error: 'invalid_grant' });
    expect(answer.status).toBe(400);
    expect(sessionCookieOf(answer)).toBeUndefined();
  });
});

describe('starting sign-ins is bounded', () => {
  it('when one address starts more than 30 sign-ins in a minute, then the next gets 429 and stores nothing', async () => {
    const browser = aBrowser();
    const statuses: number[] = [];
    for (let i = 0; i < 31 && !statuses.includes(429); i += 1) {
      statuses.push((await browser.request(`${urlOf(t)}/auth/sign-in`)).status);
    }
    const keysBefore = (await t.redis.keys(`${t.prefix}:sign-in:*`)).length;

    const refused = await browser.request(`${urlOf(t)}/auth/sign-in`);

    expect(statuses).toContain(429);
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe('60');
    expect(await refused.text()).toContain('Too many sign-ins');
    expect((await t.redis.keys(`${t.prefix}:sign-in:*`)).length).toBe(keysBefore);
  });
});
