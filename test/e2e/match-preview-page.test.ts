import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { PREVIEW_SEED } from '../../sandbox';
import { axeViolations } from '../helpers/accessibility';
import { HR_ADMIN, SUPPORT, urlOf, type Credentials } from '../helpers/admin';
import { withChromium } from '../helpers/browser';
import { withPreviewHarness } from '../helpers/preview';
import { withSandboxes } from '../helpers/sandbox';

/** The picture docs/match-preview.md shows: retaken by every run, so it shows the page as built. */
const IMAGES = path.join(__dirname, '..', '..', 'docs', 'images');
const VIEWPORT = { width: 1280, height: 900 };

const sandboxes = withSandboxes({ seed: PREVIEW_SEED });
const h = withPreviewHarness(() => ({ tracUrl: sandboxes.tracUrl, esrUrl: sandboxes.esrUrl }));
const browser = withChromium();

const contexts: BrowserContext[] = [];
const refusedByPolicy: string[] = [];
afterAll(async () => {
  await Promise.all(contexts.map((context) => context.close()));
});

async function aPageAs(credentials: Credentials): Promise<Page> {
  const context = await browser().newContext({
    baseURL: urlOf(h.t),
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

/** The seed's names and birth dates: none may reach a page. */
const PERSONAL = PREVIEW_SEED.trac.applicants.flatMap(({ applicant: { person } }) => [
  person.surname,
  person.dateOfBirth,
]);

describe('the match preview pages in a browser', () => {
  let previewAddress = '';

  it('when the HR admin starts a preview with the form, then the browser lands on it and it completes', async () => {
    const page = await aPageAs(HR_ADMIN);
    await page.goto('/admin/match-previews');
    await page.waitForSelector('body.nhsuk-frontend-supported');
    await page.selectOption('#preview-organisation', 'R0A');

    await Promise.all([page.waitForURL(/\/admin\/match-previews\/pv_/), page.click('#preview-start button')]);

    previewAddress = new URL(page.url()).pathname;
    await h.waitUntilFinished(previewAddress.split('/').at(-1) ?? '');
    await page.reload();
    expect(await page.locator('#preview-facts').textContent()).toContain('Completed');
  }, 30_000);

  it.each([
    ['the preview as an HR admin', HR_ADMIN, () => previewAddress],
    ['the preview as support', SUPPORT, () => previewAddress],
    ['the list as an HR admin', HR_ADMIN, () => '/admin/match-previews'],
    ['the list as support', SUPPORT, () => '/admin/match-previews'],
  ])(
    'when %s is checked, then axe finds no violation, nothing is refused and no personal data shows',
    async (_name, as, address) => {
      const page = await aPageAs(as);
      await page.goto(address());
      await page.waitForSelector('body.nhsuk-frontend-supported');

      expect(await axeViolations(page)).toEqual([]);
      expect(refusedByPolicy).toEqual([]);
      const html = await page.content();
      for (const value of PERSONAL) expect(html).not.toContain(value);
    },
    30_000,
  );

  it('when the preview page is shown, then its picture is saved for docs/match-preview.md', async () => {
    const page = await aPageAs(HR_ADMIN);
    await page.goto(previewAddress);
    await page.waitForSelector('body.nhsuk-frontend-supported');

    expect(await page.locator('#hint-DATE_OF_BIRTH_DAY_MONTH_SWAPPED').textContent()).toContain('A-100403');
    await page.screenshot({ path: path.join(IMAGES, 'match-preview.png'), fullPage: true });
  }, 30_000);
});
