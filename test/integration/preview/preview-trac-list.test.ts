import { DEV_SEED, PREVIEW_DEMO_CASES, PREVIEW_STATUS } from '../../../sandbox';
import { withPreviewHarness } from '../../helpers/preview';
import { withSandboxes } from '../../helpers/sandbox';

/**
 * Issue 17, items 2 and 3, for match previews: a Trac list that never ends used to hold the
 * preview (and every preview after it) for ever, and an item of another organisation failed it.
 */
const sandboxes = withSandboxes({ seed: DEV_SEED }); // R0A's preview cases, and 7A1's applicants
const h = withPreviewHarness(() => ({
  tracUrl: sandboxes.tracUrl,
  esrUrl: sandboxes.esrUrl,
  attempts: 3,
}));
const listedCount = PREVIEW_DEMO_CASES.filter((demo) => demo.expected).length;
const BODY = { organisationCode: 'R0A', statuses: [PREVIEW_STATUS] };
const listRequests = () =>
  sandboxes.trac.requests().filter((r) => r.path.startsWith('/api/v1/applicants?')).length;
const skippedCounts = () => h.t.redis.hgetall(`${h.t.prefix}:metrics:trac-list`);

beforeEach(() => {
  sandboxes.trac.setListPaging({ maxItemsPerPage: 3 });
  sandboxes.trac.setListMisbehaviour({});
});

describe('a match preview when Trac’s list misbehaves', () => {
  it('when the list repeats its cursor, then the preview ends failed at once, saying so, and the next preview runs and completes', async () => {
    sandboxes.trac.setListMisbehaviour({ cursorLoopFromPage: 2 });
    const listsBefore = listRequests();

    const failed = await h.waitUntilFinished(await h.start(BODY));
    const listsOfFailed = listRequests() - listsBefore;
    sandboxes.trac.setListMisbehaviour({});
    const next = await h.waitUntilFinished(await h.start(BODY));

    expect(failed.state).toBe('failed');
    expect(failed.failedReason).toMatch(/^Trac’s list of applicants did not end/);
    // one attempt, not three: page 1, then page 2 which sent the reader back to itself
    expect(listsOfFailed).toBe(2);
    expect(next.state).toBe('completed');
    expect(next.items).toHaveLength(listedCount);
  });

  it('when the list holds an applicant of another organisation, then it is skipped and counted and the preview completes with R0A’s own', async () => {
    const before = Number((await skippedCounts())['skipped|other_organisation'] ?? 0);
    sandboxes.trac.setListMisbehaviour({ otherOrganisationItem: true });

    const preview = await h.waitUntilFinished(await h.start(BODY));

    expect(preview.state).toBe('completed');
    expect(preview.items.map((item) => item.applicantId).sort()).toEqual(
      PREVIEW_DEMO_CASES.filter((demo) => demo.expected)
        .map((demo) => demo.applicantId)
        .sort(),
    );
    const pages = Math.ceil(listedCount / 3);
    expect(Number((await skippedCounts())['skipped|other_organisation'])).toBe(before + pages);
  });
});
