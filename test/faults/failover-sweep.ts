import { SweepStatusSchema } from '../../src/admin/sweeps/sweep-operations';
import type { TransferQueue } from '../../src/store/transfer-queue';
import { TunableEnvSchema } from '../../config/env-schema';
import { ORPHANED_CLAIM_AGE_MS } from '../../src/transfer/start-transfer';
import { isTriggerStatus } from '../../src/transfer/trigger-status';
import type { SweepRecord } from '../../src/transfer/sweep';
import type { TransferStore } from '../../src/transfer/transfer';
import type { TransferPlan } from './fault-plan';
import { waitUntilSettled } from './settle';

/** The suite's HR admin (`ADMIN_USERS` of the connector's environment, test/faults/fault-suite.ts). */
const ADMIN_AUTHORIZATION = `Basic ${Buffer.from('hr-admin:fault-suite-admin').toString('base64')}`;
const POLL_MS = 250;

/** What asking for a sweep gave: the receiver's answers, and the attempt that ran. */
export interface SweepRun {
  /** `POST /admin/reconciliation` answers, e.g. `202`, `503` (Redis away: asked again). */
  answers: number[];
  /** The sweep attempt that started after the request, as `GET /admin/reconciliation` shows it. */
  sweep?: SweepRecord;
  /** Why no completed attempt was seen. */
  error?: string;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function latestSweepSince(baseUrl: string, since: number): Promise<SweepRecord | undefined> {
  const answer = await fetch(`${baseUrl}/admin/reconciliation`, {
    headers: { authorization: ADMIN_AUTHORIZATION },
    signal: AbortSignal.timeout(5000),
  });
  if (answer.status !== 200) return undefined;
  const status = SweepStatusSchema.parse(await answer.json());
  return status.sweeps.find((sweep) => Date.parse(sweep.startedAt) >= since);
}

/**
 * Asks a receiver for a sweep as an HR admin does after a failover
 * (docs/operations.md), `POST /admin/reconciliation`, asking again while it answers `503`; then
 * reads `GET /admin/reconciliation` until the attempt that started afterwards has completed, or
 * until `deadline` (epoch ms). A failed attempt is retried by the queue and read again.
 */
export async function sweepThroughAdminApi(baseUrl: string, deadline: number): Promise<SweepRun> {
  const run: SweepRun = { answers: [] };
  // the sweep's clock and ours are the same machine's; a second of slack covers rounding
  const since = Date.now() - 1000;
  while (Date.now() < deadline && run.answers.at(-1) !== 202) {
    const answer = await fetch(`${baseUrl}/admin/reconciliation`, {
      method: 'POST',
      headers: { authorization: ADMIN_AUTHORIZATION },
      signal: AbortSignal.timeout(5000),
    }).catch(() => undefined);
    run.answers.push(answer?.status ?? 0);
    if (answer?.status !== 202) await sleep(500);
  }
  if (run.answers.at(-1) !== 202) return { ...run, error: 'the receiver never queued the sweep' };
  while (Date.now() < deadline) {
    const sweep = await latestSweepSince(baseUrl, since).catch(() => undefined);
    if (sweep) run.sweep = sweep;
    if (sweep?.outcome === 'completed') return run;
    await sleep(POLL_MS);
  }
  return {
    ...run,
    error: `no completed sweep before the deadline (last seen: ${run.sweep?.outcome ?? 'none'})`,
  };
}

/** Every Trac applicant's status changed now, as the webhooks say: what a sweep lists (72 h back). */
export function statusesChangedNow(plan: TransferPlan): TransferPlan {
  const now = new Date().toISOString();
  const applicants = plan.seed.trac.applicants.map((a) => ({
    ...a,
    applicant: { ...a.applicant, statusChangedAt: now },
  }));
  return { ...plan, seed: { ...plan.seed, trac: { ...plan.seed.trac, applicants } } };
}

/**
 * `organisationCode|applicantId` of each applicant Trac lists to a sweep: a trigger status (the
 * connector's default, which the suite runs with) and a doctor in training.
 */
export function listableByASweep(plan: TransferPlan): Set<string> {
  const triggers = TunableEnvSchema.shape.TRIGGER_STATUSES.parse(undefined);
  return new Set(
    plan.seed.trac.applicants
      .map(({ applicant }) => applicant)
      .filter((a) => a.doctorInTraining && isTriggerStatus(a.status, triggers))
      .map((a) => `${a.organisationCode}|${a.applicantId}`),
  );
}

/** A lost transfer no sweep can find, and the state the plan expected of it. */
export interface BeyondSweep {
  transferId: string;
  expected: TransferPlan['transfers'][number]['expected']['state'];
}

export interface Reconciled {
  /** Transfers not final once the flood had settled (`id: missing`, `id: waiting`, …). */
  notFinalBeforeSweep: string[];
  /**
   * Lost transfers no sweep can find, by design, with nothing due to ESR for them: the failover
   * lost their claim too (`missing`), and Trac's listing (a trigger status, `doctorInTraining=true`,
   * the transfer's organisation) never names them: their webhook named an organisation Trac does
   * not hold the applicant under, the applicant is not a doctor in training, or Trac's status is no
   * longer a trigger status. One whose claim survived without its job is found by the sweep's
   * lost-job step and must end as planned.
   */
  beyondSweep: BeyondSweep[];
  run: SweepRun;
  /** Every transfer of `checked` final after the sweep. */
  settled: boolean;
  /** The plan the end state is checked against: the original without `beyondSweep`. */
  checked: TransferPlan;
}

interface Reconciling {
  store: TransferStore;
  queue: TransferQueue;
  /** A receiver's base URL. */
  receiver: string;
  deadline: number;
  log: (line: string) => void;
}

/**
 * After the failovers: which transfers are not final, then one sweep (as operations.md advises
 * after a failover), then waits until the transfers it started are final too.
 */
export async function reconcileAfterFailovers(r: Reconciling, plan: TransferPlan): Promise<Reconciled> {
  const notFinalBeforeSweep: string[] = [];
  const beyondSweep: BeyondSweep[] = [];
  const listable = listableByASweep(plan);
  let lastChange = 0;
  for (const t of plan.transfers) {
    const transfer = await r.store.get(t.transferId);
    if (transfer?.state === 'completed' || transfer?.state === 'failed') continue;
    notFinalBeforeSweep.push(`${t.transferId}: ${transfer?.state ?? 'missing'}`);
    if (transfer) lastChange = Math.max(lastChange, Date.parse(transfer.updatedAt));
    if (!transfer && !listable.has(`${t.organisationCode}|${t.applicantId}`)) {
      beyondSweep.push({ transferId: t.transferId, expected: t.expected.state });
    }
  }
  // a sweep re-queues a claim without its job only once it is older than a start can take
  const claimsOldEnough = lastChange + ORPHANED_CLAIM_AGE_MS + 1000 - Date.now();
  if (claimsOldEnough > 0) await sleep(claimsOldEnough);
  r.log(`  ${notFinalBeforeSweep.length} transfers not final; asking for a sweep`);
  const run = await sweepThroughAdminApi(r.receiver, r.deadline);
  r.log(`  sweep: ${JSON.stringify(run.sweep ?? run.error)}`);
  const checked = {
    ...plan,
    transfers: plan.transfers.filter((t) => !beyondSweep.some((b) => b.transferId === t.transferId)),
  };
  const settled = await waitUntilSettled(r.store, r.queue, checked.transfers.length, r.deadline, r.log);
  return { notFinalBeforeSweep, beyondSweep, run, settled, checked };
}
