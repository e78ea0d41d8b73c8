import { csrfTokenFor } from '../../../src/admin/auth/admin-users';
import { aStoredTransfer, asCaller, withAdminTestApp, HR_ADMIN, SUPPORT } from '../../helpers/admin';
import { anApplicantId } from '../../helpers/webhooks';

const t = withAdminTestApp();

/** What Chromium sends when it navigates to a page. */
const BROWSER_ACCEPT = 'text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,*/*;q=0.8';

/** The markup with white space between tags and before a tag's `>` taken out (text has no raw `>`). */
const squash = (markup: string) => markup.replace(/>\s+</g, '><').replace(/\s+/g, ' ').replace(/ >/g, '>');

async function browse(path: string, credentials = HR_ADMIN) {
  const answer = await asCaller(t, credentials).get(path).set('Accept', BROWSER_ACCEPT);
  return { status: answer.status, headers: answer.headers, text: squash(answer.text) };
}

describe('a transfer’s own page (GET /admin/transfers/{id} from a browser)', () => {
  it('when a failed transfer with one record sent is opened, then it shows state, reason, fix, the six records with the ESR id, and a re-queue button', async () => {
    const id = await aStoredTransfer(t.transferStore, { reason: 'NO_ESR_MATCH', attempts: 3 });
    await t.transferStore.recordSent(id, 'dbs', {
      esrRecordId: 'ESR-DBS-55',
      sentAt: '2026-06-14T10:22:07Z',
    });

    const page = await browse(`/admin/transfers/${id}`);

    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.text).toContain(`<h1>Transfer ${id}</h1>`);
    expect(page.text).toContain('<strong class="nhsuk-tag nhsuk-tag--red">Failed</strong>');
    expect(page.text).toContain('No matching applicant in ESR <small>(reason code NO_ESR_MATCH)</small>');
    expect(page.text).toContain('close historic records, then re-queue.');
    expect(page.text).toMatch(/Attempts<\/dt><dd class="nhsuk-summary-list__value">3</);
    expect(page.text).toContain('Trac webhook');
    expect(page.text).toMatch(
      /DBS check<\/th><td class="nhsuk-table__cell">.*?<\/td><td class="nhsuk-table__cell">ESR-DBS-55</,
    );
    expect(
      page.text.match(/<tr class="nhsuk-table__row"><th class="nhsuk-table__header" scope="row">/g),
    ).toHaveLength(6);
    expect(page.text).toContain(`name="transferId" value="${id}"`);
    expect(page.text).toContain('name="returnTo" value="transfer"');
    expect(page.text).toContain(`name="_csrf" value="${csrfTokenFor(HR_ADMIN)}"`);
  });

  it('when a support user opens it, then there is no re-queue form', async () => {
    const id = await aStoredTransfer(t.transferStore);

    const page = await browse(`/admin/transfers/${id}`, SUPPORT);

    expect(page.status).toBe(200);
    expect(page.text).toContain('An HR admin can re-queue this transfer');
    expect(page.text).not.toMatch(/method="post"|_csrf/);
  });

  it('when it is re-queued from its page, then the answer comes back to that page and the history names who did it', async () => {
    const id = await aStoredTransfer(t.transferStore);

    const posted = await asCaller(t, HR_ADMIN)
      .post('/admin/actions/retry')
      .type('form')
      .send({ transferId: id, returnTo: 'transfer', _csrf: csrfTokenFor(HR_ADMIN) });
    const page = await browse(posted.headers.location ?? '');

    expect(posted.status).toBe(303);
    expect(posted.headers.location).toBe(`/admin/transfers/${id}?notice=queued&transfer=${id}`);
    expect(page.text).toContain(`Transfer ${id} is queued.`);
    expect(page.text).toContain('<strong class="nhsuk-tag nhsuk-tag--grey">Waiting</strong>');
    expect(page.text).toMatch(
      /<td class="nhsuk-table__cell">Re-queued<\/td><td class="nhsuk-table__cell">hr1 \(HR admin\)<\/td><td class="nhsuk-table__cell">Done</,
    );
  });

  it('when it was re-queued in a bulk re-queue of more transfers than the audit target names, then its history still shows it', async () => {
    const organisationCode = 'BLK1';
    const ids: string[] = [];
    for (let i = 0; i < 101; i += 1) {
      ids.push(await aStoredTransfer(t.transferStore, { organisationCode, reason: 'ESR_REJECTED' }));
    }
    const oldest = ids[0]!;

    const answer = await asCaller(t, HR_ADMIN)
      .post('/admin/transfers/retry')
      .send({ reason: 'ESR_REJECTED', organisation: organisationCode });
    const audit = await asCaller(t, SUPPORT).get('/admin/audit');
    const page = await browse(`/admin/transfers/${oldest}`, SUPPORT);

    expect(answer.body).toEqual({ requeued: 101 });
    const target = (audit.body as { items: { target: string }[] }).items[0]?.target ?? '';
    expect(target).toContain('and 1 more');
    expect(target).not.toContain(oldest);
    expect(page.text).toContain('Re-queued with others (bulk)');
  }, 30_000);

  it('when the id names no transfer, then a 404 page says so and shows the id as text', async () => {
    const page = await browse('/admin/transfers/R0A-%3Cb%3Enope');

    expect(page.status).toBe(404);
    expect(page.text).toContain('<h1>Transfer not found</h1>');
    expect(page.text).toContain('There is no transfer R0A-&lt;b&gt;nope.');
    expect(page.headers['content-security-policy']).toContain("default-src 'self'");
  });

  it.each([
    ['no Accept header', undefined],
    ['Accept: application/json', 'application/json'],
    ['Accept: */*', '*/*'],
  ])('when a script asks with %s, then the JSON API answers as before', async (_name, accept) => {
    const id = await aStoredTransfer(t.transferStore);
    const request = asCaller(t, SUPPORT).get(`/admin/transfers/${id}`);

    const answer = await (accept ? request.set('Accept', accept) : request);

    expect(answer.status).toBe(200);
    expect(answer.headers['content-type']).toMatch(/^application\/json/);
    expect(answer.body).toMatchObject({ transferId: id, state: 'failed', ledger: {} });
  });
});

describe('the search (GET /admin/search?q=)', () => {
  it('when a Trac applicant id is searched, then its transfer is listed with a link to its page', async () => {
    const applicantId = anApplicantId();
    const id = await aStoredTransfer(t.transferStore, { organisationCode: '7A1', applicantId });

    const page = await browse(`/admin/search?q=${encodeURIComponent(` ${applicantId} `)}`);

    expect(page.status).toBe(200);
    expect(page.text).toContain('1 transfer matches');
    expect(page.text).toContain(`<a class="nhsuk-link" href="/admin/transfers/${id}">${id}</a>`);
    expect(page.text).toContain(`value="${applicantId}"`);
  });

  it('when a transfer id is searched with its organisation code in lower case, then its page opens', async () => {
    const id = await aStoredTransfer(t.transferStore);

    const page = await browse(`/admin/search?q=${id.toLowerCase().slice(0, 3)}${id.slice(3)}`);

    expect(page.status).toBe(303);
    expect(page.headers.location).toBe(`/admin/transfers/${id}`);
  });

  it('when nothing matches, then the page says so and escapes what was typed', async () => {
    const page = await browse(`/admin/search?q=${encodeURIComponent('<i>x</i>')}`);

    expect(page.status).toBe(200);
    expect(page.text).toContain('No transfer matches “&lt;i&gt;x&lt;/i&gt;”.');
    expect(page.text).not.toContain('<i>x');
  });
});
