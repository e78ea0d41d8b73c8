import { csrfTokenFor } from '../../../src/admin/auth/admin-users';
import { escapeHtml, timeText } from '../../../src/admin/pages/html';
import { outstandingMessage, stillOutstanding } from '../../../src/transfer/outstanding-messages';
import { HINTS } from '../../../src/transfer/match-hints';
import { allRecords } from '../../../src/transfer/transfer';
import { aStoredTransfer, asCaller, withAdminTestApp, HR_ADMIN, SUPPORT } from '../../helpers/admin';

const t = withAdminTestApp();

/** What Chromium sends when it navigates to a page. */
const BROWSER_ACCEPT = 'text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,*/*;q=0.8';

/** The markup with white space between tags and runs of white space taken out. */
const squash = (markup: string) => markup.replace(/>\s+</g, '><').replace(/\s+/g, ' ').replace(/ >/g, '>');

async function browse(path: string, credentials = HR_ADMIN) {
  const answer = await asCaller(t, credentials).get(path).set('Accept', BROWSER_ACCEPT);
  return { status: answer.status, text: squash(answer.text) };
}

/** A transfer that completed with its references outstanding, to ESR applicant 4417807. */
async function aTransferWithOutstandingReferences(): Promise<string> {
  const id = await aStoredTransfer(t.transferStore, {
    state: 'completed',
    reason: null,
    records: { ...allRecords('SENT'), references: 'NOT_COMPLETE' },
  });
  await t.transferStore.update(id, { outstanding: ['references'], esrApplicantId: '4417807' });
  return id;
}

