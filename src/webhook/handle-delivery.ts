import type { OrganisationDirectory } from '../../config/organisations';
import type { Logger } from '../platform/logger';
import { startRedisDeadline, type RedisDeadline } from '../store/redis-deadline';
import { queueTransfer, releaseUnqueuedClaim, type TransferQueue } from '../store/transfer-queue';
import { startTransferOnce, type StartPorts } from '../transfer/start-transfer';
import type { TransferStore } from '../transfer/transfer';
import { isTriggerStatus } from '../transfer/trigger-status';
import { duplicate, ignored, queued, type WebhookAnswer } from './webhook-answers';
import type { ParsedWebhookBody, StatusChangedBody } from './webhook-body';
import type { MessageIdentity, WebhookIdRecords } from './webhook-id-record';

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

  /** The one start path, every Redis call of it within the delivery's time budget. */
  async function startOnce(webhookId: string, body: StatusChangedBody, deadline: RedisDeadline) {
    const { organisationCode, applicantId } = body.data;
    const ports: StartPorts = {
      organisations: deps.organisations,
      claim: (...ids) => deadline.run('claim transfer', deps.transferStore.claim(...ids)),
      reopen: () => Promise.reject(new Error('a webhook never re-opens a failed transfer')),
      queue: (job) => deadline.run('queue transfer', queueTransfer(deps.queue, job)),
      release: releaseUnqueuedClaim(deps.transferStore, deps.logger),
      now: deps.now,
    };
    const result = await startTransferOnce(ports, {
      organisationCode,
      applicantId,
      trigger: 'webhook',
      webhookId,
    });
    // the organisation was checked before (the contract's order); a start refused for it is ignored
    if (result.kind === 'organisation_not_enabled') return ignored('organisation_not_enabled');
    return result.kind === 'queued' ? queued(result.transferId) : duplicate(result.transferId);
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
    const answer = await startOnce(webhookId, parsed.body, deadline);
    try {
      await deps.webhookIds.remember(message, answer, deadline);
    } catch (error) {
      // the job is stored: the transfer store still answers a redelivery with `duplicate`
      deps.logger.warn('webhook-id not recorded', { webhookId, error: (error as Error).message });
    }
    return answer;
  };
}
