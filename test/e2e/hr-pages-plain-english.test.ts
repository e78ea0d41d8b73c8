import path from 'node:path';
import type { TracSandboxApplicant } from '../../sandbox';
import { eventually, HR_ADMIN, SUPPORT, withWorkerAndAdminApp } from '../helpers/admin';
import { withChromium } from '../helpers/browser';
import { withHrPageWalk } from '../helpers/hr-page-walk';
import { developerTextOn } from '../helpers/page-checks';
import { seedTwins, withSandboxes } from '../helpers/sandbox';

/**
 * HR's first hour, walked in Chromium: every outcome says what to do next in plain English. Each
 * page visited passes axe (WCAG 2.2 A and AA) at 320 and 1,280 px, fits both widths, and shows no
 * HTTP status, error, stack frame, file path, field path or UTC time (helpers/page-checks.ts).
 */
const sandboxes = withSandboxes();
const { t, harness } = withWorkerAndAdminApp(sandboxes);
const browser = withChromium();

/** The pictures docs/admin.md shows: retaken by every run, so they show the pages as built. */
const IMAGES = path.join(__dirname, '..', '..', 'docs', 'images');

const INVALID = 'R0A-A-100307'; // Trac's DBS certificate number has 11 digits
const SWAPPED = 'R0A-A-100300'; // ESR 4417800 holds the day and month of birth swapped
const TWIN = 'R0A-A-900234'; // ESR holds only her twin (4419724): another person
const OUTSTANDING = 'R0A-A-100306'; // references In Progress when the transfer ran
const SENT = 'R0A-A-100234';

/** The same applicant with its references now complete in Trac (another demo applicant's check). */
function withCompleteReferences(applicantId: string): TracSandboxApplicant {
  const applicant = sandboxes.trac.getApplicant(applicantId)!;
  const references = sandboxes.trac.getApplicant('A-100234')!.checks.references;
  return { ...applicant, checks: { ...applicant.checks, references } };
}

beforeAll(async () => {
  seedTwins(sandboxes);
  const ids = await Promise.all(
    ['A-100307', 'A-100300', 'A-900234', 'A-100306', 'A-100234'].map((id) => harness.enqueue('R0A', id)),
  );
  for (const id of ids) await harness.waitUntilFinished(id);
}, 60_000);

const { aPageAs, expectGoodPage, open, checked } = withHrPageWalk(() => t, browser);

