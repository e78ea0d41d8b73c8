import { Webhook } from 'standardwebhooks';

/** One `POST /webhooks/trac` as Trac sends it: body text and Standard Webhooks headers. */
export interface SignedDelivery {
  body: string;
  headers: Record<string, string>;
}

/** Trac's date-times carry whole seconds (trac.md). */
function isoSeconds(at: Date): string {
  return at.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/**
 * Signs `applicant.status_changed` deliveries with one secret: each call is a new delivery (its own
 * `webhook-id`) for the applicant given, to the trigger status in organisation R0A.
 */
export function createDeliverySigner(
  secret: string,
  runTag: string,
): (applicantId: string) => SignedDelivery {
  const signer = new Webhook(secret);
  let sequence = 0;
  return (applicantId) => {
    sequence += 1;
    const now = new Date();
    const webhookId = `msg_bench_${runTag}_${sequence}`;
    const body = JSON.stringify({
      type: 'applicant.status_changed',
      timestamp: isoSeconds(now),
      data: {
        organisationCode: 'R0A',
        applicantId,
        vacancyReference: 'DIT-BENCH',
        status: 'Outcome: Recruited',
        previousStatus: 'Offer: Unconditional',
        changedAt: isoSeconds(now),
      },
    });
    return {
      body,
      headers: {
        'content-type': 'application/json',
        'webhook-id': webhookId,
        'webhook-timestamp': String(Math.floor(now.getTime() / 1000)),
        'webhook-signature': signer.sign(webhookId, now, body),
      },
    };
  };
}