describe('a transfer’s page shows its match hints and its outstanding records', () => {
  it('when a transfer failed with swapped birth date hints, then its page says why it did not match, with the sentence and the ESR record', async () => {
    const id = await aStoredTransfer(t.transferStore, { reason: 'NO_ESR_MATCH' });
    await t.transferStore.update(id, {
      match: { hints: ['DATE_OF_BIRTH_DAY_MONTH_SWAPPED'], esrApplicantIds: ['4417800'] },
    });

    const page = await browse(`/admin/transfers/${id}`);

    const hint = HINTS.DATE_OF_BIRTH_DAY_MONTH_SWAPPED;
    expect(page.text).toContain('<h2 id="match-heading">Why it did not match</h2>');
    expect(page.text).toContain(`<strong>${hint.title}.</strong> ${escapeHtml(hint.fix('TIS'))}`);
    expect(page.text).toContain('The causes above are about ESR record 4417800.');
    expect(page.text).not.toContain('Outstanding records');
    const cause = `Likely cause: ${hint.title} (ESR record 4417800).`;
    expect((await browse('/admin/transfers?state=failed')).text).toContain(cause);
    expect((await browse('/admin')).text).toContain(cause);
  });

  it('when a transfer completed with outstanding references, then its page names them, gives both ways forward and, for an HR admin, the send button', async () => {
    const id = await aTransferWithOutstandingReferences();

    const page = await browse(`/admin/transfers/${id}`);
    const support = await browse(`/admin/transfers/${id}`, SUPPORT);

    expect(page.text).toContain('<h2 id="outstanding-heading">Outstanding records</h2>');
    expect(page.text).toContain(
      '<ul class="nhsuk-list nhsuk-list--bullet" id="transfer-outstanding"><li>References</li></ul>',
    );
    expect(page.text).toContain('enter it in ESR by hand');
    expect(page.text).toContain('action="/admin/actions/send-outstanding"');
    expect(page.text).toContain('Send outstanding records');
    expect(page.text).not.toContain('Why it did not match');
    expect(support.text).toContain('Outstanding records');
    expect(support.text).not.toContain('action="/admin/actions/send-outstanding"');
  });

  it('when HR presses "Send outstanding records", then it is queued and the answer comes back to the page; pressed again while queued, it says so', async () => {
    const id = await aTransferWithOutstandingReferences();
    const press = () =>
      asCaller(t, HR_ADMIN)
        .post('/admin/actions/send-outstanding')
        .type('form')
        .send({ transferId: id, returnTo: 'transfer', _csrf: csrfTokenFor(HR_ADMIN) });

    const first = await press();
    const second = await press();
    const page = await browse(first.headers.location ?? '');

    expect(first.status).toBe(303);
    expect(first.headers.location).toBe(`/admin/transfers/${id}?notice=queued&transfer=${id}`);
    expect(second.headers.location).toBe(`/admin/transfers/${id}?notice=already_queued&transfer=${id}`);
    expect(page.text).toContain(`Transfer ${id} is queued.`);
    expect(page.text).toContain('Sending them was asked for');
    expect(page.text).toMatch(
      /Asked to send the outstanding records<\/td><td class="nhsuk-table__cell">hr1 \(HR admin\)/,
    );
  });

  it('when HR lists transfers with records outstanding, then the list holds only those, tagged as such, and the overview counts them', async () => {
    const outstanding = await aTransferWithOutstandingReferences();
    const done = await aStoredTransfer(t.transferStore, { state: 'completed', reason: null });

    const list = await browse('/admin/transfers?outstanding=true');
    const all = await browse('/admin/transfers?state=completed');
    const overview = await browse('/admin');

    expect(list.text).toContain('<h1>Completed transfers with records outstanding</h1>');
    expect(list.text).toContain(`>${outstanding}</a>`);
    expect(list.text).not.toContain(`>${done}</a>`);
    expect(list.text).toContain(
      '<option value="true" selected>Only completed with records outstanding</option>',
    );
    const tagged = '<strong class="nhsuk-tag nhsuk-tag--orange">Completed, records outstanding</strong>';
    expect(list.text).toContain(tagged);
    expect(all.text).toContain(tagged);
    expect(all.text).toContain('<strong class="nhsuk-tag nhsuk-tag--green">Completed</strong>');
    expect(overview.text).toMatch(
      /Completed, records outstanding<\/strong><\/th><td class="nhsuk-table__cell"><a class="nhsuk-link" href="\/admin\/transfers\?outstanding=true">[1-9]\d*</,
    );
  });

  it('when a transfer has nothing outstanding, then a press says so and nothing is queued', async () => {
    const id = await aStoredTransfer(t.transferStore, { state: 'completed', reason: null });

    const posted = await asCaller(t, HR_ADMIN)
      .post('/admin/actions/send-outstanding')
      .type('form')
      .send({ transferId: id, returnTo: 'transfer', _csrf: csrfTokenFor(HR_ADMIN) });
    const page = await browse(posted.headers.location ?? '');

    expect(posted.headers.location).toBe(`/admin/transfers/${id}?notice=nothing_outstanding&transfer=${id}`);
    expect(page.text).toContain(`Transfer ${id} has no outstanding records to send`);
    expect(await t.queue.getJob(id)).toBeUndefined();
  });

  it('when the last send found the ESR applicant no longer in scope (now an employee), then the page says when and what, tells HR to enter the records in ESR by hand, and offers no send button', async () => {
    const id = await aTransferWithOutstandingReferences();
    const context = { asked: ['references'] as const, outstanding: ['references'] as const };
    const message = outstandingMessage('esr_applicant_out_of_scope', {
      ...context,
      esrApplicantId: '4417807',
      organisation: undefined,
    });
    await t.transferStore.update(id, { message });
    const { updatedAt } = (await t.transferStore.get(id))!;

    const page = await browse(`/admin/transfers/${id}`);

    expect(page.text.replace(/<[^>]+>/g, '')).toContain(
      `The last attempt to send the outstanding records, on ${timeText(updatedAt)}: ESR no longer holds applicant 4417807`,
    );
    expect(page.text).toContain('Enter the outstanding records in ESR by hand');
    expect(page.text).not.toContain('action="/admin/actions/send-outstanding"');
    expect(page.text).not.toContain('can still be sent');
    expect(page.text).not.toContain('send it from here with');
  });

  it('when the last send found the references still not complete in Trac, then the page says when and what, and still offers the send button', async () => {
    const id = await aTransferWithOutstandingReferences();
    await t.transferStore.update(id, { message: stillOutstanding(['references']) });
    const { updatedAt } = (await t.transferStore.get(id))!;

    const page = await browse(`/admin/transfers/${id}`);

    expect(page.text.replace(/<[^>]+>/g, '')).toContain(
      `The last attempt to send the outstanding records, on ${timeText(updatedAt)}: Trac does not hold the outstanding records (references) as complete yet`,
    );
    expect(page.text).toContain('action="/admin/actions/send-outstanding"');
  });

  it('when the outstanding records were never asked for, then the page tells of no attempt', async () => {
    const id = await aTransferWithOutstandingReferences();

    const page = await browse(`/admin/transfers/${id}`);

    expect(page.text).not.toContain('The last attempt to send');
    expect(page.text).toContain('action="/admin/actions/send-outstanding"');
  });
});
