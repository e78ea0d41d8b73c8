import { buildAdminTestApp, urlOf } from '../../helpers/admin';
import type { TestApp } from '../../helpers/app';
import {
  oidcEnv,
  PASSWORDS,
  startTestIdentityProvider,
  type TestIdentityProvider,
} from '../../helpers/identity-provider';
import { aBrowser, signInUntilCallback, type BrowserLike } from '../../helpers/sign-in-walk';

/**
 * The address people use is https, at a TLS proxy whose `X-Forwarded-Proto` the receiver does not
 * believe (TRUST_PROXY unset): each request reaches it as plain http.
 */
const PUBLIC_BASE_URL = 'https://connector.example';

let idp: TestIdentityProvider | undefined;
let t: TestApp | undefined;
beforeAll(async () => {
  idp = await startTestIdentityProvider([PUBLIC_BASE_URL]);
  t = await buildAdminTestApp({ env: oidcEnv(idp.issuer, PUBLIC_BASE_URL) });
}, 60_000);
afterAll(async () => {
  await t?.close();
  await idp?.stop();
});

const app = (): TestApp => {
  if (!t) throw new Error('the app did not start');
  return t;
};

/** The sign-in walk, its callback sent to this receiver as the TLS proxy would pass it on. */
async function signInThroughTheProxy(browser: BrowserLike): Promise<Response> {
  const callback = new URL(
    await signInUntilCallback(browser, `${urlOf(app())}/admin`, 'hr-r0a', PASSWORDS['hr-r0a']),
  );
  expect(callback.origin).toBe(PUBLIC_BASE_URL);
  return browser.request(`${urlOf(app())}${callback.pathname}${callback.search}`);
}

describe('cookies of an https deployment, whatever TRUST_PROXY says', () => {
  it('when PUBLIC_BASE_URL is https and TRUST_PROXY is unset, then the sign-in and session cookies are Secure with the __Host- prefix, and the session works', async () => {
    const browser = aBrowser();

    const start = await browser.request(`${urlOf(app())}/auth/sign-in`);
    await start.arrayBuffer();
    const answer = await signInThroughTheProxy(browser);
    const api = await browser.request(`${urlOf(app())}/admin/transfers`, { accept: 'application/json' });

    expect(start.headers.getSetCookie()).toEqual([
      expect.stringMatching(/^__Host-dit-sign-in=[^;]+;.*; Secure/i),
    ]);
    const cookies = answer.headers.getSetCookie();
    const session = cookies.find((cookie) => cookie.startsWith('__Host-dit-session=')) ?? '';
    expect(session).toMatch(/; Secure/i);
    expect(session).toMatch(/; HttpOnly/i);
    expect(session).toMatch(/Path=\/;/i);
    expect(session).not.toMatch(/Domain=/i);
    expect(cookies.filter((cookie) => /^dit-(session|sign-in)=[^;]/.test(cookie))).toEqual([]);
    expect(api.status).toBe(200);
  });
});
