import { createHash } from 'node:crypto';
import type Redis from 'ioredis';
import { z } from 'zod';
import { createRecallOrClaim } from '../store/delivery-claim';
import type { RedisDeadline } from '../store/redis-deadline';
import type { ClaimResult } from '../transfer/transfer';
import { duplicate, ignored, type WebhookAnswer } from './webhook-answers';

/** Trac retries one message for up to 3 days; the answer given is kept a day longer. */
export const WEBHOOK_ID_RETENTION_SECONDS = 4 * 24 * 60 * 60;

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

/**
 * One message as Trac identifies it: its `webhook-id` together with the body it came with. A
 * redelivery repeats both; the same id with another body is another message, never answered with
 * this one's result.
 */
export interface MessageIdentity {
  webhookId: string;
  /** SHA-256 of the raw body bytes, hex (`hashWebhookBody`): the body itself is never stored. */
  bodyHash: string;
}

/** SHA-256 of the exact bytes received, hex. */
export function hashWebhookBody(rawBody: Buffer): string {
  return createHash('sha256').update(rawBody).digest('hex');
}

/** A trigger delivery's first step: the answer given before, or the transfer's claim. */
export type RecalledOrClaimed =
  | { kind: 'answered'; answer: WebhookAnswer }
  /** `recorded`: the message's answer is kept already (written with the claim). */
  | { kind: 'claimed'; claim: ClaimResult; recorded: boolean }
  /** The message's record cannot be read: treated as absent, the caller claims as usual. */
  | { kind: 'unreadable' };

export interface WebhookIdRecords {
  /**
   * The answer to give a redelivered message again, or else the claim of its transfer, in one
   * round trip. A claim's record says `queued` before the job is stored, so it is not replayed while
   * the transfer is still `waiting` (the request may have died in between): the claim goes on, and
   * the caller makes sure the job exists.
   */
  recallOrClaim(
    message: MessageIdentity,
    transfer: { transferId: string; organisationCode: string; applicantId: string },
    deadline: RedisDeadline,
  ): Promise<RecalledOrClaimed>;
  /** Keeps a 2xx answer for redeliveries; the first answer recorded wins. */
  remember(message: MessageIdentity, answer: WebhookAnswer, deadline: RedisDeadline): Promise<void>;
}

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
export const storedClaimForm = (status: 'queued' | 'duplicate', transferId: string) =>
  JSON.stringify({ status, transferId });

export function createWebhookIdRecords(redis: Redis, prefix: string): WebhookIdRecords {
  // the hash is fixed-length hex at the end, so an id containing `:` cannot make two keys collide
  const keyOf = ({ webhookId, bodyHash }: MessageIdentity) => `${prefix}:webhook:${webhookId}:${bodyHash}`;
  const recallOrClaimScript = createRecallOrClaim(redis, prefix);
  return {
    async recallOrClaim(message, { transferId, organisationCode, applicantId }, deadline) {
      const record = {
        key: keyOf(message),
        queued: storedClaimForm('queued', transferId),
        duplicate: storedClaimForm('duplicate', transferId),
        lifetimeSeconds: WEBHOOK_ID_RETENTION_SECONDS,
      };
      const result = await deadline.run(
        'claim transfer',
        recallOrClaimScript(record, transferId, organisationCode, applicantId),
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
