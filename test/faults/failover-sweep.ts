import { ReconciliationStatusSchema } from '../../src/admin/reconciliation-admin';
import type { TransferQueue } from '../../src/store/transfer-queue';
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
  const status = ReconciliationStatusSchema.parse(await answer.json());
  return status.sweeps.find((sweep) => Date.parse(sweep.startedAt) >= since);
}

/**
 * Asks a receiver for a reconciliation sweep as an HR admin does after a failover
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

export interface Reconciled {
  /** Transfers not final once the flood had settled (`id: missing`, `id: waiting`, …). */
  notFinalBeforeSweep: string[];
  /**
   * Lost transfers no sweep can find, by design, with nothing due to ESR for them: their webhook
   * named an organisation Trac does not hold the applicant under (they would have failed
   * ORGANISATION_MISMATCH), or the applicant is not a doctor in training (a sweep lists
   * `doctorInTraining=true` only; the transfer would have completed NOT_DOCTOR_IN_TRAINING).
   * Missing, or `waiting` with no job when only the job was lost: such a claim stays `waiting`.
   */
  beyondSweep: string[];
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
  const beyondSweep: string[] = [];
  for (const t of plan.transfers) {
    const transfer = await r.store.get(t.transferId);
    if (transfer?.state === 'completed' || transfer?.state === 'failed') continue;
    notFinalBeforeSweep.push(`${t.transferId}: ${transfer?.state ?? 'missing'}`);
    if (t.expected.reason === 'ORGANISATION_MISMATCH' || t.expected.reason === 'NOT_DOCTOR_IN_TRAINING') {
      beyondSweep.push(t.transferId);
    }
  }
  r.log(`  ${notFinalBeforeSweep.length} transfers not final; asking for a sweep`);
  const run = await sweepThroughAdminApi(r.receiver, r.deadline);
  r.log(`  sweep: ${JSON.stringify(run.sweep ?? run.error)}`);
  const checked = { ...plan, transfers: plan.transfers.filter((t) => !beyondSweep.includes(t.transferId)) };
  const settled = await waitUntilSettled(r.store, r.queue, checked.transfers.length, r.deadline, r.log);
  return { notFinalBeforeSweep, beyondSweep, run, settled, checked };
}
