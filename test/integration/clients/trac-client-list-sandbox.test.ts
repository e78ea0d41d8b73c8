import { SANDBOX_CREDENTIALS } from '../../../config';
import { PermanentError, RetryableError } from '../../../src/platform/errors';
import { createTracClient, type TracListQuery } from '../../../src/trac/trac-client';
import { withSandboxes } from '../../helpers/sandbox';
import { aListedApplicant } from '../sandbox/trac-list-kit';

const sandboxes = withSandboxes();
const client = () =>
  createTracClient({ baseUrl: sandboxes.tracUrl, ...SANDBOX_CREDENTIALS.trac, timeoutMs: 2000 });
/** An organisation of its own, so the demo seed's applicants are not listed. */
const RX9: TracListQuery = { organisationCode: 'RX9' };

const at = (minute: number) => new Date(Date.parse('2026-06-14T10:00:00Z') + minute * 60_000).toISOString();

beforeAll(() => {
  const statuses = ['Outcome: Recruited', 'Withdrawn', 'OUTCOME - recruited'];
  for (let i = 1; i <= 9; i += 1) {
    const status = statuses[i % 3] ?? 'Withdrawn';
    sandboxes.trac.upsertApplicant(
      aListedApplicant(`X-${i}`, { organisationCode: 'RX9', status, statusChangedAt: at(10 - i) }),
    );
  }
});
beforeEach(() => {
  sandboxes.trac.setListPaging({});
  sandboxes.trac.setListFaults({});
});

async function readAll(query: TracListQuery): Promise<string[]> {
  const ids: string[] = [];
  for await (const item of client().listApplicants(query)) ids.push(item.applicantId);
  return ids;
}

const listCalls = () => sandboxes.trac.requests().filter((r) => r.path.startsWith('/api/v1/applicants?'));

describe('Trac client reading the Trac sandbox’s applicant list', () => {
  it('when pages are short and some empty, then the client reads every matching applicant in order', async () => {
    sandboxes.trac.setListPaging({ maxItemsPerPage: 2, emptyPageEvery: 2 });
    const callsBefore = listCalls().length;

    const ids = await readAll({ ...RX9, statuses: ['outcome recruited'], doctorInTraining: true, limit: 5 });

    expect(ids).toEqual(['X-9', 'X-8', 'X-6', 'X-5', 'X-3', 'X-2']);
    expect(listCalls().length - callsBefore).toBe(5);
  });

  it('when changedSince is given, then only applicants changed at or after it are read', async () => {
    await expect(readAll({ ...RX9, changedSince: new Date(at(7)) })).resolves.toEqual(['X-3', 'X-2', 'X-1']);
  });

  it('when the list fails on page 2, then the client throws retryable after page 1, and a new reading completes', async () => {
    sandboxes.trac.setListFaults({ errorRate: 1, afterRequests: 1 });
    const ids: string[] = [];

    const failed = (async () => {
      for await (const item of client().listApplicants({ ...RX9, limit: 4 })) ids.push(item.applicantId);
    })();

    await expect(failed).rejects.toBeInstanceOf(RetryableError);
    expect(ids).toEqual(['X-9', 'X-8', 'X-7', 'X-6']);
    sandboxes.trac.setListFaults({});
    await expect(readAll({ ...RX9, limit: 4 })).resolves.toHaveLength(9);
  });

  it('when an applicant changes status while the client pages, then it is read once all the same', async () => {
    const ids: string[] = [];

    for await (const item of client().listApplicants({ ...RX9, limit: 3 })) {
      ids.push(item.applicantId);
      if (item.applicantId === 'X-9')
        sandboxes.trac.upsertApplicant(
          aListedApplicant('X-9', { organisationCode: 'RX9', statusChangedAt: at(60) }),
        );
    }

    sandboxes.trac.upsertApplicant(
      aListedApplicant('X-9', { organisationCode: 'RX9', statusChangedAt: at(1) }),
    );
    expect(ids).toEqual(['X-9', 'X-8', 'X-7', 'X-6', 'X-5', 'X-4', 'X-3', 'X-2', 'X-1']);
  });

  it('when the cursor is not one Trac gave, then the sandbox answers invalid_query and the client fails TRAC_REJECTED', async () => {
    const error: unknown = await client()
      .listApplicantsPage(RX9, 'bm90LWEtY3Vyc29y')
      .catch((e: unknown) => e);

    expect(error).toBeInstanceOf(PermanentError);
    expect(error).toMatchObject({
      reason: 'TRAC_REJECTED',
      message: expect.stringContaining('invalid_query') as unknown,
    });
  });
});
