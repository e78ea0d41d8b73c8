/**
 * `npm run bench [-- --transfers 50000 --concurrency 50 --json-only]`: issue 6's benchmark, a
 * measurement, not a test. Starts an embedded Redis (temporary data directory) and the Trac and ESR
 * sandboxes (20 ms latency), then measures in one run:
 *  1. the receiver against a plain `Queue.add` route under autocannon, and valid webhooks' latency
 *     under a flood of 256 KiB posts with bad signatures;
 *  2. a bare loop making a transfer's HTTP calls with no queue (the end-to-end baseline);
 *  3. end to end: N webhooks into the real receiver and worker processes, to the last ESR record;
 *  4. nominal load: a few hundred webhooks a minute, webhook-to-complete latency;
 *  5. the HR side at the peak: pages and a bulk re-queue with 5,000 then 50,000 finished transfers;
 *  6. tracing: two end-to-end pipelines at once, tracing off and on (OTLP to a local receiver);
 *  7. a match preview of 2,000 applicants at the default ESR rate limit (`--phases preview`).
 * Prints JSON, then a short table with each target met or missed. Progress goes to stderr.
 * Everything started is stopped, also on error, on Ctrl-C and after --max-minutes.
 */
import { ADMIN_FAILED, ADMIN_OUTSTANDING, runAdminPhase } from './admin-phase';
import { runBareLoop } from './bare-loop';
import { parseBenchOptions, type BenchOptions, type Phase } from './bench-options';
import { startBenchEnvironment, type BenchEnvironment } from './bench-environment';
import { runEndToEndPhase, startPipeline } from './end-to-end-phase';
import { runFloodPhase } from './flood-phase';
import { describeMachine, type Machine } from './machine';
import { runNominalPhase } from './nominal-phase';
import { runPreviewPhase } from './preview-phase';
import { runReceiverPhase } from './receiver-phase';
import { runTracingPhase } from './tracing-phase';
import { formatReport } from './report-table';
import { createRunScope, type RunScope } from './run-scope';
import { evaluateTargets, type BenchResults } from './targets';

const startedAt = Date.now();
const log = (line: string) =>
  console.error(`bench [${Math.round((Date.now() - startedAt) / 1000)} s] ${line}`);

/** `B-000001`… as generateApplicants() seeds them. */
function applicantIds(first: number, count: number): string[] {
  return Array.from({ length: count }, (_, i) => `B-${String(first + i).padStart(6, '0')}`);
}

interface Plan {
  endToEnd: string[];
  bareLoop: string[];
  nominal: string[];
  tracing: string[];
  admin: string[];
}

/** Sandbox applicants for the webhooks arriving during each run of the admin phase (100 s at 20/s). */
const ADMIN_WEBHOOKS_PER_RUN = 2000;

/** The admin phase's runs: the smaller one (if any), then the larger. */
const adminLevels = (options: BenchOptions) =>
  [options['admin-smaller'], options['admin-transfers']].filter((level) => level > 0);

/** Each phase gets applicants of its own: ESR stores a record once, so none may be reused. */
function planApplicants(options: BenchOptions): Plan {
  const runs = (phase: Phase) => options.phases.includes(phase);
  const endToEnd = runs('e2e') ? options.transfers : 0;
  const bareLoop = runs('bare') ? options['baseline-transfers'] : 0;
  const nominal = runs('nominal')
    ? Math.round((options['nominal-per-minute'] * options['nominal-seconds']) / 60)
    : 0;
  const tracing = runs('tracing') ? options['tracing-transfers'] * options['tracing-pairs'] * 2 : 0;
  const admin = runs('admin') ? ADMIN_WEBHOOKS_PER_RUN * adminLevels(options).length : 0;
  return {
    endToEnd: applicantIds(1, endToEnd),
    bareLoop: applicantIds(endToEnd + 1, bareLoop),
    nominal: applicantIds(endToEnd + bareLoop + 1, nominal),
    tracing: applicantIds(endToEnd + bareLoop + nominal + 1, tracing),
    admin: applicantIds(endToEnd + bareLoop + nominal + tracing + 1, admin),
  };
}

async function runEndToEnd(
  env: BenchEnvironment,
  options: BenchOptions,
  plan: Plan,
  scope: RunScope,
): Promise<Pick<BenchResults, 'endToEnd' | 'nominal'>> {
  if (plan.endToEnd.length + plan.nominal.length === 0) return {};
  const pipeline = await startPipeline(env, options.workers, options.concurrency);
  let endToEnd;
  if (plan.endToEnd.length > 0) {
    log(
      `end to end: ${options.transfers} transfers, ${options.workers} worker(s) × concurrency ${options.concurrency}`,
    );
    endToEnd = await runEndToEndPhase(
      env,
      pipeline,
      { applicantIds: plan.endToEnd, concurrency: options.concurrency, log },
      scope,
    );
  }
  let nominal;
  if (plan.nominal.length > 0) {
    log(`nominal load: ${options['nominal-per-minute']}/min for ${options['nominal-seconds']} s`);
    nominal = await runNominalPhase(
      env,
      pipeline,
      {
        applicantIds: plan.nominal,
        perMinute: options['nominal-per-minute'],
        seconds: options['nominal-seconds'],
      },
      scope,
    );
  }
  // stopped here rather than by the scope, so that CPU profiles (--profile) are written now
  for (const worker of pipeline.workers) await worker.stop();
  await pipeline.receiver.child.stop();
  return { endToEnd, nominal };
}

