import { Agent, request } from 'node:http';
import { sleep } from './run-scope';
import type { SignedDelivery } from './signed-delivery';

export interface FireOptions {
  receiverUrl: string;
  applicantIds: readonly string[];
  sign: (applicantId: string) => SignedDelivery;
  /** Deliveries in flight at most. */
  inFlight: number;
  /** Paced: one delivery every `1000 / perSecond` ms; absent: as fast as the receiver answers. */
  perSecond?: number;
  signal: AbortSignal;
  /** Ends the firing early without an error (the run's `signal` throws): what was answered so far. */
  stop?: AbortSignal;
}

export interface FiredWebhooks {
  /** When each applicant's delivery left, epoch ms (only those answered `202`). */
  sentAt: Map<string, number>;
  /** Answers by HTTP status (`error` for a connection failure). */
  answers: Record<string, number>;
  /** Request sent → answer read, per delivery, milliseconds. */
  latenciesMs: number[];
  elapsedMs: number;
}

function post(agent: Agent, url: URL, delivery: SignedDelivery): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        agent,
        method: 'POST',
        host: url.hostname,
        port: url.port,
        path: '/webhooks/trac',
        headers: delivery.headers,
      },
      (res) => {
        res.resume();
        res.once('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.once('error', reject);
    req.end(delivery.body);
  });
}

/**
 * Fires one signed delivery per applicant at the receiver, over keep-alive connections, and notes
 * when each accepted one left. Throws when the run is aborted.
 */
export async function fireWebhooks(options: FireOptions): Promise<FiredWebhooks> {
  const url = new URL(options.receiverUrl);
  const agent = new Agent({ keepAlive: true, maxSockets: options.inFlight });
  const sentAt = new Map<string, number>();
  const answers: Record<string, number> = {};
  const latenciesMs: number[] = [];
  const startedAt = Date.now();
  let next = 0;

  async function deliver(applicantId: string): Promise<void> {
    const at = Date.now();
    const began = performance.now();
    const status = await post(agent, url, options.sign(applicantId)).catch(() => 'error' as const);
    latenciesMs.push(performance.now() - began);
    answers[status] = (answers[status] ?? 0) + 1;
    if (status === 202) sentAt.set(applicantId, at);
  }

  async function lane(): Promise<void> {
    while (next < options.applicantIds.length && !options.stop?.aborted) {
      options.signal.throwIfAborted();
      const index = next++;
      if (options.perSecond)
        await sleep(Math.max(0, startedAt + (index * 1000) / options.perSecond - Date.now()), options.signal);
      if (options.stop?.aborted) break;
      await deliver(options.applicantIds[index] ?? '');
    }
  }

  try {
    await Promise.all(Array.from({ length: options.inFlight }, lane));
  } finally {
    agent.destroy();
  }
  return { sentAt, answers, latenciesMs, elapsedMs: Date.now() - startedAt };
}
