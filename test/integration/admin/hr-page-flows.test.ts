import { csrfTokenFor } from '../../../src/admin/auth/admin-users';
import { allRecords } from '../../../src/transfer/transfer';
import { aJobIn, aStoredTransfer, asCaller, withAdminTestApp, HR_ADMIN, SUPPORT } from '../../helpers/admin';
import { anApplicantId } from '../../helpers/webhooks';

const t = withAdminTestApp();

/** What Chromium sends when it navigates to a page. */
const BROWSER_ACCEPT = 'text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,*/*;q=0.8';

const squash = (markup: string) => markup.replace(/>\s+</g, '><').replace(/\s+/g, ' ').replace(/ >/g, '>');

async function browse(path: string, credentials = HR_ADMIN) {
  const answer = await asCaller(t, credentials).get(path).set('Accept', BROWSER_ACCEPT);
  return { status: answer.status, location: answer.headers.location, text: squash(answer.text) };
}

const postForm = (path: string, fields: Record<string, string>) =>
  asCaller(t, HR_ADMIN)
    .post(path)
    .type('form')
    .send({ ...fields, _csrf: csrfTokenFor(HR_ADMIN) });

describe('finding a transfer whatever the case typed', () => {
  it('when an applicant id Trac spells in mixed case is typed in small letters, then its transfer is found, its id as Trac spells it', async () => {
    const applicantId = `Ab-${anApplicantId()}`;
    const id = await aStoredTransfer(t.transferStore, { applicantId });

    const page = await browse(`/admin/search?q=${applicantId.toLowerCase()}`);

    expect(page.status).toBe(200);
    expect(page.text).toContain(`<a class="nhsuk-link" href="/admin/transfers/${id}">${id}</a>`);
  });

  it('when a transfer id is typed in another case, then its page opens', async () => {
    const applicantId = `Ab-${anApplicantId()}`;
    const id = await aStoredTransfer(t.transferStore, { applicantId, state: 'completed', reason: null });

    const page = await browse(`/admin/search?q=${id.toLowerCase()}`);

    expect(page.status).toBe(303);
    expect(page.location).toBe(`/admin/transfers/${id}`);
  });

  it('when a transfer still waiting is typed in another case, then it is found among the unfinished ones', async () => {
    const applicantId = `Ab-${anApplicantId()}`;
    const id = await aStoredTransfer(t.transferStore, { applicantId, state: 'waiting', reason: null });
    await t.queue.add(
      'transfer',
      { organisationCode: 'R0A', applicantId, trigger: 'webhook', receivedAt: new Date().toISOString() },
      { jobId: id },
    );

    const page = await browse(`/admin/search?q=${id.toUpperCase()}`);

    expect(page.location).toBe(`/admin/transfers/${id}`);
  });
});

describe('an id that names no transfer', () => {
  it('when an HR admin searches for it, then the page offers a manual start filled in with it; support is offered none', async () => {
    const applicantId = anApplicantId();

    const page = await browse(`/admin/search?q=${applicantId}`);
    const asSupport = await browse(`/admin/search?q=${applicantId}`, SUPPORT);

    expect(page.text).toContain(
      `<a class="nhsuk-link" id="start-offer" href="/admin/start?applicantId=${applicantId}">`,
    );
    expect(asSupport.text).not.toContain('start-offer');
  });

  it('when its transfer page is opened, then the start offered names its organisation and applicant, and the start page holds both', async () => {
    const applicantId = anApplicantId();

    const missing = await browse(`/admin/transfers/R0A-${applicantId}`);
    const start = await browse(`/admin/start?transfer=R0A-${applicantId}`);

    expect(missing.status).toBe(404);
    expect(missing.text).toContain(`href="/admin/start?transfer=R0A-${applicantId}"`);
    expect(start.status).toBe(200);
    expect(start.text).toContain('<h1>Start a transfer by hand</h1>');
    expect(start.text).toContain('<option value="R0A" selected>');
    expect(start.text).toContain(`value="${applicantId}"`);
  });
});

describe('an action’s notice is shown on the redirect that follows it, once', () => {
  it('when HR re-queues a transfer and then reloads its page, then the "is queued" banner is shown once only', async () => {
    const id = await aStoredTransfer(t.transferStore);

    const posted = await postForm('/admin/actions/retry', { transferId: id, returnTo: 'transfer' });
    const first = await browse(posted.headers.location ?? '');
    const reloaded = await browse(posted.headers.location ?? '');

    expect(first.text).toContain(`Transfer ${id} is queued.`);
    expect(reloaded.status).toBe(200);
    expect(reloaded.text).not.toContain('is queued');
  });

  it('when another user opens the same address, then no notice is shown to them', async () => {
    const id = await aStoredTransfer(t.transferStore);
    const posted = await postForm('/admin/actions/retry', { transferId: id, returnTo: 'transfer' });

    const other = await browse(posted.headers.location ?? '', SUPPORT);

    expect(other.text).not.toContain('is queued');
  });
});

