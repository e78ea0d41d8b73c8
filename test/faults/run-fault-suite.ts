/**
 * `npm run test:faults`: the fault suite, in rounds (`--rounds chaos,failover,trac-list`, the
 * default; any of them alone). The chaos round is the full fault run of issue 6 — 1,000
 * transfers fired as webhooks (20 % duplicates, 5 % naming the wrong organisation) while a worker
 * is SIGKILLed every 3 s, Redis restarts once, ESR fails 20 % of requests and 20 stray jobs are
 * added straight through BullMQ.
 * The failover round (issue 11) fires the same plan at two receivers and two workers on Redis
 * Sentinel, SIGKILLs the master mid-flood twice (`--failovers 2`, failing back to the restarted
 * node; `--failovers 1`: once), then asks for a sweep (test/faults/failover-round.ts).
 * The Trac list round (issue 17) fires the plan with some webhooks lost for good and, while
 * transfers flow, makes Trac's list loop on a cursor for R0A, then answer 5xx mid-listing, with an
 * applicant of 7A1 in R0A's list throughout; a sweep meets each, then one runs after it is over
 * (test/faults/trac-list-round.ts).
 * Prints the reports as one JSON object keyed by round, then a short table per round; exits 1 when
 * any assertion of any round failed.
 * Options: `--transfers`, `--duplicate-share`, `--esr-failure-share`, `--wrong-organisation-share`,
 * `--timeout-ms`, `--seed` (the delivery plan), `--output-dir` (every process's output, kept) for
 * both rounds; `--kill-every-ms`, `--stray-jobs`, `--max-stalled-count` (diagnosis: workers with
 * that BullMQ stall limit) for the chaos round; `--failovers`, `--receivers`, `--lost-write-window-ms` (the
 * replication lag at each crash) for the failover round; `--r0a-lost` (R0A transfers whose webhooks
 * are all lost) for the Trac list round. See docs/reliability.md.
 */
import { parseArgs } from 'node:util';
import { runFaultSuite, type FaultSuiteReport } from './fault-suite';
import { runFailoverRound, type FailoverRoundReport } from './failover-round';
import { failoverTable } from './failover-report';
import { runTracListRound, type TracListRoundReport } from './trac-list-round';
import { tracListTable } from './trac-list-report';
import { countsText, roundTable, seconds as s } from './fault-report';

function numberOption(value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const parsed = Number(value);
  if (!Number.isFinite(parsed)) throw new Error(`not a number: ${value}`);
  return parsed;
}

function table(report: FaultSuiteReport): string {
  const { deliveries, chaos, transfers, esr, queue, personalData, durationsMs, strayJobs } = report;
  return roundTable(report, [
    [
      'durations (s)',
      `total ${s(durationsMs.total)}, start-up ${s(durationsMs.startUp)}, chaos ${s(durationsMs.chaos)}, firing ${s(durationsMs.firing)}, settling ${s(durationsMs.settling)}, checks ${s(durationsMs.checks)}`,
    ],
    [
      'deliveries',
      `${deliveries.deliveries} (${countsText(deliveries.planned)}), ${deliveries.attempts} attempts, ${deliveries.retried} retried, ${deliveries.unacknowledged.length} never acknowledged`,
    ],
    ['receiver answers', countsText(deliveries.answers)],
    [
      'chaos',
      `${chaos.workerKills} worker SIGKILLs (one every ${s(durationsMs.chaos / Math.max(1, chaos.workerKills))} s; ${chaos.workerProcesses} worker processes), ${chaos.redisRestarts} Redis restarts`,
    ],
    [
      'ESR answers',
      `${countsText(chaos.esrAnswers)} (${(chaos.esrFailedShare * 100).toFixed(1)} % failed while the faults were on)`,
    ],
    [
      'transfers',
      `${transfers.expected}: ${countsText(transfers.byState)}; reasons ${countsText(transfers.byReason)}; ${transfers.retriedTransfers} needed > 1 attempt (max ${transfers.maxAttempts})`,
    ],
    [
      'ESR records',
      `${esr.storedRecords} stored / ${esr.expectedRecords} expected, ${esr.keysStoredMoreThanOnce.length} keys stored twice, ${esr.missing.length} missing, ${esr.unexpected.length} unexpected, ${esr.recordPosts} record POSTs`,
    ],
    ['BullMQ jobs', countsText(queue)],
    [
      'stray jobs',
      `${strayJobs.added} added through BullMQ, ${strayJobs.refused} refused unrun, ${strayJobs.recordsCreated.length} transfer records created`,
    ],
    [
      'personal data',
      `${personalData.hits.length} hits for ${personalData.tokens} values in ${personalData.redisKeys} Redis keys (${kib(personalData.redisBytes)}) and ${personalData.processes} processes' output (${kib(personalData.logBytes)})`,
    ],
  ]);
}

