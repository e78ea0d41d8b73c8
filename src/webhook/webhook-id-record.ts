import { createHash } from 'node:crypto';
import type Redis from 'ioredis';
import { z } from 'zod';
import type { RedisDeadline } from '../store/redis-deadline';
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

export interface WebhookIdRecords {
  /** The answer to give a redelivered message again, if it was answered before. */
  recall(message: MessageIdentity, deadline: RedisDeadline): Promise<WebhookAnswer | undefined>;
  /** Keeps a 2xx answer for redeliveries; the first answer recorded wins. */
  remember(message: MessageIdentity, answer: WebhookAnswer, deadline: RedisDeadline): Promise<void>;
}

function replay(remembered: RememberedAnswer): WebhookAnswer {
  // a message already queued is a duplicate when it comes again
  if (remembered.status === 'ignored') return ignored(remembered.reason);
  return duplicate(remembered.transferId);
}

export function createWebhookIdRecords(redis: Redis, prefix: string): WebhookIdRecords {
  // the hash is fixed-length hex at the end, so an id containing `:` cannot make two keys collide
  const keyOf = ({ webhookId, bodyHash }: MessageIdentity) => `${prefix}:webhook:${webhookId}:${bodyHash}`;
  return {
    async recall(message, deadline) {
      const stored = await deadline.run('read webhook-id', redis.get(keyOf(message)));
      if (stored === null) return undefined;
      try {
        const parsed = RememberedAnswerSchema.safeParse(JSON.parse(stored));
        return parsed.success ? replay(parsed.data) : undefined;
      } catch {
        return undefined; // an unreadable record is treated as absent: the transfer store still guards
      }
    },
    async remember(message, answer, deadline) {
      const remembered = RememberedAnswerSchema.parse(answer.body);
      await deadline.run(
        'record webhook-id',
        redis.set(keyOf(message), JSON.stringify(remembered), 'EX', WEBHOOK_ID_RETENTION_SECONDS, 'NX'),
      );
    },
  };
}