describe('a transfer that is not finished says what it is doing', () => {
  it.each([
    ['active', 'It is running now: reload this page to follow it.'],
    ['waiting', 'It is waiting in the queue to run: reload this page to follow it.'],
    ['delayed', 'Its last attempt did not finish; it will be tried again: reload this page to follow it.'],
  ] as const)(
    'when it is %s, then its page says so, never that the queue holds no runs',
    async (state, sentence) => {
      const id = await aStoredTransfer(t.transferStore, {
        state,
        reason: null,
        records: allRecords('NOT_SENT'),
      });
      // the record keeps outcomes only: what an unfinished transfer is doing is its job's state
      const release = await aJobIn(t, id, state);

      const page = await browse(`/admin/transfers/${id}`);
      await release();

      expect(page.text).toContain(sentence);
      expect(page.text).not.toContain('no longer holds');
    },
  );
});

describe('the audit log as a page (GET /admin/audit)', () => {
  it('when a browser opens it, then it lists the entries in words; scripts get the same entries as JSON', async () => {
    const id = await aStoredTransfer(t.transferStore);
    await postForm('/admin/actions/retry', { transferId: id });

    const page = await browse('/admin/audit');
    const json = await asCaller(t, HR_ADMIN).get('/admin/audit');

    expect(page.status).toBe(200);
    expect(page.text).toContain('<h1>Audit log</h1>');
    expect(page.text).toMatch(
      new RegExp(
        `<td class="nhsuk-table__cell">hr1 \\(HR admin\\)</td><td class="nhsuk-table__cell">Re-queued</td><td class="nhsuk-table__cell"><a class="nhsuk-link" href="/admin/transfers/${id}">${id}</a></td><td class="nhsuk-table__cell">Done</td>`,
      ),
    );
    expect(page.text).not.toMatch(/>202<|hr-admin</);
    expect(json.headers['content-type']).toMatch(/^application\/json/);
    expect(json.body).toMatchObject({
      items: expect.arrayContaining([expect.objectContaining({ target: id, result: '202' })]) as unknown,
    });
  });
});

describe('the manual start answers on its own page when nothing was started', () => {
  it('when Trac cannot be asked, then the summary says so, nothing is marked at a field, and the values typed are kept', async () => {
    const applicantId = anApplicantId();

    const posted = await postForm('/admin/actions/start', { organisationCode: '7A1', applicantId });
    const page = squash(posted.text);

    expect(posted.status).toBe(503);
    expect(page).toContain('Trac did not answer, so nothing was started. Try again in a few minutes.');
    expect(page).not.toContain('nhsuk-form-group--error');
    expect(page).toContain(`value="${applicantId}"`);
    expect(page).toContain('<option value="7A1" selected>');
  });

  it('when the organisation is not enabled, then the error is at the organisation, linked from the summary', async () => {
    const posted = await postForm('/admin/actions/start', { organisationCode: 'RX9', applicantId: 'A-1' });
    const page = squash(posted.text);

    expect(posted.status).toBe(400);
    expect(page).toContain(
      '<li><a href="#start-organisation">That organisation is not enabled for this service: select another</a></li>',
    );
    expect(page).toContain('<select class="nhsuk-select nhsuk-select--error" id="start-organisation"');
  });

  it('when the applicant id is left empty, then the error asks for it', async () => {
    const posted = await postForm('/admin/actions/start', { organisationCode: 'R0A', applicantId: '  ' });

    expect(posted.status).toBe(400);
    expect(squash(posted.text)).toContain(
      '<li><a href="#start-applicant">Enter the Trac applicant id</a></li>',
    );
  });
});

describe('what to correct: the page’s words, the API’s codes', () => {
  it('when a transfer failed INVALID_TRAC_DATA with its problem kept, then the page says it in words and the API keeps its message without the problem', async () => {
    const id = await aStoredTransfer(t.transferStore, { reason: 'INVALID_TRAC_DATA' });
    const message =
      "Trac's check data breaks ESR's rules, so nothing was sent: dbs.certificateNumber: must be 12 digits. Correct the check in Trac, then re-queue.";
    await t.transferStore.update(id, {
      message,
      problem: {
        source: 'trac',
        subject: 'dbs',
        field: 'certificateNumber',
        rule: 'must be 12 digits',
        found: 'has 11 digits',
      },
    });

    const page = await browse(`/admin/transfers/${id}`);
    const api = await asCaller(t, HR_ADMIN).get(`/admin/transfers/${id}`);

    expect(page.text).toContain(
      'In Trac&#39;s DBS check, the certificate number has 11 digits; it must have 12 digits.',
    );
    expect(page.text).not.toContain('dbs.certificateNumber');
    expect(page.text).toContain(
      '<tr class="nhsuk-table__row" data-problem="true"><th class="nhsuk-table__header" scope="row">DBS check</th>',
    );
    expect(api.body).toMatchObject({ reason: 'INVALID_TRAC_DATA', message });
    expect(api.body).not.toHaveProperty('problem');
  });
});
