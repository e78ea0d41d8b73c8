import { PREVIEW_SEED } from '../../../sandbox';
import { csrfTokenFor } from '../../../src/admin/auth/admin-users';
import { MATCH_HINTS } from '../../../src/transfer/classify-match';
import { HINTS } from '../../../src/transfer/match-hints';
import { escapeHtml } from '../../../src/admin/pages/html';
import { asCaller, HR_ADMIN, SUPPORT } from '../../helpers/admin';
import { withPreviewHarness } from '../../helpers/preview';
import { withSandboxes } from '../../helpers/sandbox';

const sandboxes = withSandboxes({ seed: PREVIEW_SEED });
const h = withPreviewHarness(() => ({ tracUrl: sandboxes.tracUrl, esrUrl: sandboxes.esrUrl }));

const page = (path: string, caller = HR_ADMIN) => asCaller(h.t, caller).get(path).set('Accept', 'text/html');

/** The HR admin's form post, as the browser sends it from the page. */
function startForm(fields: Record<string, string>) {
  return asCaller(h.t, HR_ADMIN)
    .post('/admin/actions/match-preview')
    .set('Origin', 'http://127.0.0.1')
    .set('Host', '127.0.0.1')
    .type('form')
    .send({ _csrf: csrfTokenFor({ user: HR_ADMIN.user, password: HR_ADMIN.password }), ...fields });
}

describe('the match preview HR pages', () => {
  let previewPath = '';

  beforeAll(async () => {
    const answer = await startForm({
      organisationCode: 'R0A',
      statuses: 'Offer: Accepted, Offer: Unconditional',
      changedSinceDay: '1',
      changedSinceMonth: '1',
      changedSinceYear: '2026',
    });
    expect(answer.status).toBe(303);
    previewPath = answer.headers.location ?? '';
    await h.waitUntilFinished(previewPath.split('/').at(-1) ?? '');
  });

  it('when the HR admin starts a preview from the form, then it goes to the preview, with the statuses and date asked', async () => {
    expect(previewPath).toMatch(/^\/admin\/match-previews\/pv_[0-9a-f]{24}$/);
    const json = await asCaller(h.t, HR_ADMIN).get(previewPath);
    expect(json.body).toMatchObject({
      statuses: ['Offer: Accepted', 'Offer: Unconditional'],
      // the start of 1 January 2026 in the UK (GMT)
      changedSince: '2026-01-01T00:00:00.000Z',
      state: 'completed',
    });
  });

  it('when the preview page is read, then every hint found is a group with its one sentence and its applicants', async () => {
    const html = (await page(previewPath)).text;

    for (const hint of MATCH_HINTS) {
      expect(html).toContain(`id="hint-${hint}"`);
      expect(html).toContain(escapeHtml(HINTS[hint].fix('TIS')));
    }
    const group = html.slice(
      html.indexOf('id="hint-OTHER_RECORD_ORIGIN"'),
      html.indexOf('</section>', html.indexOf('id="hint-OTHER_RECORD_ORIGIN"')),
    );
    expect(group).toContain('A-100406');
    expect(group).toContain('A-100408');
    expect(group).not.toContain('A-100400');
    expect(html).toContain(`href="${previewPath}.csv"`);
  });

  it('when the browser follows the CSV link, then it gets the CSV, not a page', async () => {
    const answer = await page(`${previewPath}.csv`);
    expect(answer.status).toBe(200);
    expect(answer.headers['content-type']).toMatch(/^text\/csv/);
    expect(answer.text.split('\n')[0]).toBe('applicantId,result,hints,esrApplicantIds');
  });

  it('when the page is read, then no name or date of birth of the seed is on it', async () => {
    const html = (await page(previewPath)).text;
    for (const { applicant } of PREVIEW_SEED.trac.applicants) {
      expect(html).not.toContain(applicant.person.surname);
      expect(html).not.toContain(applicant.person.dateOfBirth);
    }
  });

  it('when support opens the list, then it sees the previews but no start form', async () => {
    const html = (await page('/admin/match-previews', SUPPORT)).text;
    expect(html).toContain(previewPath);
    expect(html).not.toContain('id="preview-start"');
    expect((await page('/admin/match-previews')).text).toContain('id="preview-start"');
  });

  it('when the form names an organisation that is not enabled, then the list comes back with the error at the organisation and the statuses kept', async () => {
    const answer = await startForm({ organisationCode: 'RX9', statuses: 'Offer: Made' });

    expect(answer.status).toBe(400);
    expect(answer.text).toContain(
      '<a href="#preview-organisation">That organisation is not enabled for this service: select another</a>',
    );
    expect(answer.text).toMatch(
      /nhsuk-form-group--error">\s*<label class="nhsuk-label" for="preview-organisation">/,
    );
    expect(answer.text).toContain('value="Offer: Made"');
  });

  it.each([
    [
      { changedSinceDay: '31', changedSinceMonth: '6', changedSinceYear: '2026' },
      'Enter a real date, for example 1 5 2026',
    ],
    [
      { changedSinceDay: '1', changedSinceMonth: '', changedSinceYear: '2026' },
      'Enter the day, month and year the status changed on or after, or leave all three empty',
    ],
    [
      { changedSinceDay: '1', changedSinceMonth: '1', changedSinceYear: '2999' },
      'Enter a date that is today or before',
    ],
    [
      { changedSinceDay: 'x', changedSinceMonth: '1', changedSinceYear: '26' },
      'Enter a real date, for example 1 5 2026',
    ],
  ])(
    'when the date is %j, then the server says %j at the date, keeps what was typed and starts nothing',
    async (date, message) => {
      const before = (await asCaller(h.t, HR_ADMIN).get('/admin/match-previews')).body as {
        items: unknown[];
      };

      const answer = await startForm({ organisationCode: 'R0A', statuses: 'Offer: Accepted', ...date });

      expect(answer.status).toBe(400);
      expect(answer.text).toContain(`<a href="#preview-changed-since-day">${message}</a>`);
      expect(answer.text).toContain(
        `<span class="nhsuk-error-message" id="preview-changed-since-error"><span class="nhsuk-u-visually-hidden">Error:</span> ${message}</span>`,
      );
      expect(answer.text).toContain(`value="${date.changedSinceDay}"`);
      expect(answer.text).not.toContain('type="date"');
      const after = (await asCaller(h.t, HR_ADMIN).get('/admin/match-previews')).body as { items: unknown[] };
      expect(after.items).toHaveLength(before.items.length);
    },
  );

  it('when a preview page that does not exist is opened, then 404 with a page', async () => {
    const answer = await page('/admin/match-previews/pv_000000000000000000000000');
    expect(answer.status).toBe(404);
    expect(answer.text).toContain('previews are kept 7 days');
  });
});