describe('every outcome tells HR what to do next, in plain English', () => {
  it('when a Trac check breaks ESR’s rules, then the transfer says which check, which field and what is wrong, and marks the record’s row', async () => {
    const page = await aPageAs(HR_ADMIN);

    await open(page, `/admin/transfers/${INVALID}`, 200, { narrow: true });

    expect(await page.locator('#transfer-sentence').textContent()).toBe(
      "In Trac's DBS check, the certificate number has 11 digits; it must have 12 digits. Nothing was sent.",
    );
    expect(await page.locator('#transfer-facts').textContent()).toContain(
      "Correct the certificate number in the applicant's DBS check in Trac, then re-queue.",
    );
    const marked = page.locator('#transfer-records tr[data-problem="true"]');
    expect(await marked.count()).toBe(1);
    expect(await marked.locator('th').textContent()).toBe('DBS check');
    expect(await marked.textContent()).toContain('To correct in Trac');
    await page.screenshot({ path: path.join(IMAGES, 'transfer-invalid-data.png'), fullPage: true });
    await open(page, '/admin', 200, { narrow: true });
    expect(await page.locator(`tr[data-transfer-id="${INVALID}"]`).first().textContent()).toContain(
      "In Trac's DBS check, the certificate number has 11 digits",
    );
  }, 60_000);

  it('when a transfer failed to match, then its page gives the hint and the ESR record; for the twin, no other person’s id', async () => {
    const page = await aPageAs(HR_ADMIN);

    await open(page, `/admin/transfers/${SWAPPED}`);
    const swapped = await page.locator('section[aria-labelledby="match-heading"]').textContent();
    await open(page, `/admin/transfers/${TWIN}`);
    const twin = await page.content();

    expect(swapped).toMatch(/day and month/i);
    expect(swapped).toContain('4417800');
    expect(twin).toContain('No ESR record is named');
    expect(twin).not.toContain('4419724');
  }, 60_000);

  it('when the manual start is given an id Trac does not hold, then the error is at the field, linked from the summary, the id typed kept', async () => {
    const page = await aPageAs(HR_ADMIN);
    await open(page, '/admin');

    await page.selectOption('#start-organisation', 'R0A');
    await page.fill('#start-applicant', 'A-999998');
    await Promise.all([
      page.waitForURL(/\/admin\/actions\/start$/),
      page.click('main form[action="/admin/actions/start"] button'),
    ]);
    await expectGoodPage(page, { narrow: true });

    expect(await page.locator('#start-applicant-error').textContent()).toContain(
      'Trac holds no applicant with this id: check the id in Trac',
    );
    expect(await page.inputValue('#start-applicant')).toBe('A-999998');
    await page.screenshot({ path: path.join(IMAGES, 'manual-start-error.png'), fullPage: true });
    await page.click('.nhsuk-error-summary a[href="#start-applicant"]');
    expect(await page.evaluate('document.activeElement.id')).toBe('start-applicant');

    await page.fill('#start-applicant', 'not an id!');
    await page.click('main form[action="/admin/actions/start"] button');
    await page.waitForSelector('#start-applicant-error');
    await expectGoodPage(page);
    expect(await page.locator('#start-applicant-error').textContent()).toContain(
      'Enter a Trac applicant id of letters, digits, - and _ only',
    );
    expect(await page.inputValue('#start-applicant')).toBe('not an id!');
  }, 60_000);

  it('when HR searches, then a transfer id in any case opens its page, and an id that names none offers a manual start filled in with it', async () => {
    const page = await aPageAs(HR_ADMIN);
    await open(page, '/admin');

    await page.fill('#search-field', INVALID.toLowerCase());
    await Promise.all([
      page.waitForURL(new RegExp(`/admin/transfers/${INVALID}$`)),
      page.press('#search-field', 'Enter'),
    ]);
    await expectGoodPage(page);
    await page.fill('#search-field', 'a-999997');
    await Promise.all([
      page.waitForURL(/\/admin\/search\?q=a-999997$/),
      page.press('#search-field', 'Enter'),
    ]);
    await expectGoodPage(page);
    await Promise.all([page.waitForURL(/\/admin\/start\?applicantId=a-999997$/), page.click('#start-offer')]);
    await expectGoodPage(page);

    expect(await page.inputValue('#start-applicant')).toBe('a-999997');
    await open(page, `/admin/transfers/R0A-A-999996`, 404);
    expect(await page.locator('#start-offer').getAttribute('href')).toBe(
      '/admin/start?transfer=R0A-A-999996',
    );
  }, 60_000);

  it('when outstanding references are completed in Trac and sent, then they go once, the banner shows once, and a second press answers that nothing is outstanding', async () => {
    const page = await aPageAs(HR_ADMIN);
    const stale = await aPageAs(HR_ADMIN);
    await open(page, `/admin/transfers/${OUTSTANDING}`);
    await open(stale, `/admin/transfers/${OUTSTANDING}`);
    expect(await page.locator('#transfer-outstanding').textContent()).toContain('References');
    sandboxes.trac.upsertApplicant(withCompleteReferences('A-100306'));

    await Promise.all([
      page.waitForURL(/notice=queued/),
      page.click('form[action="/admin/actions/send-outstanding"] button'),
    ]);
    expect(await page.getByRole('status').textContent()).toContain(`Transfer ${OUTSTANDING} is queued.`);
    await expectGoodPage(page);
    await eventually(async () => (await harness.store.get(OUTSTANDING))?.outstandingRequestedAt === null);
    await page.reload();
    await expectGoodPage(page);

    expect(await page.getByRole('status').count()).toBe(0);
    expect(await page.locator('#transfer-records').textContent()).not.toContain('Not complete in Trac');
    const posts = sandboxes.esr
      .requests()
      .filter((post) => post.path.endsWith('/employment-checks/references'));
    expect(posts.filter((post) => post.idempotencyKey === `dit-${OUTSTANDING}-references`)).toHaveLength(1);
    await Promise.all([
      stale.waitForURL(/notice=nothing_outstanding/),
      stale.click('form[action="/admin/actions/send-outstanding"] button'),
    ]);
    await expectGoodPage(stale);
    expect(await stale.locator('.nhsuk-error-summary').textContent()).toContain(
      'has no outstanding records to send',
    );
  }, 60_000);

  it('when HR reads the lists, the audit log, a sent transfer and the previews, and support the overview, then each passes', async () => {
    const page = await aPageAs(HR_ADMIN);
    for (const address of ['/admin/transfers?state=failed', '/admin/transfers', `/admin/transfers/${SENT}`]) {
      await open(page, address);
    }
    await open(page, '/admin/transfers?state=nope', 400);
    await open(page, '/admin/audit', 200, { narrow: true });
    await open(page, '/admin/match-previews');
    await page.fill('#preview-changed-since-day', '31');
    await page.fill('#preview-changed-since-month', '6');
    await page.fill('#preview-changed-since-year', '2026');
    await page.click('#preview-start button');
    await page.waitForSelector('#preview-changed-since-error');
    await expectGoodPage(page, { narrow: true });
    expect(await page.inputValue('#preview-changed-since-day')).toBe('31');
    const support = await aPageAs(SUPPORT);
    await open(support, '/admin');
    await open(support, `/admin/transfers/${INVALID}`);

    // the scan reports developer text when a page shows it (planted here, as the check's own test)
    await page.evaluate(
      `document.querySelector('main').insertAdjacentHTML('beforeend', '<p>UnrecoverableError: NO_ESR_MATCH at processTransfer (/app/src/run.ts:12:3) dbs.certificateNumber done (202) 2026-06-14T10:22:06Z</p>')`,
    );
    expect((await developerTextOn(page)).map((found) => found.split(':')[0])).toEqual([
      'an HTTP status in brackets',
      'an error',
      'a stack frame',
      'a file path',
      'a field path',
      'a time in UTC',
    ]);
    expect(checked.length).toBeGreaterThanOrEqual(20);
    expect(checked.filter((page) => Object.keys(page.problems).length > 0)).toEqual([]);
  }, 90_000);
});
