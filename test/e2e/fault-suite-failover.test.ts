import { DEMO_APPLICANTS } from '../../sandbox';
import { runFailoverRound, type FailoverRoundReport } from '../faults/failover-round';
import { sentinelHookTimeout } from '../helpers/redis-sentinel-cluster';

/**
 * The bounded form of the fault suite's failover round (`npm run test:faults -- --rounds failover`,
 * issue 11): 60 transfers fired as webhooks at two receivers, 20 % duplicates, 5 % more naming the
 * wrong organisation, ESR failing 10 % of requests; two workers; Redis Sentinel's master SIGKILLed
 * mid-flood, the killed node restarted and, once it is a replica, the master SIGKILLed again so
 * that the sentinels fail back to it; then a sweep through the admin API.
 */
const OPTIONS = {
  transfers: 60,
  duplicateShare: 0.2,
  wrongOrganisationShare: 0.05,
  esrFailureShare: 0.1,
  failovers: 2 as const,
  receivers: 2,
  timeoutMs: 90_000,
};

const FAILING = DEMO_APPLICANTS.filter((demo) => demo.expected.state === 'failed').length;
const WRONG_ORGANISATION = Math.round(OPTIONS.wrongOrganisationShare * OPTIONS.transfers);

let report: FailoverRoundReport;

beforeAll(
  async () => {
    report = await runFailoverRound(OPTIONS);
  },
  sentinelHookTimeout(OPTIONS.timeoutMs + 20_000),
);

afterAll(() => {
  if (!report) return;
  const { durationsMs, failovers, transfers, esr, reconciliation } = report;
  console.log(
    `failover round: ${report.passed ? 'passed' : 'FAILED'} in ${durationsMs.total} ms (seed ${report.options.seed}); ` +
      `failovers ${failovers.map((f) => `${f.killedPort}→${f.newMasterPort} ${f.electedMs} ms`).join(', ')}; ` +
      `${JSON.stringify(transfers.byState)}; ESR ${esr.storedRecords}/${esr.expectedRecords} records; ` +
      `sweep started ${reconciliation.sweep?.started ?? 'none'}` +
      report.failures.map((failure) => `\n  ✗ ${failure}`).join(''),
  );
});

describe('the connector through two Redis Sentinel failovers mid-flood', () => {
  it('when the master is SIGKILLed twice, then the sentinels promote the replica, then fail back to the restarted node', () => {
    const [first, second] = report.failovers;
    expect(report.failovers).toHaveLength(2);
    expect(first?.newMasterPort).not.toBe(first?.killedPort);
    expect(second?.killedPort).toBe(first?.newMasterPort);
    expect(second?.newMasterPort).toBe(first?.killedPort);
  });

  it('when the masters die, then no connector process restarts and every one reconnects on its own', () => {
    expect(report.processes).toMatchObject({ receivers: 2, workers: 2, restarts: [] });
    expect(Object.values(report.processes.reconnects).every((n) => n >= 1)).toBe(true);
  });

  it('when webhooks keep coming during the failovers, then each is answered 503 while Redis is away and finally acknowledged', () => {
    const { answers, settledBy, unacknowledged } = report.deliveries;
    // one expectation, so that a failure shows every answer and how each delivery settled
    expect({
      unacknowledged,
      otherAnswers: Object.keys(answers).filter(
        (a) => !/^(202 queued|200 duplicate|200 ignored|503 )/.test(a),
      ),
      some503: Object.keys(answers).some((answer) => answer.startsWith('503')),
      ignoredOtherwise: Object.keys(settledBy).filter(
        (k) => k.startsWith('ignored') && k !== 'ignored: 200 ignored',
      ),
      answers,
      settledBy,
    }).toEqual({
      unacknowledged: [],
      otherAnswers: [],
      some503: true,
      ignoredOtherwise: [],
      answers,
      settledBy,
    });
  });

  it('when the flood has settled, then a sweep asked for through the admin API completes and starts exactly the transfers lost with the old master', () => {
    const { sweep, notFinalBeforeSweep, beyondSweep } = report.reconciliation;
    expect(sweep?.outcome).toBe('completed');
    expect(sweep?.listed).toBeGreaterThan(0);
    expect(sweep?.started).toBe(notFinalBeforeSweep.length - beyondSweep.length);
  });

  it('when it is all over, then every transfer ends as the contract prescribes', () => {
    // lost with their claim and never listed by Trac: left out of the checks, by planned state
    const beyond = (state: string) =>
      report.reconciliation.beyondSweep.filter((lost) => lost.expected === state).length;
    expect(report.transfers.mismatches).toEqual([]);
    expect(report.transfers.byState).toEqual({
      completed: OPTIONS.transfers - FAILING - beyond('completed'),
      failed: FAILING + WRONG_ORGANISATION - beyond('failed'),
    });
  });

  it('when it is all over, then ESR holds every expected record exactly once and none for anyone else', () => {
    expect(report.esr.missing).toEqual([]);
    expect(report.esr.unexpected).toEqual([]);
    expect(report.esr.keysStoredMoreThanOnce).toEqual([]);
    expect(report.esr.recordsForApplicantsWithoutTransfer).toBe(0);
    expect(report.esr.storedRecords).toBe(report.esr.expectedRecords);
  });

  it('when it is all over, then no job is left unfinished and each transfer has one finished job, unless a failover lost it', () => {
    const { active, waiting, delayed, completed = 0, failed = 0, jobLost = 0 } = report.queue;
    expect({ active, waiting, delayed }).toEqual({ active: 0, waiting: 0, delayed: 0 });
    // a job lost with the old master while its worker ran on: the transfer still ended as planned
    expect(completed + failed + jobLost).toBe(report.transfers.expected);
  });

  it('when it is all over, then no personal data is in Redis or any process output', () => {
    expect(report.personalData.redisKeys).toBeGreaterThan(0);
    expect(report.personalData.logBytes).toBeGreaterThan(0);
    expect(report.personalData.hits).toEqual([]);
  });

  it('when every check is done, then the report has no failure left unexplained by the tests above', () => {
    expect(report.failures).toEqual([]);
  });
});
