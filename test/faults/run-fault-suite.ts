/**
 * `npm run test:faults`: the full fault run of issue 6 — 1,000 transfers fired as webhooks (20 %
 * duplicates, 5 % naming the wrong organisation) while a worker is SIGKILLed every 3 s, Redis
 * restarts once, ESR fails 20 % of requests and 20 stray jobs are added straight through BullMQ. Prints the report as JSON, then a short table; exits 1 when any assertion failed.
 * Options: `--transfers`, `--duplicate-share`, `--kill-every-ms`, `--esr-failure-share`,
 * `--wrong-organisation-share`, `--stray-jobs`,
 * `--timeout-ms`, `--seed` (the delivery plan), `--output-dir` (every process's output, kept),
 * `--max-stalled-count` (diagnosis: workers with that BullMQ stall limit). See docs/reliability.md.
 */
import { parseArgs } from 'node:util';
import { runFaultSuite, type FaultSuiteReport } from './fault-suite';

function numberOption(value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const parsed = Number(value);
  if (!Number.isFinite(parsed)) throw new Error(`not a number: ${value}`);
  return parsed;
}

function table(report: FaultSuiteReport): string {
  const { deliveries, chaos, transfers, esr, queue, personalData, durationsMs, strayJobs } = report;
  const answers = (counts: Record<string, number>) =>
    Object.entries(counts)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([k, n]) => `${k}: ${n}`)
      .join(', ');
  const rows: [string, string][] = [
    ['result', report.passed ? 'PASSED' : `FAILED (${report.failures.length} assertions)`],
    [
      'machine',
      `${report.machine.cpus} CPUs, ${report.machine.memoryGiB} GiB, Node ${report.machine.node}, redis ${report.machine.redis}`,
    ],
    ['seed', String(report.options.seed)],
    [
      'durations (s)',
      `total ${s(durationsMs.total)}, start-up ${s(durationsMs.startUp)}, chaos ${s(durationsMs.chaos)}, firing ${s(durationsMs.firing)}, settling ${s(durationsMs.settling)}, checks ${s(durationsMs.checks)}`,
    ],
    [
      'deliveries',
      `${deliveries.deliveries} (${answers(deliveries.planned)}), ${deliveries.attempts} attempts, ${deliveries.retried} retried, ${deliveries.unacknowledged.length} never acknowledged`,
    ],
    ['receiver answers', answers(deliveries.answers)],
    [
      'chaos',
      `${chaos.workerKills} worker SIGKILLs (one every ${s(durationsMs.chaos / Math.max(1, chaos.workerKills))} s; ${chaos.workerProcesses} worker processes), ${chaos.redisRestarts} Redis restarts`,
    ],
    [
      'ESR answers',
      `${answers(chaos.esrAnswers)} (${(chaos.esrFailedShare * 100).toFixed(1)} % failed while the faults were on)`,
    ],
    [
      'transfers',
      `${transfers.expected}: ${answers(transfers.byState)}; reasons ${answers(transfers.byReason)}; ${transfers.retriedTransfers} needed > 1 attempt (max ${transfers.maxAttempts})`,
    ],
    [
      'ESR records',
      `${esr.storedRecords} stored / ${esr.expectedRecords} expected, ${esr.keysStoredMoreThanOnce.length} keys stored twice, ${esr.missing.length} missing, ${esr.unexpected.length} unexpected, ${esr.recordPosts} record POSTs`,
    ],
    ['BullMQ jobs', answers(queue)],
    [
      'stray jobs',
      `${strayJobs.added} added through BullMQ, ${strayJobs.refused} refused unrun, ${strayJobs.recordsCreated.length} transfer records created`,
    ],
    [
      'personal data',
      `${personalData.hits.length} hits for ${personalData.tokens} values in ${personalData.redisKeys} Redis keys (${kib(personalData.redisBytes)}) and ${personalData.processes} processes' output (${kib(personalData.logBytes)})`,
    ],
  ];
  const width = Math.max(...rows.map(([label]) => label.length));
  const lines = rows.map(([label, value]) => `${label.padEnd(width)}  ${value}`);
  return [...lines, ...report.failures.map((failure) => `  ✗ ${failure}`)].join('\n');
}

const s = (ms: number) => (ms / 1000).toFixed(1);
const kib = (bytes: number) => `${Math.round(bytes / 1024)} KiB`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
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
    },
  });
  const report = await runFaultSuite({
    transfers: numberOption(values.transfers, 1000),
    duplicateShare: numberOption(values['duplicate-share'], 0.2),
    wrongOrganisationShare: numberOption(values['wrong-organisation-share'], 0.05),
    strayJobs: numberOption(values['stray-jobs'], 20),
    killEveryMs: numberOption(values['kill-every-ms'], 3000),
    esrFailureShare: numberOption(values['esr-failure-share'], 0.2),
    restartRedis: true,
    timeoutMs: numberOption(values['timeout-ms'], 420_000),
    seed: values.seed === undefined ? undefined : numberOption(values.seed, 0),
    outputDir: values['output-dir'],
    maxStalledCount:
      values['max-stalled-count'] === undefined ? undefined : numberOption(values['max-stalled-count'], 3),
    log: (line) => process.stderr.write(`${line}\n`),
  });
  process.stdout.write(`${JSON.stringify(report, null, 2)}\n\n${table(report)}\n`);
  process.exitCode = report.passed ? 0 : 1;
}

main().catch((error: unknown) => {
  process.stderr.write(`fault suite did not run: ${(error as Error).stack ?? String(error)}\n`);
  process.exitCode = 1;
});
