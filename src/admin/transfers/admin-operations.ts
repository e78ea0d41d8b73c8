import { parseTransferId, transferIdOf } from '../../transfer/transfer-ids';
import {
  answer,
  BulkRequeueBodySchema,
  failure,
  invalid,
  ManualStartBodySchema,
  type BulkRequeueBody,
} from '../api/admin-schemas';
import { permits, type OrganisationScope } from '../auth/organisation-scope';
import type { AuditedTarget, WriteResult } from '../audit/perform-write';
import { requeueMatching, requeueTransfer, type RequeueDeps } from './requeue-transfers';
import { sendOutstanding } from './send-outstanding';
import { startTransferManually, type ManualStartDeps } from './manual-start';

/** A bulk re-queue's audit target names at most this many transfers, then how many more. */
const AUDITED_IDS = 100;

/**
 * The admin writes on transfers, shared by the JSON API and the HR pages. Bodies are parsed here. Each
 * takes the organisations the caller acts for: another organisation's transfer is `404` as if it
 * did not exist, a start or a bulk re-queue naming another organisation `403
 * organisation_not_permitted`, and a bulk re-queue touches only theirs.
 */
export interface AdminOperations {
  requeue(organisations: OrganisationScope, transferId: string): Promise<WriteResult>;
  requeueMatching(organisations: OrganisationScope, body: unknown): Promise<WriteResult>;
  start(organisations: OrganisationScope, body: unknown): Promise<WriteResult>;
  /** Sends a completed transfer's outstanding records that Trac now holds as complete. */
  sendOutstanding(organisations: OrganisationScope, transferId: string): Promise<WriteResult>;
}

function describeFilter(filter: BulkRequeueBody): string {
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

/**
 * A bulk re-queue's audit entries, one per organisation, so that each organisation's HR reads
 * theirs and nothing of another's. Nothing re-queued: one entry, for the organisations it was
 * about (none named and acting for all: readable by those acting for all only).
 */
function auditedParts(
  organisations: OrganisationScope,
  filter: BulkRequeueBody,
  ids: readonly string[],
): AuditedTarget[] {
  const byOrganisation = new Map<string, string[]>();
  for (const id of ids) {
    const code = parseTransferId(id)?.organisationCode ?? '';
    byOrganisation.set(code, [...(byOrganisation.get(code) ?? []), id]);
  }
  const parts = [...byOrganisation].map(([code, transfers]) => ({
    target: `${describeFilter(filter)}: ${describeIds(transfers)}`,
    transfers,
    organisations: [code],
  }));
  if (parts.length > 0) return parts;
  const about = filter.organisation ? [filter.organisation] : organisations === '*' ? [] : organisations;
  return [{ target: `${describeFilter(filter)}: none`, transfers: [], organisations: about }];
}

export function createAdminOperations(deps: RequeueDeps & ManualStartDeps): AdminOperations {
  return {
    async requeue(organisations, transferId) {
      const ids = parseTransferId(transferId);
      if (ids && !permits(organisations, ids.organisationCode)) {
        return { answer: failure(404, 'not_found'), target: transferId, otherOrganisation: true };
      }
      return { answer: await requeueTransfer(deps, transferId), target: transferId };
    },

    async sendOutstanding(organisations, transferId) {
      const ids = parseTransferId(transferId);
      if (ids && !permits(organisations, ids.organisationCode)) {
        return { answer: failure(404, 'not_found'), target: transferId, otherOrganisation: true };
      }
      return { answer: await sendOutstanding(deps, transferId), target: transferId };
    },

    async requeueMatching(organisations, body) {
      const parsed = BulkRequeueBodySchema.safeParse(body ?? {});
      if (!parsed.success) return { answer: invalid('invalid_body', parsed.error), target: 'invalid body' };
      const filter = parsed.data;
      if (filter.organisation && !permits(organisations, filter.organisation)) {
        const target = describeFilter(filter);
        return { answer: failure(403, 'organisation_not_permitted'), target, otherOrganisation: true };
      }
      const ids = await requeueMatching(deps, organisations, {
        reason: filter.reason,
        organisationCode: filter.organisation,
      });
      const parts = auditedParts(organisations, filter, ids);
      return {
        answer: { ...answer(202, { requeued: ids.length }), requeued: ids.length },
        target: parts.map((part) => part.target).join('; '),
        transfers: ids,
        parts,
      };
    },

    async start(organisations, body) {
      const parsed = ManualStartBodySchema.safeParse(body ?? {});
      if (!parsed.success) return { answer: invalid('invalid_body', parsed.error), target: 'invalid body' };
      const { organisationCode, applicantId } = parsed.data;
      const target = transferIdOf(organisationCode, applicantId);
      if (!permits(organisations, organisationCode)) {
        return { answer: failure(403, 'organisation_not_permitted'), target, otherOrganisation: true };
      }
      return { answer: await startTransferManually(deps, parsed.data), target };
    },
  };
}
