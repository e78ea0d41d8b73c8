import { buildAdminTestApp, urlOf } from '../../helpers/admin';
import type { TestApp } from '../../helpers/app';
import { CLIENT_SECRET, oidcEnv, PASSWORDS, withProviderAndApp } from '../../helpers/identity-provider';
import { aBrowser, followUntil, signIn, type BrowserLike } from '../../helpers/sign-in-walk';

const { idp, t } = withProviderAndApp();

/** Two more receivers behind the same public address (PUBLIC_BASE_URL), on the same Redis and prefix. */
let other: TestApp;
/** …one of them with short time-outs: 1.5 s idle, 3.5 s in all. */
let shortLived: TestApp;
beforeAll(async () => {
  const env = oidcEnv(idp.issuer, urlOf(t));
  other = await buildAdminTestApp({ prefix: t.prefix, env });
  shortLived = await buildAdminTestApp({
    prefix: t.prefix,
    env,
    sessionTimeouts: { idleMs: 1500, maxMs: 3500 },
  });
});
afterAll(async () => {
  await other.close();
  await shortLived.close();
});

/** Every cookie, code and state the tests saw: none may appear in a log line. */
const seen: string[] = [];

async function signedIn(login: keyof typeof PASSWORDS = 'hr-r0a'): Promise<BrowserLike> {
  const browser = aBrowser();
  const { callback } = await signIn(browser, `${urlOf(t)}/admin`, login, PASSWORDS[login]);
  const url = new URL(callback);
  seen.push(url.searchParams.get('code') ?? '', url.searchParams.get('state') ?? '');
  seen.push(browser.jar.get('dit-session') ?? '');
  return browser;
}

const apiStatus = async (browser: BrowserLike, app: TestApp) =>
  (await browser.request(`${urlOf(app)}/admin/transfers`, { accept: 'application/json' })).status;
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The Sign out form's token on the overview page. */
async function signOutToken(browser: BrowserLike): Promise<string> {
  const page = await (await browser.request(`${urlOf(t)}/admin`)).text();
  const token = /action="\/auth\/sign-out"[\s\S]*?name="_csrf" value="([^"]+)"/.exec(page)?.[1];
  if (!token) throw new Error('no sign-out form on the overview page');
  return token;
}

const postSignOut = (
  browser: BrowserLike,
  fields: Record<string, string>,
  headers: Record<string, string> = {},
) =>
  browser.request(`${urlOf(t)}/auth/sign-out`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: urlOf(t), ...headers },
    body: new URLSearchParams(fields).toString(),
  });

describe('sessions shared by every receiver', () => {
  it('when a session cookie from one receiver is sent to another, then it works there too', async () => {
    const browser = await signedIn();

    expect(await apiStatus(browser, other)).toBe(200);
    expect(await apiStatus(browser, t)).toBe(200);
  });

  it('when a session is kept in Redis, then its key holds no cookie value and its value no token of the provider', async () => {
    const browser = await signedIn();
    const cookie = browser.jar.get('dit-session') ?? '';

    const keys = await t.redis.keys(`${t.prefix}:session:*`);
    const values = await Promise.all(keys.map((key) => t.redis.get(key)));

    expect(keys.length).toBeGreaterThan(0);
    expect(keys.join(' ')).not.toContain(cookie);
    for (const value of values) {
      expect(Object.keys(JSON.parse(value ?? '{}') as object).sort()).toEqual(
        ['createdAt', 'csrfToken', 'name', 'organisations', 'role', 'subject', 'user'].sort(),
      );
    }
  });
});

describe('sessions end', () => {
  it('when a session sees no request for longer than the idle time-out, then it has ended (401 for the API, the "session expired" page for a browser)', async () => {
    const browser = await signedIn();
    expect(await apiStatus(browser, shortLived)).toBe(200);
    await pause(1000);
    expect(await apiStatus(browser, shortLived)).toBe(200); // each request restarts the idle time
    await pause(1000);
    expect(await apiStatus(browser, shortLived)).toBe(200);

    await pause(1700);
    const page = await browser.request(`${urlOf(shortLived)}/admin/transfers`);
    const api = await browser.request(`${urlOf(shortLived)}/admin/transfers`, { accept: 'application/json' });

    expect(page.status).toBe(303);
    expect(page.headers.get('location')).toBe('/auth/session-expired?returnTo=%2Fadmin%2Ftransfers');
    expect(api.status).toBe(401);
    expect(await api.json()).toEqual({ error: 'unauthorized' });
    const expired = await browser.request(
      `${urlOf(shortLived)}/auth/session-expired?returnTo=%2Fadmin%2Ftransfers`,
    );
    expect(await expired.text()).toContain('Your session has ended');
  }, 15_000);

  it('when a session is older than the absolute time-out, then it has ended, however busy it was', async () => {
    const browser = await signedIn();
    const started = Date.now();
    while (Date.now() - started < 3000) {
      expect(await apiStatus(browser, shortLived)).toBe(200);
      await pause(500);
    }
    await pause(Math.max(0, 3600 - (Date.now() - started)));

    expect(await apiStatus(browser, shortLived)).toBe(401);
  }, 15_000);
});

