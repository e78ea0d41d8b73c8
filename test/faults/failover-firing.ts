import { fireWebhooks, type FireOptions, type FireResult } from './webhook-firer';

/**
 * `fireWebhooks`' options, with the receivers' URLs instead of one; `concurrency` and the count
 * `onSettled` is given are across all receivers.
 */
export type FireAcrossOptions = Omit<FireOptions, 'url'> & {
  /** Each receiver's `POST /webhooks/trac` URL: deliveries go to them in turn, as behind a load balancer. */
  urls: readonly string[];
};

function addCounts(into: Record<string, number>, from: Record<string, number>): void {
  for (const [key, n] of Object.entries(from)) into[key] = (into[key] ?? 0) + n;
}

/** One FireResult for several firings: counts summed, unacknowledged deliveries listed together. */
export function mergeFireResults(results: readonly FireResult[]): FireResult {
  const merged: FireResult = {
    deliveries: 0,
    attempts: 0,
    answers: {},
    retried: 0,
    unacknowledged: [],
    settledBy: {},
  };
  for (const result of results) {
    merged.deliveries += result.deliveries;
    merged.attempts += result.attempts;
    merged.retried += result.retried;
    merged.unacknowledged.push(...result.unacknowledged);
    addCounts(merged.answers, result.answers);
    addCounts(merged.settledBy, result.settledBy);
  }
  return merged;
}

/**
 * Fires the deliveries across the receivers, round-robin (a redelivery may reach another receiver
 * than its original did), each receiver's share retried like Trac by `fireWebhooks`.
 */
export async function fireAcross(options: FireAcrossOptions): Promise<FireResult> {
  const { urls } = options;
  let settled = 0;
  const results = await Promise.all(
    urls.map((url, index) =>
      fireWebhooks({
        url,
        secret: options.secret,
        deliveries: options.deliveries.filter((_, n) => n % urls.length === index),
        concurrency: Math.max(1, Math.round(options.concurrency / urls.length)),
        maxAttempts: options.maxAttempts,
        deadline: options.deadline,
        ...(options.before ? { before: options.before } : {}),
        onSettled: () => {
          settled += 1;
          options.onSettled?.(settled);
        },
      }),
    ),
  );
  return mergeFireResults(results);
}
