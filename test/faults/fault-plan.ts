import { transferIdOf } from '../../src/transfer/transfer-ids';
import {
  DEMO_APPLICANTS,
  DEMO_SEED,
  generateApplicants,
  mergeSeeds,
  type DemoExpectation,
  type SandboxSeed,
} from '../../sandbox';
import { recordOutcomes } from '../../sandbox/seed-builders';
import { aWebhookBody, type WebhookBody } from '../helpers/webhooks';

/** One transfer the run must finish, and how connector.md says it ends. */
export interface ExpectedTransfer {
  transferId: string;
  organisationCode: string;
  applicantId: string;
  /** The ESR applicant that must hold the SENT records; null when nothing may be stored. */
  esrApplicantId: string | null;
  expected: DemoExpectation;
}

export type DeliveryKind = 'first' | 'redelivery' | 'retrigger' | 'ignored';

/** One webhook message as Trac would send it; a redelivery reuses the first one's `webhook-id`. */
export interface PlannedDelivery {
  webhookId: string;
  kind: DeliveryKind;
  body: WebhookBody;
}

/**
 * A job added straight through BullMQ, as Bull Board's "add" or "duplicate" would: a planned
 * transfer's data under an id no start path would give it (BullMQ's own, or a made-up transfer id).
 */
export interface StrayJob {
  data: { organisationCode: string; applicantId: string; receivedAt: string; trigger: 'webhook' };
  /** Undefined: BullMQ numbers the job itself. */
  jobId?: string;
}

export interface TransferPlan {
  seed: SandboxSeed;
  transfers: ExpectedTransfer[];
  /** Jobs the run adds mid-flight that must fail unrun: nothing sent, no transfer created. */
  strayJobs: StrayJob[];
  /** Applicants whose webhooks must be ignored: never a transfer, never a job. */
  ignoredTransferIds: string[];
  deliveries: PlannedDelivery[];
}

export interface PlanOptions {
  transfers: number;
  /** Extra deliveries as a share of `transfers`: half redeliveries, half new trigger messages. */
  duplicateShare: number;
  /** Share of `transfers` that also get a webhook naming the other enabled organisation (default 0). */
  wrongOrganisationShare?: number;
  /** Jobs added straight through BullMQ mid-run (default 0). */
  strayJobs?: number;
  random: () => number;
}

/** A small seeded PRNG (mulberry32): the same seed gives the same plan. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ALL_SENT: DemoExpectation = { state: 'completed', reason: null, records: recordOutcomes('SENT') };

/** Every demo case (each outcome of the contract) plus generated happy applicants up to `count`. */
function expectedTransfers(count: number): { seed: SandboxSeed; transfers: ExpectedTransfer[] } {
  const generatedCount = count - DEMO_APPLICANTS.length;
  if (generatedCount < 0) throw new Error(`transfers must be at least ${DEMO_APPLICANTS.length}`);
  const generated = generateApplicants(generatedCount);
  const transfers: ExpectedTransfer[] = DEMO_APPLICANTS.map((demo) => ({
    transferId: transferIdOf(demo.organisationCode, demo.applicantId),
    organisationCode: demo.organisationCode,
    applicantId: demo.applicantId,
    esrApplicantId: demo.esrApplicantId,
    expected: demo.expected,
  }));
  for (const { applicant } of generated.trac.applicants) {
    transfers.push({
      transferId: transferIdOf(applicant.organisationCode, applicant.applicantId),
      organisationCode: applicant.organisationCode,
      applicantId: applicant.applicantId,
      esrApplicantId: `ESR-${applicant.applicantId}`,
      expected: ALL_SENT,
    });
  }
  return { seed: mergeSeeds(DEMO_SEED, generated), transfers };
}

let messageCounter = 0;
function aMessageId(): string {
  messageCounter += 1;
  return `msg_fault_${process.pid}_${messageCounter}`;
}

function aTrigger(organisationCode: string, applicantId: string, status = 'Outcome: Recruited'): WebhookBody {
  return aWebhookBody({
    timestamp: new Date().toISOString(),
    data: { organisationCode, applicantId, status },
  });
}

/** Deliveries that must be acknowledged and ignored: a disabled organisation, a non-trigger status. */
function ignoredDeliveries(count: number): { ids: string[]; deliveries: PlannedDelivery[] } {
  const ids: string[] = [];
  const deliveries: PlannedDelivery[] = [];
  for (let n = 1; n <= count; n += 1) {
    const applicantId = `Z-${String(n).padStart(6, '0')}`;
    const [organisationCode, status] =
      n % 2 === 0 ? ['RX9', 'Outcome: Recruited'] : ['R0A', 'Offer: Withdrawn'];
    ids.push(transferIdOf(organisationCode, applicantId));
    deliveries.push({
      webhookId: aMessageId(),
      kind: 'ignored',
      body: aTrigger(organisationCode, applicantId, status),
    });
  }
  return { ids, deliveries };
}

