import type { Request, Response } from 'express';
import type { Logger } from '../platform/logger';
import type { Metrics } from '../platform/metrics';
import { failure, type AdminAnswer } from './admin-schemas';
import { identityOf } from './admin-users';
import type { AuditAction, AuditLog } from './audit-log';
import { refuseWrite } from './write-guard';

export interface WriteDeps {
  audit: AuditLog;
  metrics: Metrics;
  logger: Logger;
}

/** What a write did: its answer, and the target the audit log names. */
export interface WriteResult {
  answer: AdminAnswer;
  target: string;
  /** Every transfer the write concerned, when the target names only some (a bulk re-queue). */
  transfers?: readonly string[];
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
  const { answer, target, transfers } = result;
  await deps.audit.record(identity, action, target, answer.status, transfers);
  if (answer.requeued) deps.metrics.requeues.inc({ role: identity.role }, answer.requeued);
  return answer;
}
