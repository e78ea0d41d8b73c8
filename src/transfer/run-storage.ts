import type { Logger } from '../platform/logger';
import { RetryableError } from '../platform/errors';
import { RecordTracker } from './record-tracker';
import type { RecordOutcomes, TransferRecord, TransferStore } from './transfer';

/** A write to the transfer a run is for (TransferStore.update with the run's identity). */
export type UpdateTransfer = (change: Parameters<TransferStore['update']>[1]) => Promise<void>;

/**
 * Writes to the transfer, each carrying what its claim held (TransferStore.update's identity): a
 * failover may lose the claim while a run goes on, and the record is then written whole again
 * rather than half (and never blocks a sweep).
 */
export function updateOf(store: TransferStore, existing: TransferRecord): UpdateTransfer {
  const { transferId, organisationCode, applicantId, trigger, createdAt } = existing;
  return (change) => store.update(transferId, change, { organisationCode, applicantId, trigger, createdAt });
}

/**
 * A run whose lock was lost (another worker may have taken the job over) must stop writing: its
 * view of the transfer is stale. ESR stays safe either way (ledger + idempotency keys).
 */
export function ownershipCheck(signal: AbortSignal | undefined): () => void {
  return () => {
    if (signal?.aborted) throw new RetryableError('lock lost: another worker runs this transfer now');
  };
}

/**
 * The run's storage through the transfer store, bound to one transfer: what a transfer's run and a
 * send-outstanding run write as they go. `before`: the record outcomes the run starts from.
 */
export function createRunTracker(
  deps: { store: TransferStore; logger: Logger },
  transferId: string,
  update: UpdateTransfer,
  assertStillOwner: () => void,
  before?: RecordOutcomes,
): RecordTracker {
  const { store, logger } = deps;
  return new RecordTracker(
    {
      ledger: () => store.ledger(transferId),
      wasAttempted: (recordType) => store.wasAttempted(transferId, recordType),
      markAttempted: async (recordType) => {
        if (!(await store.markAttempted(transferId, recordType))) {
          // posted anyway: ESR stays safe (idempotency key); only a failover in this moment could
          // make a re-run report the registration SUPERSEDED_IN_ESR instead of SENT
          logger.warn('attempt marker not confirmed by a replica in time; posting', { recordType });
        }
      },
      save: async (records) => {
        assertStillOwner();
        await update({ records });
      },
      saveSent: async (recordType, entry) => {
        // ESR has stored the record: the ledger gets it even from a run that lost its lock
        await store.recordSent(transferId, recordType, entry);
        assertStillOwner();
      },
    },
    before,
  );
}
