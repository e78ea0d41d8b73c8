import { csrfTokenFor } from '../../../src/admin/auth/admin-users';
import { noticeFrom } from '../../../src/admin/pages/page-notices';
import { REASONS, reasonMessage } from '../../../src/transfer/reasons';
import { asCaller, HR_ADMIN, withAdminTestApp } from '../../helpers/admin';
import { withSandboxes } from '../../helpers/sandbox';

const sandboxes = withSandboxes();
const t = withAdminTestApp(() => ({
  tracUrl: sandboxes.tracUrl,
  env: { TRIGGER_STATUSES: 'Offer: Accepted, Outcome: Hired' },
}));

const BROWSER_ACCEPT = 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.8';
/** The page's words, without its markup and with runs of white space as one space. */
const wordsOf = (markup: string) =>
  markup
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#39;/g, "'")
    .replace(/\s+/g, ' ');
const browse = async (path: string) =>
  wordsOf((await asCaller(t, HR_ADMIN).get(path).set('Accept', BROWSER_ACCEPT)).text);

describe('the trigger statuses HR reads are those configured', () => {
  it('when TRIGGER_STATUSES names two statuses, then the start page names both, not Outcome: Recruited', async () => {
    const page = await browse('/admin/start');

    expect(page).toContain('whose Trac status is Offer: Accepted or Outcome: Hired');
    expect(page).not.toContain('Outcome: Recruited');
  });

  it('when HR starts an applicant whose status is neither, then the field’s error names both, and the JSON API keeps its contract answer', async () => {
    const posted = await asCaller(t, HR_ADMIN)
      .post('/admin/actions/start')
      .type('form')
      .send({ organisationCode: 'R0A', applicantId: 'A-100310', _csrf: csrfTokenFor(HR_ADMIN) });
    const api = await asCaller(t, HR_ADMIN)
      .post('/admin/transfers')
      .send({ organisationCode: 'R0A', applicantId: 'A-100310' });

    expect(posted.status).toBe(422);
    expect(wordsOf(posted.text)).toContain(
      "This applicant's status in Trac is not Offer: Accepted or Outcome: Hired, so no transfer was started",
    );
    expect(api.status).toBe(422);
    expect(api.body).toEqual({ error: 'status_not_trigger' });
  });

  it('when a page cannot know the configured statuses, then it says so in words, naming the default as the default', async () => {
    const page = await browse('/admin/transfers/R0A-A-NOBODY-1');
    const overview = await browse('/admin');
    const notice = noticeFrom({ notice: 'status_not_trigger' });
    const sentence = reasonMessage('STATUS_CHANGED', { organisationCode: 'R0A', applicantId: 'A-1' });

    const fallback = 'a status that starts a transfer (by default Outcome: Recruited)';
    expect(page).toContain(`If Trac holds this applicant in ${fallback} and the transfer never started`);
    expect(overview).toContain(
      `For an applicant whose Trac status is ${fallback} but whose transfer never started`,
    );
    expect(notice?.text).toContain(`is not ${fallback}, so no transfer was started`);
    expect(sentence).toContain(`if the status returns to ${fallback}`);
    expect(REASONS.STATUS_CHANGED.title).toBe("The applicant's Trac status is no longer a trigger status");
  });
});
