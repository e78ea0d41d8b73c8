import type { ExpectedTransfer, TransferPlan } from './fault-plan';
import { listableByASweep } from './failover-sweep';

/** What a Trac status change older than this many days is to a sweep: never listed (72 h back). */
const LONG_AGO_DAYS = 30;

/** The plan of the Trac list round: the suite's plan with some webhooks lost, for the sweeps to find. */
export interface TracListPlan extends TransferPlan {
  /** Transfers whose every delivery was left out: only a sweep can start them. */
  lost: ExpectedTransfer[];
}

/**
 * Picks the lost transfers: every listable one of 7A1 (the organisation listed after R0A, so a
 * sweep that stopped at R0A's broken list would never reach them), and `r0aLost` of R0A's, chosen
 * with `random` among the generated applicants that send everything.
 */
function pickLost(plan: TransferPlan, r0aLost: number, random: () => number): ExpectedTransfer[] {
  const listable = listableByASweep(plan);
  const own = plan.transfers.filter((t) => listable.has(`${t.organisationCode}|${t.applicantId}`));
  const of7A1 = own.filter((t) => t.organisationCode === '7A1');
  const r0a = own.filter((t) => t.organisationCode === 'R0A' && t.applicantId.startsWith('B-'));
  const picked: ExpectedTransfer[] = [];
  while (picked.length < Math.min(r0aLost, r0a.length)) {
    const candidate = r0a[Math.floor(random() * r0a.length)];
    if (candidate && !picked.includes(candidate)) picked.push(candidate);
  }
  return [...of7A1, ...picked];
}

/**
 * The round's plan: `r0aLost` of R0A's transfers and every listable one of 7A1 lose all their
 * webhooks. In the Trac seed only the lost applicants' statuses changed now; every other one
 * changed a month ago, so that a sweep lists the lost ones alone and never races a webhook that is
 * still on its way (and the started counts say exactly what the sweeps found).
 */
export function withLostWebhooks(plan: TransferPlan, r0aLost: number, random: () => number): TracListPlan {
  const lost = pickLost(plan, r0aLost, random);
  const lostKeys = new Set(lost.map((t) => `${t.organisationCode}|${t.applicantId}`));
  const now = Date.now();
  const longAgo = new Date(now - LONG_AGO_DAYS * 24 * 60 * 60 * 1000).toISOString();
  const applicants = plan.seed.trac.applicants.map((a) => {
    const isLost = lostKeys.has(`${a.applicant.organisationCode}|${a.applicant.applicantId}`);
    return {
      ...a,
      applicant: { ...a.applicant, statusChangedAt: isLost ? new Date(now).toISOString() : longAgo },
    };
  });
  const deliveries = plan.deliveries.filter(
    ({ body }) => !lostKeys.has(`${body.data.organisationCode}|${body.data.applicantId}`),
  );
  return {
    ...plan,
    seed: { ...plan.seed, trac: { ...plan.seed.trac, applicants } },
    deliveries,
    lost,
  };
}
