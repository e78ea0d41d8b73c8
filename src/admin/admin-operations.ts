import { transferIdOf } from '../transfer/transfer-ids';
import {
  answer,
  BulkRetryBodySchema,
  invalid,
  ManualStartBodySchema,
  type BulkRetryBody,
} from './admin-schemas';
import type { WriteResult } from './perform-write';
import { requeueMatching, requeueTransfer, type RequeueDeps } from './requeue-transfers';
import { startTransferManually, type ManualStartDeps } from './manual-start';

/** A bulk re-queue's audit target names at most this many transfers, then how many more. */
const AUDITED_IDS = 100;

/** The three admin writes, shared by the JSON API and the HR page. Bodies are parsed here. */
export interface AdminOperations {
  retry(transferId: string): Promise<WriteResult>;
  retryMatching(body: unknown): Promise<WriteResult>;
  start(body: unknown): Promise<WriteResult>;
}

function describeFilter(filter: BulkRetryBody): string {
  const parts = [
    filter.reason && `reason=${filter.reason}`,
    filter.organisation && `organisation=${filter.organisation}`,
  ].filter(Boolean);
  return parts.length > 0 ? parts.join(' ') : 'all failed';
}

function describeIds(ids: readonly string[]): string {
  const named = ids.slice(0, AUDITED_IDS).join(',');
  const more = ids.length > AUDITED_IDS ? ` and ${ids.length - AUDITED_IDS} more` : '';
  return ids.length > 0 ? `${named}${more}` : 'none';
}

export function createAdminOperations(deps: RequeueDeps & ManualStartDeps): AdminOperations {
  return {
    async retry(transferId) {
      return { answer: await requeueTransfer(deps, transferId), target: transferId };
    },

    async retryMatching(body) {
      const parsed = BulkRetryBodySchema.safeParse(body ?? {});
      if (!parsed.success) return { answer: invalid('invalid_body', parsed.error), target: 'invalid body' };
      const filter = parsed.data;
      const ids = await requeueMatching(deps, {
        reason: filter.reason,
        organisationCode: filter.organisation,
      });
      return {
        answer: { ...answer(202, { requeued: ids.length }), requeued: ids.length },
        target: `${describeFilter(filter)}: ${describeIds(ids)}`,
        transfers: ids,
      };
    },

    async start(body) {
      const parsed = ManualStartBodySchema.safeParse(body ?? {});
      if (!parsed.success) return { answer: invalid('invalid_body', parsed.error), target: 'invalid body' };
      const { organisationCode, applicantId } = parsed.data;
      return {
        answer: await startTransferManually(deps, parsed.data),
        target: transferIdOf(organisationCode, applicantId),
      };
    },
  };
}
