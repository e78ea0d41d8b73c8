import nock from 'nock';
import { PREVIEW_SEED, PREVIEW_STATUS } from '../../../sandbox';
import { asCaller, SUPPORT } from '../../helpers/admin';
import { withPreviewHarness } from '../../helpers/preview';
import { withSandboxes } from '../../helpers/sandbox';

/** An ESR whose every search answer carries a formula as an applicant id. */
const ESR = 'http://esr-formulas.test';
const FORMULA_ID = '=HYPERLINK("https://evil.example","Open")';

const sandboxes = withSandboxes({ seed: PREVIEW_SEED });
const h = withPreviewHarness(() => ({
  tracUrl: sandboxes.tracUrl,
  esrUrl: ESR,
  attempts: 2,
  tuning: { backoff: { baseMs: 100, maxMs: 100 } },
}));

let searches = 0;
beforeAll(() => {
  nock.disableNetConnect();
  nock.enableNetConnect(/127\.0\.0\.1|localhost/);
  nock(ESR)
    .persist()
    .post('/oauth2/token')
    .reply(200, { access_token: 'tok', token_type: 'Bearer', expires_in: 900 });
  nock(ESR)
    .persist()
    .get('/dit/v1/applicants')
    .query(true)
    .reply(200, (uri) => {
      searches += 1;
      const query = new URL(uri, ESR).searchParams;
      return {
        items: [
          {
            esrApplicantId: FORMULA_ID,
            organisationCode: 'R0A',
            firstName: 'ANY',
            lastName: query.get('lastName'),
            dateOfBirth: query.get('dateOfBirth'),
            recordOrigin: 'TIS',
            personType: 'APPLICANT',
            applicationStatus: 'ACTIVE',
            hasProfessionalRegistration: false,
          },
        ],
      };
    });
});
afterAll(() => {
  nock.cleanAll();
  nock.enableNetConnect();
});

describe('a match preview when ESR answers an applicant id outside the contract', () => {
  it('when every search answer carries a formula as an id, then it is retried like a 5xx, the preview fails naming it, and the id is kept nowhere', async () => {
    const failed = await h.waitUntilFinished(
      await h.start({ organisationCode: 'R0A', statuses: [PREVIEW_STATUS] }),
    );

    expect(failed.state).toBe('failed');
    expect(failed.failedReason).toBe(
      'Trac or ESR kept failing through 2 attempts (last: ESR search: answer did not match the contract). Start the preview again once they answer.',
    );
    expect(failed.items).toEqual([]);
    expect(searches).toBeGreaterThanOrEqual(2);
    const csv = await asCaller(h.t, SUPPORT).get(`/admin/match-previews/${failed.previewId}.csv`);
    expect(csv.text).toBe('applicantId,result,hints,esrApplicantIds\n');
    const keys = await h.t.redis.keys(`${h.t.prefix}:preview:*`);
    for (const key of keys.filter((k) => k.endsWith(':items'))) {
      expect(JSON.stringify(await h.t.redis.hgetall(key))).not.toContain('HYPERLINK');
    }
  });
});
