import { withChromium } from '../helpers/browser';
import { HR_ADMIN, urlOf, withWorkerAndAdminApp } from '../helpers/admin';
import { withSandboxes } from '../helpers/sandbox';

const UNTIL_COMPLETED_MS = 20_000;

const sandboxes = withSandboxes();
const { t, harness } = withWorkerAndAdminApp(sandboxes);
const browser = withChromium();

/** The no-match demo applicant fails, then ESR's record is corrected (day and month of birth). */
async function aCorrectedNoMatchTransfer(): Promise<string> {
  const id = await harness.enqueue('R0A', 'A-100300');
  expect(await harness.waitUntilFinished(id)).toMatchObject({ state: 'failed', reason: 'NO_ESR_MATCH' });
  const fixed = await fetch(`${sandboxes.esrUrl}/sandbox/applicants/4417800`, {
    method: 'PATCH',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ dateOfBirth: '1992-05-03' }),
  });
  expect(fixed.status).toBe(200);
  return id;
}

describe('the HR page in a browser', () => {
  it('when an HR admin logs in, sees the failed transfer with its sentence and clicks re-queue, then the page shows it completed', async () => {
    const id = await aCorrectedNoMatchTransfer();
    const context = await browser().newContext({
      baseURL: urlOf(t),
      httpCredentials: { username: HR_ADMIN.user, password: HR_ADMIN.password },
    });
    const page = await context.newPage();
    try {
      await page.goto('/admin');
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Employment check transfers');
      const failedRow = page.locator(`#failed-heading ~ section tr[data-transfer-id="${id}"]`);
      expect(await failedRow.textContent()).toContain(
        "No TIS-created applicant in ESR matches this applicant's first name, last name and date of birth in organisation R0A",
      );
      expect(await page.getByLabel('Trac applicant id', { exact: true }).isVisible()).toBe(true);

      await page.getByRole('button', { name: `Re-queue ${id}` }).click();
      await page.waitForURL(/notice=queued/);
      expect(await page.getByRole('status').textContent()).toContain(`Transfer ${id} is queued.`);

      const stateCell = page.locator(`#latest-transfers tr[data-transfer-id="${id}"] td`).first();
      const deadline = Date.now() + UNTIL_COMPLETED_MS;
      while ((await stateCell.textContent())?.trim() !== 'Completed' && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 250));
        await page.reload();
      }
      expect((await stateCell.textContent())?.trim()).toBe('Completed');
      expect(await failedRow.count()).toBe(0);
      expect(await page.content()).not.toMatch(/Tomasz|Nowak|1992-05-03|1992-03-05/i);
    } finally {
      await context.close();
    }
  }, 60_000);
});
