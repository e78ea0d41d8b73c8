import { withChromium } from '../helpers/browser';
import type { ConsoleMessage } from 'playwright-core';
import { aFailedJob, aStoredTransfer, HR_ADMIN, SUPPORT, urlOf, withAdminTestApp } from '../helpers/admin';

const t = withAdminTestApp();
const browser = withChromium();

/** Opens the dashboard as `credentials`, collecting console messages, page errors and answers from elsewhere. */
async function openBoard(credentials: typeof HR_ADMIN, path: string) {
  const context = await browser().newContext({
    baseURL: urlOf(t),
    httpCredentials: { username: credentials.user, password: credentials.password },
  });
  const page = await context.newPage();
  const messages: string[] = [];
  const errors: string[] = [];
  const foreign: string[] = [];
  page.on('console', (message: ConsoleMessage) => messages.push(`${message.type()}: ${message.text()}`));
  page.on('pageerror', (error) => errors.push(error.message));
  // a request the policy blocks is still reported, as failed: only answered ones reached another site
  page.on('requestfinished', (request) => {
    if (!request.url().startsWith(urlOf(t))) foreign.push(request.url());
  });
  await page.goto(path);
  return { context, page, messages, errors, foreign };
}

describe('Bull Board in a browser, under the app’s Content-Security-Policy', () => {
  it('when an HR admin opens a failed job in the dashboard, then its scripts run and render the job, none is refused, and nothing is fetched from another site', async () => {
    const id = await aStoredTransfer(t.transferStore);
    await aFailedJob(t, id);

    const { context, page, messages, errors, foreign } = await openBoard(
      HR_ADMIN,
      `/admin/queues/queue/transfers/${id}`,
    );
    try {
      await page.getByText(id).first().waitFor({ timeout: 15_000 });
      await page.getByText('NO_ESR_MATCH').first().waitFor({ timeout: 15_000 });

      expect(errors).toEqual([]);
      expect(
        messages.filter((message) => /Content Security Policy/i.test(message) && /script/i.test(message)),
      ).toEqual([]);
      expect(foreign).toEqual([]);
    } finally {
      await context.close();
    }
  }, 60_000);

  it('when a support user opens the dashboard, then it renders the queue’s page', async () => {
    const { context, page, errors } = await openBoard(SUPPORT, '/admin/queues/queue/transfers');
    try {
      await page.getByText('DiT transfers').first().waitFor({ timeout: 15_000 });

      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  }, 60_000);
});