async function runPhases(
  options: BenchOptions,
  scope: RunScope,
): Promise<{ results: BenchResults; machine: Machine }> {
  const plan = planApplicants(options);
  const seeded =
    plan.endToEnd.length +
    plan.bareLoop.length +
    plan.nominal.length +
    plan.tracing.length +
    plan.admin.length;
  log(`starting Redis and sandboxes (${seeded} applicants, ${options['latency-ms']} ms latency)`);
  const env = await startBenchEnvironment(
    {
      applicants: seeded,
      previewApplicants: options.phases.includes('preview') ? options['preview-applicants'] : 0,
      latencyMs: options['latency-ms'],
      profileDir: options.profile,
    },
    scope,
  );
  const machine = await describeMachine(env.redis);
  const results: BenchResults = {};
  if (options.phases.includes('receiver')) {
    log(
      `receiver: ${options.connections} connections, ${options['receiver-rounds']} rounds of ${options['receiver-seconds']} s each`,
    );
    const run = {
      connections: options.connections,
      seconds: options['receiver-seconds'],
      rounds: options['receiver-rounds'],
      fixedRatePerSecond: options['receiver-rate'],
    };
    results.receiver = await runReceiverPhase(env, run, scope);
  }
  if (options.phases.includes('flood')) {
    const flood = {
      floodPerSecond: options['flood-rate'],
      validPerSecond: options['nominal-per-minute'] / 60,
      seconds: options['flood-seconds'],
    };
    log(
      `bad-signature flood: ${flood.floodPerSecond}/s, valid ${flood.validPerSecond}/s, ${flood.seconds} s each`,
    );
    results.badSignatureFlood = await runFloodPhase(env, flood, scope);
  }
  if (plan.bareLoop.length > 0) {
    log(`bare loop: ${plan.bareLoop.length} transfers, concurrency ${options.concurrency}`);
    results.bareLoop = await runBareLoop({
      tracUrl: env.tracUrl,
      esrUrl: env.esrUrl,
      applicantIds: plan.bareLoop,
      concurrency: options.concurrency,
      signal: scope.signal,
      sandboxPid: env.sandboxPid,
    });
  }
  Object.assign(results, await runEndToEnd(env, options, plan, scope));
  if (plan.admin.length > 0) {
    log(`admin: HR pages with ${adminLevels(options).join(' then ')} finished transfers`);
    results.admin = await runAdminPhase(
      env,
      {
        levels: adminLevels(options),
        failed: ADMIN_FAILED,
        outstanding: ADMIN_OUTSTANDING,
        samples: options['admin-samples'],
        webhooksPerSecond: options['admin-webhooks-per-second'],
        webhookApplicantIds: plan.admin,
        concurrency: options.concurrency,
        log,
      },
      scope,
    );
  }
  if (plan.tracing.length > 0) {
    log(`tracing: ${options['tracing-pairs']} pairs of pipelines, tracing off and on side by side`);
    results.tracing = await runTracingPhase(
      env,
      {
        applicantIds: plan.tracing,
        transfers: options['tracing-transfers'],
        pairs: options['tracing-pairs'],
        workers: options.workers,
        concurrency: options.concurrency,
        log,
      },
      scope,
    );
  }
  if (options.phases.includes('preview')) {
    log(`match preview: ${options['preview-applicants']} applicants at the default ESR rate limit`);
    results.preview = await runPreviewPhase(env, { applicants: options['preview-applicants'], log }, scope);
  }
  return { results, machine };
}

async function main(): Promise<void> {
  const options = parseBenchOptions(process.argv.slice(2));
  const scope = createRunScope(options['max-minutes']);
  try {
    const { results, machine } = await runPhases(options, scope);
    const targets = evaluateTargets(results);
    console.log(JSON.stringify({ machine, options, ...results, targets }, null, 2));
    if (!options['json-only']) console.log(`\n${formatReport(machine, results, targets)}`);
    log('done');
  } catch (error) {
    const reason = scope.signal.aborted ? (scope.signal.reason as Error) : (error as Error);
    console.error(`bench: ${reason.message}`);
    process.exitCode = 1;
  } finally {
    await scope.close();
  }
}

void main();
