/** The BullMQ queue of transfer jobs (their shape: src/transfer/transfer-job.ts). */
export const TRANSFER_QUEUE_NAME = 'transfers';
