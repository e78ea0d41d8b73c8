import { z } from 'zod';

export const TRANSFER_QUEUE_NAME = 'transfers';

/**
 * What a queued transfer carries: identifiers only, never personal data. The worker reads
 * everything else from Trac when the job runs.
 */
export const TransferJobDataSchema = z.object({
  organisationCode: z.string().regex(/^[A-Z0-9]{3,5}$/),
  applicantId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/),
  /** The Trac delivery that queued it; absent for HR manual starts, re-queues and sweeps. */
  webhookId: z.string().max(255).optional(),
  /** ISO date-time when the trigger arrived. */
  receivedAt: z.string(),
  trigger: z.enum(['webhook', 'manual', 'requeue', 'reconciliation']),
});
export type TransferJobData = z.infer<typeof TransferJobDataSchema>;
