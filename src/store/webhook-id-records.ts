import type Redis from 'ioredis';
import { z } from 'zod';
import { duplicate, ignored, type WebhookAnswer } from '../webhook/webhook-answers';
import {
  WEBHOOK_ID_RETENTION_SECONDS,
  type MessageIdentity,
  type WebhookIdRecords,
} from '../webhook/webhook-id-record';
import { createRecallOrClaim } from './delivery-claim';
import type { TransferQueue } from './transfer-queue';

/** The answer remembered for a `webhook-id`: identifiers and outcomes only. */
const RememberedAnswerSchema = z.discriminatedUnion('status', [
  z.object({ status: z.literal('queued'), transferId: z.string() }),
  z.object({ status: z.literal('duplicate'), transferId: z.string() }),
  z.object({
    status: z.literal('ignored'),
    reason: z.enum(['status_not_trigger', 'event_type_not_handled', 'organisation_not_enabled']),
  }),
]);
type RememberedAnswer = z.infer<typeof RememberedAnswerSchema>;

function replay(remembered: RememberedAnswer): WebhookAnswer {
  // a message already queued is a duplicate when it comes again
  if (remembered.status === 'ignored') return ignored(remembered.reason);
  return duplicate(remembered.transferId);
}

/** The remembered answer as stored, or undefined when it cannot be read. */
function readRemembered(stored: string): WebhookAnswer | undefined {
  try {
    const parsed = RememberedAnswerSchema.safeParse(JSON.parse(stored));
    return parsed.success ? replay(parsed.data) : undefined;
  } catch {
    return undefined; // an unreadable record is treated as absent: the transfer store still guards
  }
}

const storedForm = (answer: WebhookAnswer) => JSON.stringify(RememberedAnswerSchema.parse(answer.body));

/** `storedForm` of a queued or duplicate answer, built directly: two of them for every delivery. */
const storedClaimForm = (status: 'queued' | 'duplicate', transferId: string) =>
  JSON.stringify({ status, transferId });

/**
 * The receiver's record of the messages Trac sent, in Redis: one short-lived string per message
 * (`<prefix>:webhook:<webhook-id>:<body hash>`), written with the transfer's claim in one script,
 * which also stores a new transfer's job on `queue` when the caller hands the job over.
 */
export function createWebhookIdRecords(
  redis: Redis,
  prefix: string,
  queue?: TransferQueue,
): WebhookIdRecords {
  // the hash is fixed-length hex at the end, so an id containing `:` cannot make two keys collide
  const keyOf = ({ webhookId, bodyHash }: MessageIdentity) => `${prefix}:webhook:${webhookId}:${bodyHash}`;
  const recallOrClaimScript = createRecallOrClaim(redis, prefix, queue);
  return {
    async recallOrClaim(message, { transferId, organisationCode, applicantId }, deadline, job) {
      const record = {
        key: keyOf(message),
        queued: storedClaimForm('queued', transferId),
        duplicate: storedClaimForm('duplicate', transferId),
        lifetimeSeconds: WEBHOOK_ID_RETENTION_SECONDS,
      };
      const result = await deadline.run(
        'claim transfer',
        recallOrClaimScript(record, transferId, organisationCode, applicantId, job),
      );
      if (result.kind === 'claimed') return result;
      const answer = readRemembered(result.stored);
      return answer ? { kind: 'answered', answer } : { kind: 'unreadable' };
    },
    async remember(message, answer, deadline) {
      await deadline.run(
        'record webhook-id',
        redis.set(keyOf(message), storedForm(answer), 'EX', WEBHOOK_ID_RETENTION_SECONDS, 'NX'),
      );
    },
  };
}
