import type Redis from 'ioredis';
import { z } from 'zod';
import type { RedisDeadline } from '../queue/redis-deadline';
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

export interface WebhookIdRecords {
  /** The answer to give a redelivered message again, if it was answered before. */
  recall(webhookId: string, deadline: RedisDeadline): Promise<WebhookAnswer | undefined>;
  /** Keeps a 2xx answer for redeliveries; the first answer recorded wins. */
  remember(webhookId: string, answer: WebhookAnswer, deadline: RedisDeadline): Promise<void>;
}

function replay(remembered: RememberedAnswer): WebhookAnswer {
  // a message already queued is a duplicate when it comes again
  if (remembered.status === 'ignored') return ignored(remembered.reason);
  return duplicate(remembered.transferId);
}

export function createWebhookIdRecords(redis: Redis, prefix: string): WebhookIdRecords {
  const keyOf = (webhookId: string) => `${prefix}:webhook:${webhookId}`;
  return {
    async recall(webhookId, deadline) {
      const stored = await deadline.run('read webhook-id', redis.get(keyOf(webhookId)));
      if (stored === null) return undefined;
      try {
        const parsed = RememberedAnswerSchema.safeParse(JSON.parse(stored));
        return parsed.success ? replay(parsed.data) : undefined;
      } catch {
        return undefined; // an unreadable record is treated as absent: the transfer store still guards
      }
    },
    async remember(webhookId, answer, deadline) {
      const remembered = RememberedAnswerSchema.parse(answer.body);
      await deadline.run(
        'record webhook-id',
        redis.set(keyOf(webhookId), JSON.stringify(remembered), 'EX', WEBHOOK_ID_RETENTION_SECONDS, 'NX'),
      );
    },
  };
}
