import { aSignedWebhook } from '../helpers/webhooks';
import type { PlannedDelivery } from './fault-plan';

export interface FireOptions {
  /** The receiver's `POST /webhooks/trac` URL. */
  url: string;
  secret: string;
  deliveries: readonly PlannedDelivery[];
  /** Deliveries in flight at once. */
  concurrency: number;
  /** Attempts per delivery before giving up (Trac retries for days; a test cannot). */
  maxAttempts: number;
  /** No attempt starts after this time (epoch ms). */
  deadline: number;
  /** Called after each delivery is settled (acknowledged or given up), with the number settled so far. */
  onSettled?: (settled: number) => void;
  /** Awaited before a delivery's first attempt (a round may hold some back until a fault is in place). */
  before?: (delivery: PlannedDelivery) => Promise<void>;
}

/** What the receiver answered, attempt by attempt. */
export interface FireResult {
  deliveries: number;
  attempts: number;
  /** Answers by `status outcome`, e.g. `202 queued`, `200 duplicate`, `503 unavailable`, `network error`. */
  answers: Record<string, number>;
  /** Deliveries that needed more than one attempt. */
  retried: number;
  /** Deliveries never acknowledged with a 2xx, with their last answer. */
  unacknowledged: { webhookId: string; kind: string; lastAnswer: string }[];
  /** The `2xx` answer that settled each delivery, by kind: e.g. `first: 202 queued`. */
  settledBy: Record<string, number>;
}

const ANSWER_TIMEOUT_MS = 15_000; // Trac waits 15 s for an answer (trac.md)

async function attempt(url: string, secret: string, delivery: PlannedDelivery): Promise<string> {
  // each attempt is signed anew with its own timestamp, the same webhook-id, as Trac does
  const signed = aSignedWebhook({ secret, body: delivery.body, id: delivery.webhookId });
  try {
    const answer = await fetch(url, {
      method: 'POST',
      headers: signed.headers,
      body: signed.payload,
      signal: AbortSignal.timeout(ANSWER_TIMEOUT_MS),
    });
    const text = await answer.text();
    let outcome = '';
    try {
      const body = JSON.parse(text) as { status?: string; error?: string };
      outcome = body.status ?? body.error ?? '';
    } catch {
      outcome = 'unreadable';
    }
    return `${answer.status} ${outcome}`.trim();
  } catch (error) {
    return `network error ${(error as Error).name}: ${(error as Error).message}`;
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Sends the deliveries like Trac: `concurrency` at a time, each retried with a short exponential
 * backoff while the answer is not `2xx` (Redis restarting gives `503`), every loop bounded by
 * `maxAttempts` and `deadline`. A `4xx` other than `408`/`429` is not retried: for these
 * well-formed, correctly signed deliveries it is a fault of the receiver, reported as such.
 */
export async function fireWebhooks(options: FireOptions): Promise<FireResult> {
  const result: FireResult = {
    deliveries: options.deliveries.length,
    attempts: 0,
    answers: {},
    retried: 0,
    unacknowledged: [],
    settledBy: {},
  };
  let next = 0;
  let settled = 0;

  async function deliver(delivery: PlannedDelivery): Promise<void> {
    let lastAnswer = 'not sent';
    for (let n = 0; n < options.maxAttempts && Date.now() < options.deadline; n += 1) {
      if (n === 1) result.retried += 1;
      lastAnswer = await attempt(options.url, options.secret, delivery);
      result.attempts += 1;
      result.answers[lastAnswer] = (result.answers[lastAnswer] ?? 0) + 1;
      if (lastAnswer.startsWith('2')) {
        const key = `${delivery.kind}: ${lastAnswer}`;
        result.settledBy[key] = (result.settledBy[key] ?? 0) + 1;
        return;
      }
      if (/^4(?!08|29)/.test(lastAnswer)) break;
      await sleep(Math.min(2000, 100 * 2 ** n) * (0.5 + Math.random() / 2));
    }
    result.unacknowledged.push({ webhookId: delivery.webhookId, kind: delivery.kind, lastAnswer });
  }

  async function lane(): Promise<void> {
    while (next < options.deliveries.length) {
      const delivery = options.deliveries[next];
      next += 1;
      if (!delivery) continue;
      await options.before?.(delivery);
      await deliver(delivery);
      settled += 1;
      options.onSettled?.(settled);
    }
  }

  await Promise.all(Array.from({ length: options.concurrency }, () => lane()));
  return result;
}
