import { runTracListRound, type TracListRoundReport } from '../faults/trac-list-round';

/**
 * The bounded form of the fault suite's Trac list round (`npm run test:faults -- --rounds
 * trac-list`, issue 17): 40 transfers fired as webhooks (20 % duplicates, 5 % more naming the
 * wrong organisation, ESR failing 10 % of requests), the webhooks of 4 R0A transfers and every
 * listable 7A1 one lost; while transfers flow, R0A's list loops on a cursor, then a 5xx comes
 * mid-listing, and R0A's list carries an applicant of 7A1 throughout; a sweep meets each, then one
 * runs after the misbehaviour has ended.
 */
const OPTIONS = {
  transfers: 40,
  duplicateShare: 0.2,
  wrongOrganisationShare: 0.05,
  esrFailureShare: 0.1,
  r0aLost: 4,
  timeoutMs: 60_000,
};

let report: TracListRoundReport;

beforeAll(async () => {
  report = await runTracListRound(OPTIONS);
}, OPTIONS.timeoutMs + 90_000);

afterAll(() => {
  if (!report) return;
  const { durationsMs, sweeps, transfers, esr } = report;
  console.log(
    `trac-list round: ${report.passed ? 'passed' : 'FAILED'} in ${durationsMs.total} ms (seed ${report.options.seed}); ` +
      `sweeps ${JSON.stringify(sweeps)}; ${JSON.stringify(transfers.byState)}; ` +
      `ESR ${esr.storedRecords}/${esr.expectedRecords} records` +
      report.failures.map((failure) => `\n  ✗ ${failure}`).join(''),
  );
});

describe('the connector while Trac’s list misbehaves', () => {
  it('when R0A’s list loops on a cursor, then that sweep ends within seconds, failed, naming R0A alone, and 7A1’s lost transfers are started', () => {
    const { cursorLoop } = report.sweeps;
    expect(report.transfersInFlight).toBeGreaterThan(0);
    expect(cursorLoop).toMatchObject({ outcome: 'failed', failedOrganisations: ['R0A'] });
    expect(report.sweepSeconds.cursorLoop).toBeLessThan(20);
    expect(cursorLoop?.started).toBeGreaterThanOrEqual(report.lost.byOrganisation['7A1'] ?? 1);
  });

  it('when Trac answers 5xx mid-listing, then that sweep ends failed naming R0A, and the watermark stays where it was', () => {
    expect(report.sweeps.serverErrorMidListing?.outcome).toBe('failed');
    expect(report.sweeps.serverErrorMidListing?.failedOrganisations).toContain('R0A');
    expect(report.watermarks).toMatchObject({ cursorLoop: null, serverErrorMidListing: null });
  });

  it('when R0A’s list carries an applicant of 7A1, then the item is skipped and counted, never started under R0A, and no sweep fails for it', () => {
    expect(report.skippedItems.other_organisation).toBeGreaterThan(0);
    expect(report.sweeps.after).toMatchObject({ outcome: 'completed', failedOrganisations: [] });
  });

  it('when the misbehaviour has ended, then the next sweep starts what was missed: every lost transfer was started by a sweep, once', () => {
    const { cursorLoop, serverErrorMidListing, after } = report.sweeps;
    const started = [cursorLoop, serverErrorMidListing, after].map((sweep) => sweep?.started ?? 0);
    expect(after?.started).toBeGreaterThan(0);
    expect(started.reduce((a, b) => a + b, 0)).toBe(report.lost.transfers.length);
    expect(report.watermarks.after).not.toBeNull();
  });

  it('when it is all over, then every transfer ends as the contract prescribes and ESR holds every expected record exactly once', () => {
    expect(report.transfers.mismatches).toEqual([]);
    expect(report.esr.missing).toEqual([]);
    expect(report.esr.unexpected).toEqual([]);
    expect(report.esr.keysStoredMoreThanOnce).toEqual([]);
    expect(report.esr.storedRecords).toBe(report.esr.expectedRecords);
  });

  it('when it is all over, then no job is left unfinished and no personal data is in Redis or any process output', () => {
    const { active, waiting, delayed } = report.queue;
    expect({ active, waiting, delayed }).toEqual({ active: 0, waiting: 0, delayed: 0 });
    expect(report.personalData.hits).toEqual([]);
  });

  it('when every check is done, then the report has no failure left unexplained by the tests above', () => {
    expect(report.failures).toEqual([]);
  });
});
