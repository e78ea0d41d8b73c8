import { PREVIEW_DEMO_CASES, PREVIEW_SEED, PREVIEW_STATUS, type SandboxSeed } from '../../../sandbox';
import type { Preview } from '../../../src/preview/preview';
import { asCaller, bodyOf, HR_ADMIN, itemsOf, SUPPORT } from '../../helpers/admin';
import { withPreviewHarness } from '../../helpers/preview';
import { withSandboxes } from '../../helpers/sandbox';

const sandboxes = withSandboxes({ seed: PREVIEW_SEED });
const h = withPreviewHarness(() => ({ tracUrl: sandboxes.tracUrl, esrUrl: sandboxes.esrUrl }));
const listed = PREVIEW_DEMO_CASES.filter((demo) => demo.expected);
const DAY_SECONDS = 24 * 60 * 60;

let preview: Preview;
beforeAll(async () => {
  // short pages, and an empty one now and then, while more follow (trac.md)
  sandboxes.trac.setListPaging({ maxItemsPerPage: 2, emptyPageEvery: 3 });
  preview = await h.waitUntilFinished(await h.start({ organisationCode: 'R0A', statuses: [PREVIEW_STATUS] }));
});

/** Every name and birth date of the seed, in the spellings Trac and ESR hold them. */
function personalValues(seed: SandboxSeed): string[] {
  return [
    ...seed.trac.applicants.flatMap(({ applicant: { person } }) => [
      person.forename,
      person.surname,
      person.dateOfBirth,
    ]),
    ...seed.esr.applicants.flatMap((esr) => [esr.firstName, esr.lastName, esr.dateOfBirth]),
  ];
}

describe('a match preview of the seeded applicants', () => {
  it('when it completes, then every listed doctor in training is checked across short pages, and no one else', () => {
    expect(preview.state).toBe('completed');
    expect(preview.progress).toEqual({ listed: listed.length, checked: listed.length });
    expect(preview.items.map((item) => item.applicantId)).toEqual(listed.map((demo) => demo.applicantId));
    expect(preview.finishedAt).not.toBeNull();
    const listRequests = sandboxes.trac.requests().filter((r) => r.path.startsWith('/api/v1/applicants?'));
    expect(listRequests.length).toBeGreaterThanOrEqual(Math.ceil(listed.length / 2) + 1);
  });

  it.each(listed.map((demo) => [demo.applicantId, demo.case, demo] as const))(
    'when %s (%s) is classified, then its result, hints and ESR ids are the contract’s',
    (applicantId, _case, demo) => {
      const item = preview.items.find((i) => i.applicantId === applicantId);
      expect(item).toEqual({ applicantId, ...demo.expected });
    },
  );

  it('when the counts are read, then they add up the results', () => {
    expect(preview.counts).toEqual({ MATCHED: 1, NO_ESR_MATCH: 7, AMBIGUOUS_ESR_MATCH: 1 });
  });

  it('when the preview ran, then ESR received no write at all', () => {
    expect(sandboxes.esr.requests()).toEqual([]);
  });

  it('when every Redis key and value of the prefix is scanned, then no name or date of birth is there', async () => {
    const keys = await h.t.redis.keys(`${h.t.prefix}:*`);
    expect(keys.some((key) => key.includes('preview'))).toBe(true);
    const dump: string[] = [...keys];
    for (const key of keys) {
      const type = await h.t.redis.type(key);
      if (type === 'string') dump.push((await h.t.redis.get(key)) ?? '');
      if (type === 'hash') dump.push(...Object.entries(await h.t.redis.hgetall(key)).flat());
      if (type === 'list') dump.push(...(await h.t.redis.lrange(key, 0, -1)));
      if (type === 'set') dump.push(...(await h.t.redis.smembers(key)));
      if (type === 'zset') dump.push(...(await h.t.redis.zrange(key, 0, -1)));
      if (type === 'stream') dump.push(JSON.stringify(await h.t.redis.xrange(key, '-', '+')));
    }
    const text = dump.join('\n').toLowerCase();
    for (const value of personalValues(PREVIEW_SEED)) expect(text).not.toContain(value.toLowerCase());
  });

  it('when its keys are read, then each expires within 7 days', async () => {
    const keys = [
      `${h.t.prefix}:preview:${preview.previewId}`,
      `${h.t.prefix}:preview:${preview.previewId}:items`,
      `${h.t.prefix}:previews`,
    ];
    for (const key of keys) {
      const ttl = await h.t.redis.ttl(key);
      expect(ttl).toBeGreaterThan(7 * DAY_SECONDS - 60);
      expect(ttl).toBeLessThanOrEqual(7 * DAY_SECONDS);
    }
  });

  it('when the CSV is downloaded, then it has the header and one row per applicant, hints and ids joined by ;', async () => {
    const answer = await asCaller(h.t, SUPPORT).get(`/admin/match-previews/${preview.previewId}.csv`);

    expect(answer.status).toBe(200);
    expect(answer.headers['content-type']).toMatch(/^text\/csv/);
    const [header, ...rows] = answer.text.trimEnd().split('\n');
    expect(header).toBe('applicantId,result,hints,esrApplicantIds');
    expect(rows).toHaveLength(listed.length);
    expect(rows).toContain('A-100408,NO_ESR_MATCH,CLOSED_RECORD_ONLY;OTHER_RECORD_ORIGIN,4418408');
    expect(rows).toContain('A-100407,AMBIGUOUS_ESR_MATCH,SEVERAL_ACTIVE_RECORDS,4418407;4418417');
    expect(rows).toContain('A-100401,NO_ESR_MATCH,NO_CANDIDATE,');
  });

  it('when the start was audited, then the entry names the HR admin, the action, the preview and 202', async () => {
    const audit = itemsOf<{ user: string; action: string; target: string; result: string }>(
      await asCaller(h.t, HR_ADMIN).get('/admin/audit'),
    );
    expect(audit).toContainEqual(
      expect.objectContaining({
        user: HR_ADMIN.user,
        action: 'match-preview',
        target: `match preview of R0A: ${preview.previewId}`,
        result: '202',
      }),
    );
  });

  it('when previews are listed, then the newest comes first, without items', async () => {
    const second = await h.start({ organisationCode: 'R0A', statuses: ['No such status'] });
    await h.waitUntilFinished(second);

    const items = itemsOf<Record<string, unknown>>(await asCaller(h.t, SUPPORT).get('/admin/match-previews'));

    expect(items.map((item) => item.previewId)).toEqual([second, preview.previewId]);
    expect(items[0]).toMatchObject({ state: 'completed', progress: { listed: 0, checked: 0 } });
    for (const item of items) expect(item).not.toHaveProperty('items');
  });

  it('when a preview that does not exist is read, then 404, for JSON and CSV', async () => {
    const json = await asCaller(h.t, SUPPORT).get('/admin/match-previews/pv_000000000000000000000000');
    const csv = await asCaller(h.t, SUPPORT).get('/admin/match-previews/pv_000000000000000000000000.csv');
    expect([json.status, csv.status]).toEqual([404, 404]);
    expect(bodyOf(json)).toEqual({ error: 'not_found' });
  });
});
