import { failure, type AdminAnswer } from '../api/admin-schemas';
import { queuedAnswer, type RequeueDeps } from './requeue-transfers';

/**
 * An HR admin's "Send outstanding records" (connector.md, `send-outstanding`): notes the request on
 * a transfer that completed with `reason: null` and has outstanding records, then queues its
 * send-outstanding job (`jobId` = transfer id, as every job). `202` queued; `404` no such
 * transfer; `409 nothing_outstanding`, or `409 already_queued` while a job for it is waiting or
 * running. The worker sends only records Trac now holds as complete, each at most once ever.
 */
export async function sendOutstanding(deps: RequeueDeps, transferId: string): Promise<AdminAnswer> {
  const sent = await deps.starter.sendOutstanding(transferId);
  if (sent === 'queued') return { ...queuedAnswer(transferId), requeued: 0 };
  return sent === 'not_found' ? failure(404, 'not_found') : failure(409, sent);
}