describe('signing out', () => {
  it('when a signed-in person posts the sign-out form, then the session ends here and they are sent to end the provider’s too, then asked to sign in again', async () => {
    const browser = await signedIn();
    const cookie = browser.jar.get('dit-session') ?? '';

    const answer = await postSignOut(browser, { _csrf: await signOutToken(browser) });
    const location = new URL(answer.headers.get('location') ?? '');

    expect(answer.status).toBe(303);
    expect(`${location.origin}${location.pathname}`).toBe(`${idp.issuer}/session/end`);
    expect(location.searchParams.get('post_logout_redirect_uri')).toBe(`${urlOf(t)}/auth/signed-out`);
    expect(browser.jar.get('dit-session')).toBeUndefined();
    browser.jar.set('dit-session', cookie);
    expect(await apiStatus(browser, t)).toBe(401);
    browser.jar.delete('dit-session');

    // the provider asks to confirm; confirming brings the browser back to the "signed out" page
    const confirm = await (await browser.request(location.href)).text();
    const form = /<form[^>]*action="([^"]+)"[^>]*>[\s\S]*?name="xsrf" value="([^"]+)"/.exec(confirm);
    const ended = await browser.request(new URL(form?.[1] ?? '', idp.issuer).href, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ xsrf: form?.[2] ?? '', logout: 'yes' }).toString(),
    });
    const back = await followUntil(
      browser,
      new URL(ended.headers.get('location') ?? '', idp.issuer).href,
      (next) => next.endsWith('/auth/signed-out'),
    );
    const signedOut = await browser.request(back);
    const again = await followUntil(browser, `${urlOf(t)}/admin`, (next) => next.includes('/interaction/'));

    expect(await signedOut.text()).toContain('You have signed out');
    expect(again).toContain(`${idp.issuer}/interaction/`);
  });

  it('when the sign-out form lacks the session’s token or comes from another site, then it is refused and the session goes on', async () => {
    const browser = await signedIn();
    const token = await signOutToken(browser);

    const withoutToken = await postSignOut(browser, {});
    const wrongToken = await postSignOut(browser, { _csrf: `${token}x` });
    const crossSite = await postSignOut(browser, { _csrf: token }, { origin: 'https://elsewhere.example' });

    expect([withoutToken.status, wrongToken.status, crossSite.status]).toEqual([403, 403, 403]);
    expect(await apiStatus(browser, t)).toBe(200);
  });

  it('when another site’s form posts sign-out and the browser withholds the SameSite=Lax cookie, then it is refused: the cookie is not cleared and the browser is not sent to the provider', async () => {
    const browser = await signedIn();
    const cookie = browser.jar.get('dit-session') ?? '';
    browser.jar.delete('dit-session');

    const forged = await postSignOut(
      browser,
      {},
      { origin: 'https://elsewhere.example', 'sec-fetch-site': 'cross-site' },
    );
    const forgedByOrigin = await postSignOut(
      browser,
      { _csrf: 'x'.repeat(43) },
      { origin: 'https://elsewhere.example' },
    );
    browser.jar.set('dit-session', cookie);

    expect([forged.status, forgedByOrigin.status]).toEqual([403, 403]);
    expect([forged.headers.get('location'), forgedByOrigin.headers.get('location')]).toEqual([null, null]);
    expect([...forged.headers.getSetCookie(), ...forgedByOrigin.headers.getSetCookie()]).toEqual([]);
    expect(await apiStatus(browser, t)).toBe(200);
  });

  it('when a sign-out form without its token comes from this site with no session, then it is refused', async () => {
    const answer = await postSignOut(aBrowser(), {});

    expect(answer.status).toBe(403);
    expect(answer.headers.get('location')).toBeNull();
  });

  it('when the session has already ended and its page’s sign-out form is posted, then the browser is still sent to end the provider’s session', async () => {
    const browser = await signedIn();
    const token = await signOutToken(browser);
    browser.jar.delete('dit-session');

    const answer = await postSignOut(browser, { _csrf: token });
    const location = new URL(answer.headers.get('location') ?? '', urlOf(t));

    expect(answer.status).toBe(303);
    expect(`${location.origin}${location.pathname}`).toBe(`${idp.issuer}/session/end`);
  });
});

describe('what is written down', () => {
  it('when people have signed in and out, then no log line holds a cookie, code, state, secret or password', () => {
    const logs = JSON.stringify([t.logs, other.logs, shortLived.logs]);

    expect(seen.filter(Boolean).length).toBeGreaterThan(10);
    for (const value of [...seen.filter(Boolean), CLIENT_SECRET, ...Object.values(PASSWORDS)]) {
      expect(logs).not.toContain(value);
    }
    expect(logs).toContain('signed in');
  });
});
