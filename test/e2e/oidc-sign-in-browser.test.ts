import type { BrowserContext, Page } from 'playwright-core';
import { axeViolations } from '../helpers/accessibility';
import { aStoredTransfer, urlOf } from '../helpers/admin';
import { withChromium } from '../helpers/browser';
import { PASSWORDS, withProviderAndApp, type DemoLogin } from '../helpers/identity-provider';

const { idp, t } = withProviderAndApp();
const browser = withChromium();

/** Failed transfers of both organisations: the R0A HR admin must see the first two only. */
let r0aFirst: string;
let r0aSecond: string;
let sevenA1: string;
beforeAll(async () => {
  r0aFirst = await aStoredTransfer(t.transferStore, { organisationCode: 'R0A', applicantId: 'A-910001' });
  r0aSecond = await aStoredTransfer(t.transferStore, { organisationCode: 'R0A', applicantId: 'A-910002' });
  sevenA1 = await aStoredTransfer(t.transferStore, { organisationCode: '7A1', applicantId: 'A-910003' });
});

const contexts: BrowserContext[] = [];
/** What the browser refused under a page's Content-Security-Policy (nothing, if the pages keep to it). */
const refusedByPolicy: string[] = [];
afterAll(async () => {
  await Promise.all(contexts.map((context) => context.close()));
});

async function aPage(): Promise<Page> {
  const context = await browser().newContext({ baseURL: urlOf(t) });
  contexts.push(context);
  const page = await context.newPage();
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) refusedByPolicy.push(message.text());
  });
  return page;
}

/** Fills in the provider's sign-in form (the page must be on it). */
async function signInAtProvider(page: Page, login: DemoLogin): Promise<void> {
  expect(page.url()).toContain(`${idp.issuer}/interaction/`);
  await page.getByLabel('User name').fill(login);
  await page.getByLabel('Password').fill(PASSWORDS[login]);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** Waits for an NHS.UK page of the connector to be ready (its script marks `<body>`). */
const ready = (page: Page) => page.waitForSelector('body.nhsuk-frontend-supported');

describe('an HR admin for R0A signs in with the provider in a browser', () => {
  it('when they sign in, they see R0A’s transfers and none of 7A1’s, re-queue one, sign out and are asked to sign in again', async () => {
    const page = await aPage();

    await page.goto('/admin/transfers?state=failed');
    await signInAtProvider(page, 'hr-r0a');
    await page.waitForURL(`${urlOf(t)}/admin/transfers?state=failed`);
    await ready(page);
    expect(await page.getByRole('banner').textContent()).toContain('Demo HR admin (R0A)');

    // lists and counts: R0A's two, never 7A1's
    const list = await page.locator('main').textContent();
    expect(list).toContain(r0aFirst);
    expect(list).toContain(r0aSecond);
    expect(list).not.toContain(sevenA1);
    expect(list).toContain('2 transfers match');
    const overview = await page.goto('/admin');
    expect(overview?.status()).toBe(200);
    expect(await page.locator('main').textContent()).not.toContain(sevenA1);

    // search: 7A1's transfer is not found, by transfer id or applicant id
    for (const q of [sevenA1, 'A-910003']) {
      await page.goto(`/admin/search?q=${encodeURIComponent(q)}`);
      expect(await page.locator('main').textContent()).toContain(`No transfer matches “${q}”`);
      expect(await page.locator(`a[href$="/${sevenA1}"]`).count()).toBe(0);
    }

    // 7A1's transfer by URL: the page for a transfer that does not exist
    const missing = await page.goto(`/admin/transfers/${sevenA1}`);
    expect(missing?.status()).toBe(404);

    // re-queue one of R0A's
    await page.goto(`/admin/transfers/${r0aFirst}`);
    await ready(page);
    await page.getByRole('button', { name: /Re-queue/ }).click();
    await ready(page);
    expect(await page.locator('.nhsuk-notification-banner--success').textContent()).toContain(
      `Transfer ${r0aFirst} is queued`,
    );
    expect(await axeViolations(page)).toEqual([]);

    // sign out: here, then at the provider; then the service asks for a sign-in again
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('button', { name: 'Yes, sign me out' }).click();
    await page.waitForURL(`${urlOf(t)}/auth/signed-out`);
    await ready(page);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('You have signed out');
    await page.goto('/admin');
    expect(page.url()).toContain(`${idp.issuer}/interaction/`);
    expect(refusedByPolicy).toEqual([]);
  }, 60_000);
});

describe('the sign-in’s own pages pass axe-core’s WCAG 2.2 A and AA rules', () => {
  const PAGES = [
    { name: 'signed out', address: '/auth/signed-out', status: 200 },
    { name: 'session expired', address: '/auth/session-expired?returnTo=%2Fadmin%2Ftransfers', status: 200 },
    { name: 'not authorised', address: '/auth/not-authorised', status: 403 },
  ];

  it.each(PAGES)(
    'when the "$name" page is checked, then it has no violation',
    async ({ address, status }) => {
      const page = await aPage();

      const answer = await page.goto(address);
      await ready(page);

      expect(answer?.status()).toBe(status);
      expect(await axeViolations(page)).toEqual([]);
      expect(refusedByPolicy).toEqual([]);
    },
    30_000,
  );

  it('when a person without a role signs in, then the "not authorised" page is all they see', async () => {
    const page = await aPage();

    await page.goto('/admin');
    await signInAtProvider(page, 'no-role');
    await page.waitForURL(`${urlOf(t)}/auth/not-authorised`);
    await ready(page);

    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(
      'You are not authorised to use this service',
    );
    expect(await page.locator('a[href^="/admin/"]').count()).toBe(0);
    expect(await axeViolations(page)).toEqual([]);
  }, 30_000);
});
