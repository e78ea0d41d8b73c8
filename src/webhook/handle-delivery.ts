import type { OrganisationDirectory } from '../../config/organisations';
import type { Logger } from '../platform/logger';
import { RedisUnavailableError, startRedisDeadline, type RedisDeadline } from '../store/redis-deadline';
import { transferIdOf } from '../transfer/transfer-ids';
import { type TransferJobData } from '../store/transfer-job';
import { queueTransfer, type TransferQueue } from '../store/transfer-queue';
import type { TransferStore } from '../transfer/transfer';
import { isTriggerStatus } from '../transfer/trigger-status';
import { duplicate, ignored, queued, type WebhookAnswer } from './webhook-answers';
import type { ParsedWebhookBody, StatusChangedBody } from './webhook-body';
import type { MessageIdentity, WebhookIdRecords } from './webhook-id-record';

/**
 * A claim still `waiting` with no job after this long was left behind by a request that died
 * between claiming and queueing (Redis went away): the next delivery queues it and answers `202`.
 */
export const ORPHANED_CLAIM_AGE_MS = 10_000;

export interface DeliveryDeps {
  organisations: OrganisationDirectory;
  triggerStatuses: readonly string[];
  transferStore: TransferStore;
  queue: TransferQueue;
  webhookIds: WebhookIdRecords;
  logger: Logger;
  now: () => Date;
  /** Budget for all Redis work of one delivery, milliseconds. */
  redisBudgetMs?: number;
}

export interface Delivery extends MessageIdentity {
  parsed: ParsedWebhookBody;
}

export type DeliveryHandler = (delivery: Delivery) => Promise<WebhookAnswer>;

/**
 * Decides a verified, parsed delivery in the contract's order (event type, organisation, status,
 * duplicate, queue) and queues at most one job per transfer. Throws RedisUnavailableError when
 * nothing could be stored; every 2xx is given only once the job is stored.
 */
export function createDeliveryHandler(deps: DeliveryDeps): DeliveryHandler {
  const newDeadline = () => startRedisDeadline(deps.redisBudgetMs);

  /** Remembered so that a redelivery gets the same answer even if the configuration changes. */
  async function rememberIgnored(message: MessageIdentity, answer: WebhookAnswer): Promise<WebhookAnswer> {
    try {
      await deps.webhookIds.remember(message, answer, newDeadline());
    } catch (error) {
      // the answer does not depend on Redis: give it anyway
      const { webhookId } = message;
      deps.logger.warn('webhook-id not recorded', { webhookId, error: (error as Error).message });
    }
    return answer;
  }

  /** Gives a claim back when its job certainly was not queued, so the admin view shows no ghost. */
  function releaseClaim(transferId: string, error: unknown): void {
    if (!(error instanceof RedisUnavailableError) || error.timedOut) return; // the job may exist
    deps.transferStore
      .releaseClaim(transferId)
      .catch(() => deps.logger.warn('claim not released: the next delivery queues it', { transferId }));
  }

  async function queueOnce(webhookId: string, body: StatusChangedBody, deadline: RedisDeadline) {
    const { organisationCode, applicantId } = body.data;
    const transferId = transferIdOf(organisationCode, applicantId);
    const jobData: TransferJobData = {
      organisationCode,
      applicantId,
      webhookId,
      receivedAt: deps.now().toISOString(),
      trigger: 'webhook',
    };
    const claim = await deadline.run(
      'claim transfer',
      deps.transferStore.claim(transferId, organisationCode, applicantId),
    );
    if (claim === 'created' || claim === 'rerun') {
      try {
        await deadline.run('queue transfer', queueTransfer(deps.queue, jobData));
      } catch (error) {
        releaseClaim(transferId, error);
        throw error;
      }
      return queued(transferId);
    }
    if (claim.duplicate !== 'waiting') return duplicate(transferId);
    // waiting: another delivery may be between claim and add, or may have died there; adding is
    // idempotent (jobId = transferId), so make sure the job is stored before answering 2xx
    const result = await deadline.run('queue transfer', queueTransfer(deps.queue, jobData));
    const orphaned = Date.now() - Date.parse(claim.claimedAt) > ORPHANED_CLAIM_AGE_MS;
    return result === 'added' && orphaned ? queued(transferId) : duplicate(transferId);
  }

  return async ({ parsed, ...message }) => {
    const { webhookId } = message;
    if (parsed.kind === 'unhandled') return ignored('event_type_not_handled');
    const { organisationCode, status } = parsed.body.data;
    if (!deps.organisations.findEnabled(organisationCode)) {
      return rememberIgnored(message, ignored('organisation_not_enabled'));
    }
    if (!isTriggerStatus(status, deps.triggerStatuses)) {
      return rememberIgnored(message, ignored('status_not_trigger'));
    }

    const deadline = newDeadline();
    const recalled = await deps.webhookIds.recall(message, deadline);
    if (recalled) return recalled;
    const answer = await queueOnce(webhookId, parsed.body, deadline);
    try {
      await deps.webhookIds.remember(message, answer, deadline);
    } catch (error) {
      // the job is stored: the transfer store still answers a redelivery with `duplicate`
      deps.logger.warn('webhook-id not recorded', { webhookId, error: (error as Error).message });
    }
    return answer;
  };
}
