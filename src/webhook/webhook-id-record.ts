import { createHash } from 'node:crypto';
import type { RedisDeadline } from '../store/redis-deadline';
import type { ClaimResult } from '../transfer/transfer';
import type { TransferJob } from '../transfer/transfer-job';
import type { WebhookAnswer } from './webhook-answers';

/** Trac retries one message for up to 3 days; the answer given is kept a day longer. */
export const WEBHOOK_ID_RETENTION_SECONDS = 4 * 24 * 60 * 60;

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
  /**
   * `recorded`: the message's answer is kept already (written with the claim); `added`: the claim
   * created the transfer and stored the job it was handed, in the same call.
   */
  | { kind: 'claimed'; claim: ClaimResult; recorded: boolean; added: boolean }
  /** The message's record cannot be read: treated as absent, the caller claims as usual. */
  | { kind: 'unreadable' };

/**
 * The port of the messages' record: what the receiver remembers of each message so that a
 * redelivery gets the same answer (kept in Redis by `createWebhookIdRecords`, src/store).
 */
export interface WebhookIdRecords {
  /**
   * The answer to give a redelivered message again, or else the claim of its transfer, in one
   * round trip. A claim's record says `queued` before the job is stored, so it is not replayed while
   * the transfer is still `waiting` (the request may have died in between): the claim goes on, and
   * the caller makes sure the job exists. Given `job`, a claim that creates the transfer stores the
   * job too (`added`): a new transfer's delivery is then one round trip. Any other claim stores no
   * job: the caller queues what it needs (a re-run may find an earlier job under the same id).
   */
  recallOrClaim(
    message: MessageIdentity,
    transfer: { transferId: string; organisationCode: string; applicantId: string },
    deadline: RedisDeadline,
    job?: TransferJob,
  ): Promise<RecalledOrClaimed>;
  /** Keeps a 2xx answer for redeliveries; the first answer recorded wins. */
  remember(message: MessageIdentity, answer: WebhookAnswer, deadline: RedisDeadline): Promise<void>;
}
