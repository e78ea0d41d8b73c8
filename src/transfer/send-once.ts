import type { EsrClient } from '../esr/esr-client';
import type { EsrCandidate } from '../esr/esr-schemas';
import { RECORD_TYPES, type RecordType } from '../records/record-types';
import type { SendableRecords } from './gather-checks';
import type { RecordTracker } from './record-tracker';
import { idempotencyKeyOf } from './transfer-ids';

/**
 * Rules 5 and 6: sends each record the ledger does not hold as sent, with a key derived from
 * transfer and record type, so a retry after a lost answer is replayed by ESR instead of stored
 * twice. The ledger is written right after ESR's 2xx (`tracker.sent`). A transfer's run and a
 * send-outstanding run both send through here.
 */
export async function sendOnce(
  transferId: string,
  esrApplicant: EsrCandidate,
  sendable: SendableRecords,
  deps: { esr: EsrClient; now: () => Date },
  tracker: RecordTracker,
): Promise<void> {
  const toSend = await recordsToSend(esrApplicant, sendable, tracker);
  await tracker.sending(toSend);
  for (const type of toSend) {
    if (type === 'professional-registration') await tracker.markAttempted(type);
    const result = await deps.esr.postRecord(
      esrApplicant.esrApplicantId,
      type,
      sendable[type],
      idempotencyKeyOf(transferId, type),
    );
    if (result.stored) {
      await tracker.sent(type, { esrRecordId: result.esrRecordId, sentAt: deps.now().toISOString() });
    } else {
      tracker.note(type, 'SUPERSEDED_IN_ESR');
    }
  }
}

/** The sendable records ESR does not hold yet from this transfer; the others' outcomes noted. */
async function recordsToSend(
  esrApplicant: EsrCandidate,
  sendable: SendableRecords,
  tracker: RecordTracker,
): Promise<RecordType[]> {
  const ledger = await tracker.ledger();
  const toSend: RecordType[] = [];
  for (const type of RECORD_TYPES) {
    if (!(type in sendable)) continue;
    if (ledger[type]) {
      tracker.note(type, 'SENT');
      continue;
    }
    if (type === 'professional-registration' && esrApplicant.hasProfessionalRegistration) {
      // ESR's registration supersedes Trac's, unless it is ours from an earlier attempt whose answer was lost
      if (!(await tracker.wasAttempted(type))) {
        tracker.note(type, 'SUPERSEDED_IN_ESR');
        continue;
      }
    }
    toSend.push(type);
  }
  return toSend;
}
