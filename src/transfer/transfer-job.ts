import { z } from 'zod';
import { TRACEPARENT_PATTERN } from '../platform/tracing/spans';

/**
 * How a transfer was started: a Trac webhook, an HR admin's manual start, an HR re-queue, or a
 * sweep (which starts what a webhook would have started, and nothing more).
 */
export const START_TRIGGERS = ['webhook', 'manual', 'requeue', 'reconciliation'] as const;
export type StartTrigger = (typeof START_TRIGGERS)[number];

/**
 * What a queued transfer carries (`jobId` = transfer id): identifiers only, never personal data.
 * The worker re-derives and checks them, and reads everything else from Trac when the job runs.
 */
export const TransferJobSchema = z.object({
  organisationCode: z.string().regex(/^[A-Z0-9]{3,5}$/),
  applicantId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/),
  /** The Trac delivery that queued it; absent for HR manual starts, re-queues and sweeps. */
  webhookId: z.string().max(255).optional(),
  /** ISO date-time when the trigger arrived. */
  receivedAt: z.string(),
  /** How the job was queued; `send-outstanding`: an HR admin's send of a completed transfer's outstanding records. */
  trigger: z.enum([...START_TRIGGERS, 'send-outstanding']),
  /**
   * A re-run's link to the trace of the transfer's first job (W3C `traceparent`: ids, no data);
   * only with tracing on, and only on a job that replaced an earlier one (re-queue, re-run).
   */
  firstTrace: z.string().regex(TRACEPARENT_PATTERN).optional(),
});
export type TransferJob = z.infer<typeof TransferJobSchema>;
