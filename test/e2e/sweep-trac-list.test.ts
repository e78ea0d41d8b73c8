import type { StartedSandboxes } from '../../sandbox';
import { WATERMARK_OVERLAP_MS } from '../../src/transfer/sweep';
import { eventually } from '../helpers/admin';
import {
  aStatusChangeWithoutWebhook,
  aSweepHarness,
  withASandboxPerTest,
  type SweepHarness,
} from '../helpers/sweeps';

/**
 * Issue 17, items 2 and 3: a Trac list that misbehaves for one organisation. A cursor loop used to
 * hold the sweep for ever (every later sweep waiting behind it), and an item of another
 * organisation failed the sweep for good, so that no organisation after it was ever listed. Now
 * that organisation's listing ends as failed or the item is skipped, and every other organisation
 * is listed and started.
 */
describe('sweeps when Trac’s list misbehaves for one organisation', () => {
  let sandboxes: StartedSandboxes;
  let h: SweepHarness;
  withASandboxPerTest(
    (started) => (sandboxes = started),
    () => h,
  );

  it('when R0A’s list repeats its cursor, then R0A’s listing ends failed, 7A1 is listed and started, the sweep ends failed naming R0A with the watermark kept, and its retry completes once the list ends again', async () => {
    h = aSweepHarness(sandboxes);
    for (const id of ['A-100234', 'A-100304', 'A-100306']) aStatusChangeWithoutWebhook(sandboxes, id); // R0A
    aStatusChangeWithoutWebhook(sandboxes, 'A-100235'); // 7A1
    sandboxes.trac.setListPaging({ maxItemsPerPage: 1 });
    // R0A's page 2 sends the reader back to page 2, for ever
    sandboxes.trac.setListMisbehaviour({ cursorLoopFromPage: 2, organisationCode: 'R0A' });
    h.startSweeper();
    // the retry waits long enough for the test to see the failed attempt and end the loop first
    const jobId = await h.sweepNow({ attempts: 2, delayMs: 3000 });

    await eventually(async () => (await h.log.latest())[0]?.outcome === 'failed');
    sandboxes.trac.setListMisbehaviour({});
    const [failed] = await h.log.latest();
    // R0A's two pages read before the loop showed, and 7A1's applicant, are listed and started
    expect(failed).toMatchObject({ outcome: 'failed', failedOrganisations: ['R0A'], listed: 3, started: 3 });
    expect(await h.log.watermark()).toBeUndefined();
    expect(
      h.logs.filter(
        (line) => line.includes('"organisationCode":"R0A"') && line.includes('trac_list_did_not_end'),
      ),
    ).toHaveLength(1);
    expect(await h.transfers.waitUntilFinished('7A1-A-100235')).toMatchObject({
      state: 'completed',
      trigger: 'reconciliation',
    });

    expect(await h.settled(jobId)).toBe('completed');
    const [retry] = await h.log.latest();
    expect(retry).toMatchObject({ outcome: 'completed', failedOrganisations: [], listed: 4, started: 1 });
    expect((await h.log.watermark())?.getTime()).toBe(
      Date.parse(retry?.startedAt ?? '') - WATERMARK_OVERLAP_MS,
    );
    expect(await h.transfers.waitUntilFinished('R0A-A-100306')).toMatchObject({ trigger: 'reconciliation' });
  });

  it('when R0A’s list repeats its cursor for good, then the next sweep asked for still runs (and ends the same way)', async () => {
    h = aSweepHarness(sandboxes);
    for (const id of ['A-100234', 'A-100304', 'A-100306']) aStatusChangeWithoutWebhook(sandboxes, id);
    sandboxes.trac.setListPaging({ maxItemsPerPage: 1 });
    sandboxes.trac.setListMisbehaviour({ cursorLoopFromPage: 2 });
    h.startSweeper();

    const first = await h.settled(await h.sweepNow({ attempts: 1, delayMs: 100 }));
    const second = await h.settled(await h.sweepNow({ attempts: 1, delayMs: 100 }));

    expect([first, second]).toEqual(['failed', 'failed']);
    expect((await h.log.latest()).map((sweep) => sweep.failedOrganisations)).toEqual([['R0A'], ['R0A']]);
  });

  it('when R0A’s list holds an applicant of 7A1, then the item is skipped and counted, never started under R0A, and the sweep completes with 7A1 listed', async () => {
    h = aSweepHarness(sandboxes);
    aStatusChangeWithoutWebhook(sandboxes, 'A-100234'); // R0A
    aStatusChangeWithoutWebhook(sandboxes, 'A-100235'); // 7A1: also the item R0A's list carries
    sandboxes.trac.setListMisbehaviour({ otherOrganisationItem: true, organisationCode: 'R0A' });
    h.startSweeper();

    expect(await h.settled(await h.sweepNow())).toBe('completed');

    expect(await h.log.latest()).toEqual([
      expect.objectContaining({ outcome: 'completed', failedOrganisations: [], listed: 2, started: 2 }),
    ]);
    expect(await h.transfers.store.get('R0A-A-100235')).toBeUndefined();
    expect(await h.transfers.waitUntilFinished('7A1-A-100235')).toMatchObject({
      state: 'completed',
      trigger: 'reconciliation',
    });
    expect(await h.transfers.waitUntilFinished('R0A-A-100234')).toMatchObject({ state: 'completed' });
    expect(await h.redis.hgetall(`${h.prefix}:metrics:trac-list`)).toEqual({
      'skipped|other_organisation': '1',
    });
  });
});
