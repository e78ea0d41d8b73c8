import type { Request, Response } from 'express';
import type { Logger } from '../../platform/logger';
import type { Metrics } from '../../platform/metrics';
import { failure, type AdminAnswer } from '../api/admin-schemas';
import { identityOf } from '../auth/admin-users';
import type { AuditAction, AuditLog, TargetOrganisations } from './audit-log';
import { refuseWrite } from '../auth/write-guard';

export interface WriteDeps {
  audit: AuditLog;
  metrics: Metrics;
  logger: Logger;
}

/** One audit entry of a write: what it names, and the organisations that may read it. */
export interface AuditedTarget {
  target: string;
  /** Every transfer the write concerned, when the target names only some (a bulk re-queue). */
  transfers?: readonly string[];
  /** The organisations the target belongs to; left out, those of the transfers it names. */
  organisations?: TargetOrganisations;
}

/** What a write did: its answer, and the target the audit log names. */
export interface WriteResult extends AuditedTarget {
  answer: AdminAnswer;
  /**
   * The target is an organisation's the caller does not act for: the answer is `404` (as if it did
   * not exist) or `403 organisation_not_permitted`, and the attempt is kept apart from the audit
   * log with the other refusals.
   */
  otherOrganisation?: true;
  /** A write that concerned several organisations is audited one entry per organisation. */
  parts?: readonly AuditedTarget[];
}

/**
 * Every admin write, API or page, goes through here: refuse support users and cross-site or
 * token-less form requests (`403`, counted and kept apart from the audit log), run the write, then
 * audit it (failures included) and count re-queues by role. `refusedTarget` names the target when
 * the write never got to say.
 */
export async function performWrite(
  deps: WriteDeps,
  req: Request,
  res: Response,
  action: AuditAction,
  write: () => Promise<WriteResult>,
  refusedTarget: string,
): Promise<AdminAnswer> {
  const identity = identityOf(res);
  const refusal = refuseWrite(req, identity);
  if (refusal) {
    deps.logger.warn('admin write refused', { user: identity.user, role: identity.role, action, refusal });
    await deps.audit.refused(403, { identity, action, target: refusedTarget });
    return failure(403, 'forbidden');
  }
  let result: WriteResult;
  try {
    result = await write();
  } catch (error) {
    // Redis or Trac failed mid-way (answered 503 by the app's error handler): audited all the same
    await deps.audit.record(identity, action, refusedTarget, 503);
    throw error;
  }
  const { answer, target } = result;
  if (result.otherOrganisation) {
    deps.logger.warn('admin write refused: another organisation', { user: identity.user, action });
    await deps.audit.refused(answer.status === 404 ? 404 : 403, { identity, action, target });
    return answer;
  }
  for (const part of result.parts ?? [result]) {
    await deps.audit.record(identity, action, part.target, answer.status, part.transfers, part.organisations);
  }
  if (answer.requeued) deps.metrics.requeues.inc({ role: identity.role }, answer.requeued);
  return answer;
}
