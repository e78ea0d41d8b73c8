import { transferIdOf } from '../../src/queue/transfer-job';
import {
  DEMO_APPLICANTS,
  DEMO_SEED,
  generateApplicants,
  mergeSeeds,
  type DemoExpectation,
  type SandboxSeed,
} from '../../src/sandbox';
import { recordOutcomes } from '../../src/sandbox/seed-builders';
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

export interface TransferPlan {
  seed: SandboxSeed;
  transfers: ExpectedTransfer[];
  /** Applicants whose webhooks must be ignored: never a transfer, never a job. */
  ignoredTransferIds: string[];
  deliveries: PlannedDelivery[];
}

export interface PlanOptions {
  transfers: number;
  /** Extra deliveries as a share of `transfers`: half redeliveries, half new trigger messages. */
  duplicateShare: number;
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

/**
 * The transfers, and the webhook deliveries that start them: one first delivery each, then
 * duplicates (a redelivery of the same message, or a new message for the same applicant) placed
 * after their original, and a few deliveries that must be ignored; shuffled with `random`.
 */
export function planFaultRun(options: PlanOptions): TransferPlan {
  const { random } = options;
  const { seed, transfers } = expectedTransfers(options.transfers);
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
    ignoredTransferIds: ignored.ids,
    deliveries: keyed.map((entry) => entry.delivery),
  };
}