const kib = (bytes: number) => `${Math.round(bytes / 1024)} KiB`;

const ROUNDS = ['chaos', 'failover', 'trac-list'] as const;
type Round = (typeof ROUNDS)[number];

function roundsOption(value: string | undefined): Round[] {
  const names = (value ?? ROUNDS.join(',')).split(',').map((name) => name.trim());
  const unknown = names.filter((name) => !(ROUNDS as readonly string[]).includes(name));
  if (unknown.length > 0)
    throw new Error(`unknown rounds: ${unknown.join(', ')} (known: ${ROUNDS.join(', ')})`);
  return ROUNDS.filter((round) => names.includes(round));
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      rounds: { type: 'string' },
      transfers: { type: 'string' },
      'kill-every-ms': { type: 'string' },
      'timeout-ms': { type: 'string' },
      'esr-failure-share': { type: 'string' },
      'duplicate-share': { type: 'string' },
      'wrong-organisation-share': { type: 'string' },
      'stray-jobs': { type: 'string' },
      seed: { type: 'string' },
      'output-dir': { type: 'string' },
      'max-stalled-count': { type: 'string' },
      failovers: { type: 'string' },
      receivers: { type: 'string' },
      'lost-write-window-ms': { type: 'string' },
      'r0a-lost': { type: 'string' },
    },
  });
  const rounds = roundsOption(values.rounds);
  const log = (line: string) => process.stderr.write(`${line}\n`);
  const shared = {
    transfers: numberOption(values.transfers, 1000),
    duplicateShare: numberOption(values['duplicate-share'], 0.2),
    wrongOrganisationShare: numberOption(values['wrong-organisation-share'], 0.05),
    esrFailureShare: numberOption(values['esr-failure-share'], 0.2),
    timeoutMs: numberOption(values['timeout-ms'], 420_000),
    seed: values.seed === undefined ? undefined : numberOption(values.seed, 0),
    outputDir: values['output-dir'],
    log,
  };
  const reports: Partial<Record<Round, FaultSuiteReport | FailoverRoundReport | TracListRoundReport>> = {};
  const tables: string[] = [];
  if (rounds.includes('chaos')) {
    const report = await runFaultSuite({
      ...shared,
      strayJobs: numberOption(values['stray-jobs'], 20),
      killEveryMs: numberOption(values['kill-every-ms'], 3000),
      restartRedis: true,
      maxStalledCount:
        values['max-stalled-count'] === undefined ? undefined : numberOption(values['max-stalled-count'], 3),
    });
    reports.chaos = report;
    tables.push(`round: chaos\n${table(report)}`);
  }
  if (rounds.includes('failover')) {
    const failovers = numberOption(values.failovers, 2);
    if (failovers !== 1 && failovers !== 2) throw new Error('--failovers must be 1 or 2');
    const report = await runFailoverRound({
      ...shared,
      failovers,
      receivers: numberOption(values.receivers, 2),
      lostWriteWindowMs: numberOption(values['lost-write-window-ms'], 0),
    });
    reports.failover = report;
    tables.push(`round: failover\n${failoverTable(report)}`);
  }
  if (rounds.includes('trac-list')) {
    const report = await runTracListRound({ ...shared, r0aLost: numberOption(values['r0a-lost'], 4) });
    reports['trac-list'] = report;
    tables.push(`round: trac-list\n${tracListTable(report)}`);
  }
  process.stdout.write(`${JSON.stringify(reports, null, 2)}\n\n${tables.join('\n\n')}\n`);
  process.exitCode = Object.values(reports).every((report) => report.passed) ? 0 : 1;
}

main().catch((error: unknown) => {
  process.stderr.write(`fault suite did not run: ${(error as Error).stack ?? String(error)}\n`);
  process.exitCode = 1;
});
