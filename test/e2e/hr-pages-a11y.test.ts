import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { axeViolations, tabTo } from '../helpers/accessibility';
import { withChromium } from '../helpers/browser';
import { HR_ADMIN, SUPPORT, urlOf, withWorkerAndAdminApp, type Credentials } from '../helpers/admin';
import { withSandboxes } from '../helpers/sandbox';

/** The pictures docs/admin.md shows: retaken by every run, so they show the pages as built. */
const IMAGES = path.join(__dirname, '..', '..', 'docs', 'images');
const VIEWPORT = { width: 1280, height: 900 };

const sandboxes = withSandboxes();
const { t, harness } = withWorkerAndAdminApp(sandboxes);
const browser = withChromium();

/** Three demo applicants run for real: one sent in full, one ambiguous in ESR, one with no ESR match. */
const SENT = 'R0A-A-100234';
const AMBIGUOUS = 'R0A-A-100301';
const NO_MATCH = 'R0A-A-100300';

beforeAll(async () => {
  const ids = await Promise.all([
    harness.enqueue('R0A', 'A-100234'),
    harness.enqueue('R0A', 'A-100301'),
    harness.enqueue('R0A', 'A-100300'),
  ]);
  for (const id of ids) await harness.waitUntilFinished(id);
}, 60_000);

const contexts: BrowserContext[] = [];
/** What the browser refused under the pages' Content-Security-Policy (nothing, if the pages keep to it). */
const refusedByPolicy: string[] = [];
afterAll(async () => {
  await Promise.all(contexts.map((context) => context.close()));
});

async function aPageAs(credentials: Credentials): Promise<Page> {
  const context = await browser().newContext({
    baseURL: urlOf(t),
    viewport: VIEWPORT,
    httpCredentials: { username: credentials.user, password: credentials.password },
  });
  contexts.push(context);
  const page = await context.newPage();
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) refusedByPolicy.push(message.text());
  });
  return page;
}

/** Opens a page and waits for its stylesheet and the NHS.UK script (the script marks `<body>`). */
async function open(page: Page, address: string, status = 200): Promise<void> {
  const answer = await page.goto(address);
  expect(answer?.status()).toBe(status);
  await page.waitForSelector('body.nhsuk-frontend-supported');
}

describe('every HR page passes axe-core’s WCAG 2.2 A and AA rules', () => {
  const PAGES: { name: string; as: Credentials; address: string; status?: number }[] = [
    { name: 'the main page as an HR admin', as: HR_ADMIN, address: '/admin' },
    { name: 'the main page as support', as: SUPPORT, address: '/admin' },
    { name: 'the list of failed transfers', as: HR_ADMIN, address: '/admin/transfers?state=failed' },
    {
      name: 'a filter the list does not know',
      as: HR_ADMIN,
      address: '/admin/transfers?state=nope',
      status: 400,
    },
    { name: 'a failed transfer’s page', as: HR_ADMIN, address: `/admin/transfers/${AMBIGUOUS}` },
    { name: 'a sent transfer’s page as support', as: SUPPORT, address: `/admin/transfers/${SENT}` },
    { name: 'search results', as: HR_ADMIN, address: '/admin/search?q=A-100301' },
    { name: 'a search that finds nothing', as: SUPPORT, address: '/admin/search?q=A-999999' },
    {
      name: 'a transfer that does not exist',
      as: HR_ADMIN,
      address: '/admin/transfers/R0A-A-999999',
      status: 404,
    },
  ];

  it.each(PAGES)(
    'when $name is checked, then it has no violation',
    async ({ as, address, status }) => {
      const page = await aPageAs(as);

      await open(page, address, status);

      expect(await axeViolations(page)).toEqual([]);
      expect(refusedByPolicy).toEqual([]);
      expect(await page.content()).not.toMatch(/Tomasz|Nowak|Priya|Sharma|Aoife|1992-05-03|1995-07-21/i);
    },
    30_000,
  );

  it('when a page breaks a rule (an image without a text alternative is planted), then the check reports it', async () => {
    const page = await aPageAs(SUPPORT);
    await open(page, '/admin');

    // a string, run as the page's own code: this test file is compiled without the DOM's types
    await page.evaluate(
      "document.querySelector('main').insertAdjacentHTML('beforeend', '<img src=\"/assets/images/favicon.svg\">')",
    );

    expect((await axeViolations(page)).map((violation) => violation.id)).toContain('image-alt');
  }, 30_000);

  it('when the HR page is shown, then its picture is saved for docs/admin.md', async () => {
    const page = await aPageAs(HR_ADMIN);
    await open(page, '/admin');

    expect(await page.getByRole('banner').textContent()).toContain('DiT employment checks');
    await page.screenshot({ path: path.join(IMAGES, 'hr-page.png'), fullPage: true });
  }, 30_000);
});

describe('finding and re-queueing a failed transfer by keyboard alone', () => {
  it('when an HR admin tabs to the search box, types the applicant id, opens the transfer and presses re-queue, then it is re-queued and completes', async () => {
    const fixed = await fetch(`${sandboxes.esrUrl}/sandbox/applicants/4417800`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ dateOfBirth: '1992-05-03' }),
    });
    expect(fixed.status).toBe(200);
    const page = await aPageAs(HR_ADMIN);
    await open(page, '/admin');

    await tabTo(page, '#search-field');
    await page.keyboard.type('A-100300');
    await Promise.all([page.waitForURL(/\/admin\/search\?q=A-100300$/), page.keyboard.press('Enter')]);
    await tabTo(page, `#search-results a[href="/admin/transfers/${NO_MATCH}"]`);
    await Promise.all([
      page.waitForURL(new RegExp(`/admin/transfers/${NO_MATCH}$`)),
      page.keyboard.press('Enter'),
    ]);
    expect(await page.locator('#transfer-facts').textContent()).toContain('No matching applicant in ESR');
    await tabTo(page, 'main form[action="/admin/actions/retry"] button');
    await Promise.all([page.waitForURL(/notice=queued/), page.keyboard.press('Enter')]);

    expect(await page.getByRole('status').textContent()).toContain(`Transfer ${NO_MATCH} is queued.`);
    expect(await axeViolations(page)).toEqual([]);
    expect(await harness.waitUntilFinished(NO_MATCH)).toMatchObject({ state: 'completed', reason: null });
    await open(page, `/admin/transfers/${NO_MATCH}`);
    expect(await page.locator('#transfer-audit').textContent()).toContain('hr1 (HR admin)');
    expect(await page.locator('#transfer-records').textContent()).toContain('Sent to ESR');
    expect(await page.locator('#transfer-runs').textContent()).toContain('Completed on');
    await page.screenshot({ path: path.join(IMAGES, 'transfer-page.png'), fullPage: true });
  }, 60_000);
});
