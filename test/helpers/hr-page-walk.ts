import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { TestApp } from './app';
import { urlOf, type Credentials } from './admin';
import { pageProblems } from './page-checks';

/** A page the walk checked, and what it found wrong (nothing, for each). */
export interface CheckedPage {
  address: string;
  problems: Record<string, unknown>;
}

/**
 * Browser pages signed in as someone, and the one check every HR page passes (`expectGoodPage`:
 * axe, reflow at 320 and 1,280 px, no developer text, nothing refused by the pages' policy),
 * keeping the list of pages checked. Contexts are closed in `afterAll`.
 */
export function withHrPageWalk(app: () => TestApp, browser: () => Browser) {
  const contexts: BrowserContext[] = [];
  const refusedByPolicy: string[] = [];
  const checked: CheckedPage[] = [];
  afterAll(async () => {
    await Promise.all(contexts.map((context) => context.close()));
  });

  async function aPageAs(credentials: Credentials): Promise<Page> {
    const context = await browser().newContext({
      baseURL: urlOf(app()),
      viewport: { width: 1280, height: 900 },
      httpCredentials: { username: credentials.user, password: credentials.password },
    });
    contexts.push(context);
    const page = await context.newPage();
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) refusedByPolicy.push(message.text());
    });
    return page;
  }

  /**
   * The page as it stands passes every check (axe at 320 px too when `narrow`: the forms and the
   * widest pages); it is kept in the list of pages the walk checked.
   */
  async function expectGoodPage(page: Page, options: { narrow?: boolean } = {}): Promise<void> {
    await page.waitForSelector('body.nhsuk-frontend-supported');
    const problems = await pageProblems(page, options);
    const url = new URL(page.url());
    const address = url.pathname + url.search;
    checked.push({ address, problems });
    expect({ address, problems }).toEqual({ address, problems: {} });
    expect(refusedByPolicy).toEqual([]);
  }

  async function open(page: Page, address: string, status = 200, options: { narrow?: boolean } = {}) {
    const answer = await page.goto(address);
    expect(answer?.status()).toBe(status);
    await expectGoodPage(page, options);
  }

  return { aPageAs, expectGoodPage, open, checked };
}
