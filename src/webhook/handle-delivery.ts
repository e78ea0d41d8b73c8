import type { Organisation, OrganisationDirectory } from '../../config/organisations';
import type { Logger } from '../platform/logger';
import { startRedisDeadline, type RedisDeadline } from '../store/redis-deadline';
import type { TransferStarter } from '../store/transfer-starter';
import { transferIdOf } from '../transfer/transfer-ids';
import { isTriggerStatus } from '../transfer/trigger-status';
import { duplicate, ignored, queued, type WebhookAnswer } from './webhook-answers';
import type { ParsedWebhookBody, StatusChangedBody } from './webhook-body';
import type { MessageIdentity, WebhookIdRecords } from './webhook-id-record';

export interface DeliveryDeps {
  organisations: OrganisationDirectory;
  triggerStatuses: readonly string[];
  /** The process's one transfer starter (`createTransferStarter`). */
  starter: Pick<TransferStarter, 'start'>;
  webhookIds: WebhookIdRecords;
  logger: Logger;
  /** Budget for all Redis work of one delivery, milliseconds. */
  redisBudgetMs?: number;
  /** When a trigger arrived (its job's `receivedAt`). */
  now?: () => Date;
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

  /**
   * The one start path, every Redis call of it within the delivery's time budget. The message is
   * recalled, or the transfer claimed and, when the claim creates it, its job stored, in one
   * script: one round trip for a new transfer. Any other claim (a re-run, a claim no run has begun)
   * goes on through the starter, which looks the job up and adds it when it is missing.
   */
  async function startOnce(
    message: MessageIdentity,
    body: StatusChangedBody,
    organisation: Organisation,
    deadline: RedisDeadline,
  ) {
    const { webhookId } = message;
    const { organisationCode, applicantId } = body.data;
    const transferId = transferIdOf(organisationCode, applicantId);
    const request = { organisationCode, applicantId, trigger: 'webhook' as const, webhookId };
    const receivedAt = (deps.now?.() ?? new Date()).toISOString();
    const recalled = await deps.webhookIds.recallOrClaim(
      message,
      { transferId, organisationCode, applicantId },
      deadline,
      { ...request, receivedAt },
    );
    if (recalled.kind === 'answered') return { answer: recalled.answer, recorded: true };
    const claimed = recalled.kind === 'claimed' ? recalled : undefined;
    // the organisation as checked before the claim: once claimed, the job is queued even if the
    // file changed since (the worker then fails the transfer ORGANISATION_NOT_ENABLED, for HR to see)
    const result = await deps.starter.start(request, {
      organisation,
      claimed: claimed && Promise.resolve(claimed.claim),
      added: claimed?.added,
      deadline,
    });
    const recorded = recalled.kind === 'claimed' && recalled.recorded;
    // the organisation was checked before (the contract's order); a start refused for it is ignored
    if (result.kind === 'organisation_not_enabled')
      return { answer: ignored('organisation_not_enabled'), recorded };
    const answer = result.kind === 'queued' ? queued(result.transferId) : duplicate(result.transferId);
    return { answer, recorded };
  }

  return async ({ parsed, ...message }) => {
    const { webhookId } = message;
    if (parsed.kind === 'unhandled') return ignored('event_type_not_handled');
    const { organisationCode, status } = parsed.body.data;
    const organisation = deps.organisations.findEnabled(organisationCode);
    if (!organisation) {
      return rememberIgnored(message, ignored('organisation_not_enabled'));
    }
    if (!isTriggerStatus(status, deps.triggerStatuses)) {
      return rememberIgnored(message, ignored('status_not_trigger'));
    }

    const deadline = newDeadline();
    const { answer, recorded } = await startOnce(message, parsed.body, organisation, deadline);
    if (recorded) return answer;
    try {
      await deps.webhookIds.remember(message, answer, deadline);
    } catch (error) {
      // the job is stored: the transfer store still answers a redelivery with `duplicate`
      deps.logger.warn('webhook-id not recorded', { webhookId, error: (error as Error).message });
    }
    return answer;
  };
}
