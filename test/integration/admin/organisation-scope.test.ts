import request from 'supertest';
import { asCaller, type Credentials } from '../../helpers/admin';
import {
  adminOperations,
  casesOf,
  leaksOf,
  replaced,
  send,
  type Answer,
  type Case,
  type OpenApiDocument,
} from './organisation-scope-kit';
import {
  ALL,
  HR_R0A,
  NAME_7A1,
  stateOf7A1,
  SUPPORT_R0A,
  withTwoOrganisations,
} from './organisation-scope-seeds';

const seeded = withTwoOrganisations();
const { t, s7a1, missing } = seeded;
let doc: OpenApiDocument;

beforeAll(async () => {
  doc = (await request(t.server).get('/openapi.json')).body as OpenApiDocument;
});

/**
 * Whether an operation concerns the caller's organisations (`own`: answered for theirs only) or
 * every organisation at once (`every`: only for those acting for all). Every admin operation of the
 * OpenAPI document must be here: a new endpoint without an entry fails the test below.
 */
const SPANS = new Map<string, 'own' | 'every'>([
  ['get /admin', 'own'],
  ['get /admin/transfers', 'own'],
  ['post /admin/transfers', 'own'],
  ['get /admin/transfers/{transferId}', 'own'],
  ['post /admin/transfers/{transferId}/retry', 'own'],
  ['post /admin/transfers/{transferId}/send-outstanding', 'own'],
  ['post /admin/transfers/retry', 'own'],
  ['get /admin/search', 'own'],
  ['get /admin/audit', 'own'],
  ['post /admin/digest', 'own'],
  ['get /admin/reconciliation', 'own'],
  ['post /admin/reconciliation', 'every'],
  ['get /admin/queues', 'every'],
  ['post /admin/match-previews', 'own'],
  ['get /admin/match-previews', 'own'],
  ['get /admin/match-previews/{previewId}', 'own'],
  ['get /admin/match-previews/{previewId}.csv', 'own'],
]);

/** The twin answer, with what it named put back as 7A1's: equal when 7A1's data is as if it did not exist. */
function asIfMissing(answer: Answer): string {
  const pairs = [
    ...missing.transfers.map((id, i) => [id, s7a1.transfers[i] ?? ''] as const),
    ...missing.applicants.map((id, i) => [id, s7a1.applicants[i] ?? ''] as const),
    ...missing.previews.map((id, i) => [id, s7a1.previews[i] ?? ''] as const),
    [missing.code, s7a1.code] as const,
  ];
  return `${answer.status} ${replaced(answer.text, pairs)}`;
}

async function expectNothingOf7A1(caller: Credentials, c: Case, twin: Case): Promise<void> {
  const span = SPANS.get(c.operation);
  const before = await stateOf7A1(seeded);
  const answer = await send(t, caller, c);
  const label = `${caller.user} ${c.method.toUpperCase()} ${c.path} ${JSON.stringify(c.body ?? '')}${c.html ? ' (browser)' : ''}`;
  const refusedWrite = c.method === 'post' && caller === SUPPORT_R0A;
  if (span === 'every') {
    expect({ label, status: answer.status }).toEqual({ label, status: 403 });
    if (!refusedWrite)
      expect({ label, body: answer.body }).toEqual({ label, body: { error: 'organisation_not_permitted' } });
  } else if (refusedWrite) {
    expect({ label, status: answer.status }).toEqual({ label, status: 403 });
  } else if (c.names === 'path') {
    expect({ label, status: answer.status }).toEqual({ label, status: 404 });
  } else if (c.names === 'organisation' && c.method === 'post') {
    expect({ label, body: answer.body }).toEqual({ label, body: { error: 'organisation_not_permitted' } });
  }
  if (c.names === 'nothing') {
    expect({ label, leaks: leaksOf(answer.text, s7a1, NAME_7A1) }).toEqual({ label, leaks: [] });
  } else {
    const other = await send(t, caller, twin);
    expect({ label, leaks: leaksOf(other.text, s7a1, NAME_7A1, false) }).toEqual({
      label,
      leaks: [],
    });
    expect({ label, answer: `${answer.status} ${answer.text}` }).toEqual({
      label,
      answer: asIfMissing(other),
    });
  }
  expect({ label, state: await stateOf7A1(seeded) }).toEqual({ label, state: before });
}

describe('organisation scope on every admin endpoint of the OpenAPI description', () => {
  it('when the description is read, then every admin operation has a case strategy', () => {
    const operations = adminOperations(doc);

    expect(operations.length).toBeGreaterThan(10);
    expect(operations.filter(({ key }) => !SPANS.has(key)).map(({ key }) => key)).toEqual([]);
    for (const { key, operation } of operations)
      expect(casesOf(key, operation, s7a1).length).toBeGreaterThan(0);
  });

  it('when someone acting for all organisations asks, then they see 7A1 (the cases below could fail)', async () => {
    const all = await asCaller(t, ALL).get('/admin/transfers');
    const preview = await asCaller(t, ALL).get(`/admin/match-previews/${s7a1.previews[0]}`);

    expect(leaksOf(all.text, s7a1, NAME_7A1).length).toBeGreaterThan(0);
    expect(preview.status).toBe(200);
  });

  for (const caller of [HR_R0A, SUPPORT_R0A]) {
    it(`when ${caller.user} (acting for R0A only) calls every admin operation naming 7A1's data or nothing, then nothing of 7A1's is read, counted or changed`, async () => {
      for (const { key, operation } of adminOperations(doc)) {
        const cases = casesOf(key, operation, s7a1);
        const twins = casesOf(key, operation, missing);
        for (const [i, c] of cases.entries()) await expectNothingOf7A1(caller, c, twins[i]!);
      }
    }, 240_000);
  }
});
