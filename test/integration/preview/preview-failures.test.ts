import { PREVIEW_DEMO_CASES, PREVIEW_SEED, PREVIEW_STATUS } from '../../../sandbox';
import { asCaller, HR_ADMIN, eventually, bodyOf } from '../../helpers/admin';
import { withPreviewHarness } from '../../helpers/preview';
import { withSandboxes } from '../../helpers/sandbox';

const sandboxes = withSandboxes({ seed: PREVIEW_SEED });
const h = withPreviewHarness(() => ({
  tracUrl: sandboxes.tracUrl,
  esrUrl: sandboxes.esrUrl,
  attempts: 2,
  tuning: { backoff: { baseMs: 1500, maxMs: 1500 } },
}));
const listedCount = PREVIEW_DEMO_CASES.filter((demo) => demo.expected).length;
const BODY = { organisationCode: 'R0A', statuses: [PREVIEW_STATUS] };

beforeEach(() => {
  sandboxes.trac.setListPaging({ maxItemsPerPage: 3 });
  sandboxes.trac.setListFaults({});
  sandboxes.esr.setFaults({});
});

describe('a match preview when Trac or ESR fails', () => {
  it('when Trac answers 5xx mid-list through every attempt, then the preview fails with the reason, shown on its page', async () => {
    sandboxes.trac.setListFaults({ errorRate: 1, afterRequests: 1 });

    const failed = await h.waitUntilFinished(await h.start(BODY));

    expect(failed.state).toBe('failed');
    expect(failed.failedReason).toMatch(
      /^Trac or ESR kept failing through 2 attempts \(last: Trac list-applicants: answered 50[03]\)/,
    );
    expect(failed.progress.listed).toBeGreaterThanOrEqual(3);
    expect(failed.finishedAt).not.toBeNull();
    const page = await asCaller(h.t, HR_ADMIN)
      .get(`/admin/match-previews/${failed.previewId}`)
      .set('Accept', 'text/html');
    // the page names the system in words; the API keeps the detail with its status
    expect(page.text).toContain(
      'Trac kept failing through 2 attempts. Start the preview again once Trac answers.',
    );
    expect(page.text).not.toMatch(/answered 50[03]/);
  });

  it('when the preview is started again once Trac is back, then it completes with every applicant', async () => {
    const preview = await h.waitUntilFinished(await h.start(BODY));

    expect(preview.state).toBe('completed');
    expect(preview.items).toHaveLength(listedCount);
  });

  it('when Trac fails only for the first attempt, then the retry completes without searching ESR again for what was matched', async () => {
    sandboxes.trac.setListFaults({ errorRate: 1, afterRequests: 2 });
    const previewId = await h.start(BODY);
    await eventually(async () => {
      const answer = await asCaller(h.t, HR_ADMIN).get(`/admin/match-previews/${previewId}`);
      return (
        bodyOf<{ state: string }>(answer).state === 'waiting' &&
        (await h.t.redis.hlen(`${h.t.prefix}:preview:${previewId}:items`)) > 0
      );
    });
    const matchedBefore = await h.t.redis.hlen(`${h.t.prefix}:preview:${previewId}:items`);
    sandboxes.trac.setListFaults({});
    const readsBefore = sandboxes.trac.requests().length;

    const preview = await h.waitUntilFinished(previewId);

    expect(preview.state).toBe('completed');
    expect(preview.items).toHaveLength(listedCount);
    expect(Object.values(preview.counts).reduce((a, b) => a + b, 0)).toBe(listedCount);
    const reads = sandboxes.trac
      .requests()
      .slice(readsBefore)
      .filter((r) => /^\/api\/v1\/applicants\/[^?]+$/.test(r.path));
    expect(reads).toHaveLength(listedCount - matchedBefore);
  });

  it('when ESR answers 5xx through every attempt, then the preview fails naming the ESR search', async () => {
    sandboxes.esr.setFaults({ errorRate: 1 });

    const failed = await h.waitUntilFinished(await h.start(BODY));

    expect(failed.state).toBe('failed');
    expect(failed.failedReason).toMatch(/last: ESR the applicant search: answered 50[03]/);
  });

  it('when nothing at all was written to ESR during these failures, then ESR holds no POST', () => {
    expect(sandboxes.esr.requests()).toEqual([]);
  });
});
