import { csrfTokenFor } from '../../../src/admin/auth/admin-users';
import { aStoredTransfer, asCaller, withAdminTestApp, HR_ADMIN, SUPPORT } from '../../helpers/admin';

const t = withAdminTestApp();

/** The page with white space between and inside tags collapsed, so assertions read like the markup. */
const squash = (markup: string) => markup.replace(/>\s+</g, '><').replace(/\s+/g, ' ');

const pageAs = async (credentials = HR_ADMIN, query = '') => {
  const answer = await asCaller(t, credentials).get(`/admin${query}`);
  return { ...answer, status: answer.status, headers: answer.headers, text: squash(answer.text) };
};
const postForm = (path: string, fields: Record<string, string>) =>
  asCaller(t, HR_ADMIN)
    .post(path)
    .type('form')
    .send({ ...fields, _csrf: csrfTokenFor(HR_ADMIN) });

describe('GET /admin (the HR page)', () => {
  it('when an HR admin opens it, then it shows counts, failed transfers by reason with sentence and fix, buttons and forms', async () => {
    const id = await aStoredTransfer(t.transferStore, { reason: 'NO_ESR_MATCH' });

    const answer = await pageAs();

    expect(answer.status).toBe(200);
    expect(answer.headers['content-type']).toMatch(/^text\/html/);
    const page = answer.text;
    expect(page).toContain('<main class="nhsuk-main-wrapper" id="maincontent">');
    expect(page).toContain('<span class="nhsuk-header__service-name">DiT employment checks</span>');
    expect(page).toMatch(/<h1>Employment check transfers<\/h1>/);
    expect(page).toMatch(
      /<strong class="nhsuk-tag nhsuk-tag--red">Failed<\/strong><\/th><td class="nhsuk-table__cell"><a class="nhsuk-link" href="\/admin\/transfers\?state=failed" ?>\d+</,
    );
    expect(page).toContain('No matching applicant in ESR');
    expect(page).toContain(
      'No TIS-created applicant in ESR matches this applicant&#39;s first name, last name and date of birth in organisation R0A',
    );
    expect(page).toContain('close historic records, then re-queue.');
    expect(page).toContain(`<a class="nhsuk-link" href="/admin/transfers/${id}">${id}</a>`);
    expect(page).toMatch(
      new RegExp(`type="submit"> ?Re-queue <span class="nhsuk-u-visually-hidden">${id}</span> ?</button>`),
    );
    expect(page).toMatch(
      /Re-queue all \d+ <span class="nhsuk-u-visually-hidden">that failed: No matching applicant in ESR<\/span>/,
    );
    expect(page).toContain('<label class="nhsuk-label" for="start-organisation">Organisation</label>');
    expect(page).toContain('<label class="nhsuk-label" for="start-applicant">Trac applicant id</label>');
    expect(page).toContain('href="/admin/queues">');
    expect(page).toContain('action="/admin/search"');
    expect(page).toContain(`name="_csrf" value="${csrfTokenFor(HR_ADMIN)}"`);
  });

  it('when a support user opens it, then it shows the same state without any button or form that writes', async () => {
    await aStoredTransfer(t.transferStore, { reason: 'NO_ESR_MATCH' });

    const answer = await pageAs(SUPPORT);

    expect(answer.status).toBe(200);
    expect(answer.text).toContain('No matching applicant in ESR');
    expect(answer.text).toContain('support (read-only)');
    expect(answer.text).not.toMatch(/method="post"|_csrf/i);
    // the only form is the header's search (GET); the only buttons its submit and the menu toggle
    expect(answer.text.match(/<form/g)).toHaveLength(1);
    expect(answer.text).toContain(
      '<form class="nhsuk-header__search-form" id="search" action="/admin/search" method="get"',
    );
    expect(answer.text.match(/<button/g)).toHaveLength(2);
    expect(answer.text).toContain('aria-label="Search"');
    expect(answer.text).toContain('id="toggle-menu"');
  });

  it('when it is served, then it may not be framed or cached, and runs only this site’s script file', async () => {
    const answer = await pageAs();

    expect(answer.headers['x-frame-options']).toBe('DENY');
    expect(answer.headers['cache-control']).toBe('no-store');
    const policy = answer.headers['content-security-policy'] ?? '';
    expect(policy).toContain("default-src 'self'");
    expect(policy).not.toContain('unsafe-inline');
    expect(policy).not.toMatch(/https?:|\*/);
    const scripts = answer.text.match(/<script[^>]*>[^<]*<\/script>/g) ?? [];
    expect(scripts).toEqual([
      expect.stringMatching(/^<script type="module" src="\/assets\/[\w.-]+\.mjs"><\/script>$/),
    ]);
    expect(answer.text).not.toMatch(/<style|style="|\son[a-z]+=/i);
  });

  it('when a stored sentence or a link parameter holds markup, then it is shown as text', async () => {
    const id = await aStoredTransfer(t.transferStore, { reason: 'ORGANISATION_MISMATCH' });
    await t.transferStore.update(id, { message: '<script>alert(1)</script> & "quotes"' });

    const answer = await pageAs(HR_ADMIN, '?notice=queued&transfer=%3Cscript%3E');

    expect(answer.text).not.toContain('<script>');
    expect(answer.text).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quotes&quot;');
    // a link no action of theirs led to shows no notice at all
    expect(answer.text).not.toContain('is queued');
  });
});

describe('the HR page actions (POST → 303 → GET)', () => {
  it('when a transfer is re-queued from the page, then the redirect shows a notice and the transfer waits', async () => {
    const id = await aStoredTransfer(t.transferStore);

    const posted = await postForm('/admin/actions/retry', { transferId: id });
    const page = await pageAs(HR_ADMIN, posted.headers.location?.replace('/admin', ''));

    expect(posted.status).toBe(303);
    expect(page.text).toContain('role="status"');
    expect(page.text).toContain(
      `<p class="notice success nhsuk-notification-banner__heading">Transfer ${id} is queued.`,
    );
    expect((await t.transferStore.get(id))?.state).toBeNull();
    expect(await t.queue.getJobState(id)).toBe('waiting');
  });

  it('when a reason group is re-queued from the page, then the notice says how many', async () => {
    const prefixCode = 'RG1';
    await aStoredTransfer(t.transferStore, { organisationCode: prefixCode, reason: 'INVALID_TRAC_DATA' });
    await aStoredTransfer(t.transferStore, { organisationCode: prefixCode, reason: 'INVALID_TRAC_DATA' });

    const posted = await postForm('/admin/actions/retry-group', { reason: 'INVALID_TRAC_DATA' });

    expect(posted.status).toBe(303);
    expect(posted.headers.location).toBe('/admin?notice=requeued&count=2');
    const page = await pageAs(HR_ADMIN, '?notice=requeued&count=2');
    expect(page.text).toContain('2 failed transfers re-queued.');
  });

  it('when a completed transfer is re-queued from the page, then the notice says it is never sent again', async () => {
    const id = await aStoredTransfer(t.transferStore, { state: 'completed', reason: null });

    const posted = await postForm('/admin/actions/retry', { transferId: id });
    const page = await pageAs(HR_ADMIN, posted.headers.location?.replace('/admin', ''));

    expect(page.text).toContain(
      '<div class="nhsuk-error-summary" data-module="nhsuk-error-summary"><div role="alert">',
    );
    expect(page.text).toContain(
      `<p class="notice problem">Transfer ${id} already completed: it is never sent again.`,
    );
  });

  it('when the manual start form has a bad applicant id, then the form comes back with the error at the field, linked from the summary, and the id typed kept', async () => {
    const posted = await postForm('/admin/actions/start', {
      organisationCode: 'R0A',
      applicantId: 'not valid!',
    });
    const page = squash(posted.text);

    expect(posted.status).toBe(400);
    expect(page).toContain('<h1>Start a transfer by hand</h1>');
    expect(page).toContain(
      '<li><a href="#start-applicant">Enter a Trac applicant id of letters, digits, - and _ only, for example A-100234</a></li>',
    );
    expect(page).toContain(
      '<div class="nhsuk-form-group nhsuk-form-group--error"><label class="nhsuk-label" for="start-applicant">Trac applicant id</label>',
    );
    expect(page).toContain(
      '<span class="nhsuk-error-message" id="start-applicant-error"><span class="nhsuk-u-visually-hidden">Error:</span> Enter a Trac applicant id',
    );
    expect(page).toContain('value="not valid!"');
    expect(page).toContain('aria-describedby="start-applicant-hint start-applicant-error"');
    expect(page).toMatch(/<option value="R0A" selected>/);
    expect(page).not.toMatch(/\srequired|\spattern=/);
  });

  it('when a support user posts a page action, then it answers 403', async () => {
    const id = await aStoredTransfer(t.transferStore);

    const answer = await asCaller(t, SUPPORT)
      .post('/admin/actions/retry')
      .type('form')
      .send({ transferId: id });

    expect(answer.status).toBe(403);
    expect((await t.transferStore.get(id))?.state).toBe('failed');
  });
});