const NOT_SENT_ANYWHERE: DemoExpectation = {
  state: 'failed',
  reason: 'ORGANISATION_MISMATCH',
  records: recordOutcomes('NOT_SENT'),
};

/**
 * Webhooks that name the other enabled organisation for applicants Trac holds under theirs (one
 * wrong pick, or a misconfigured Trac): each makes a transfer that must fail ORGANISATION_MISMATCH
 * with nothing sent, while the applicant's own transfer still sends everything once.
 */
function wrongOrganisationTransfers(
  transfers: readonly ExpectedTransfer[],
  count: number,
  random: () => number,
): ExpectedTransfer[] {
  const candidates = transfers.filter((t) => t.expected.state === 'completed' && t.expected.reason === null);
  const picked = new Map<string, ExpectedTransfer>();
  for (let tries = 0; picked.size < Math.min(count, candidates.length) && tries < count * 20; tries += 1) {
    const original = candidates[Math.floor(random() * candidates.length)];
    if (!original) continue;
    const organisationCode = original.organisationCode === 'R0A' ? '7A1' : 'R0A';
    const transferId = transferIdOf(organisationCode, original.applicantId);
    picked.set(transferId, {
      transferId,
      organisationCode,
      applicantId: original.applicantId,
      esrApplicantId: null,
      expected: NOT_SENT_ANYWHERE,
    });
  }
  return [...picked.values()];
}

/** Half under an id BullMQ makes up, half under a transfer id that no applicant has. */
function strayJobsFor(
  transfers: readonly ExpectedTransfer[],
  count: number,
  random: () => number,
): StrayJob[] {
  const jobs: StrayJob[] = [];
  for (let n = 1; n <= count; n += 1) {
    const target = transfers[Math.floor(random() * transfers.length)];
    if (!target) continue;
    const data = {
      organisationCode: target.organisationCode,
      applicantId: target.applicantId,
      receivedAt: new Date().toISOString(),
      trigger: 'webhook' as const,
    };
    jobs.push(n % 2 === 0 ? { data } : { data, jobId: transferIdOf('R0A', `STRAY-${n}`) });
  }
  return jobs;
}

/**
 * The transfers, and the webhook deliveries that start them: one first delivery each, then
 * duplicates (a redelivery of the same message, or a new message for the same applicant) placed
 * after their original, and a few deliveries that must be ignored; shuffled with `random`.
 */
export function planFaultRun(options: PlanOptions): TransferPlan {
  const { random } = options;
  const { seed, transfers: own } = expectedTransfers(options.transfers);
  const wrongCount = Math.round((options.wrongOrganisationShare ?? 0) * options.transfers);
  const transfers = [...own, ...wrongOrganisationTransfers(own, wrongCount, random)];
  const keyed: { key: number; delivery: PlannedDelivery }[] = [];
  const firsts = transfers.map((t) => ({
    webhookId: aMessageId(),
    kind: 'first' as const,
    body: aTrigger(t.organisationCode, t.applicantId),
  }));
  firsts.forEach((delivery) => keyed.push({ key: random(), delivery }));
  const duplicates = Math.round(options.duplicateShare * options.transfers);
  for (let n = 0; n < duplicates; n += 1) {
    const original = keyed[Math.floor(random() * firsts.length)];
    if (!original) continue;
    const { delivery } = original;
    const duplicate: PlannedDelivery =
      n % 2 === 0
        ? { ...delivery, kind: 'redelivery' }
        : {
            webhookId: aMessageId(),
            kind: 'retrigger',
            body: aTrigger(delivery.body.data.organisationCode, delivery.body.data.applicantId),
          };
    keyed.push({ key: original.key + random() * (1 - original.key), delivery: duplicate });
  }
  const ignored = ignoredDeliveries(Math.max(4, Math.round(options.transfers / 100)));
  ignored.deliveries.forEach((delivery) => keyed.push({ key: random(), delivery }));
  keyed.sort((a, b) => a.key - b.key);
  return {
    seed,
    transfers,
    strayJobs: strayJobsFor(own, options.strayJobs ?? 0, random),
    ignoredTransferIds: ignored.ids,
    deliveries: keyed.map((entry) => entry.delivery),
  };
}
