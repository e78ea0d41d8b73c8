import type { RecordOutcome, RecordType } from '../records/record-types';
import {
  allRecords,
  settledRecords,
  type LedgerEntry,
  type MatchSummary,
  type RecordOutcomes,
} from './transfer';

/**
 * The one port through which a run reaches storage, bound to its transfer: what the ledger holds,
 * and where the record outcomes and ledger entries are written (the transfer store, for the worker).
 */
export interface RunStorage {
  /** What ESR has stored for this transfer, by record type. */
  ledger(): Promise<Partial<Record<RecordType, LedgerEntry>>>;
  /** Whether a record was posted at least once (its answer may have been lost). */
  wasAttempted(recordType: RecordType): Promise<boolean>;
  /** Notes that a record is about to be posted. */
  markAttempted(recordType: RecordType): Promise<void>;
  /** Saves the outcomes so far, so HR sees the transfer's progress. */
  save(records: RecordOutcomes): Promise<void>;
  /** ESR stored a record: its ledger entry (a `PENDING` record reads as `SENT` from then on). */
  saveSent(recordType: RecordType, entry: LedgerEntry): Promise<void>;
}

/**
 * One run's storage (`RunStorage`), its per-record outcomes and what its match found. Outcomes
 * known without ESR are only noted and go out with the next write; the records about to be sent
 * are written `PENDING` once, and each one ESR stores goes into the ledger at once. `final()` turns
 * records still in flight back into what they were before the run (`NOT_SENT` for a transfer's
 * run) for the run's last write.
 */
export class RecordTracker {
  private readonly outcomes: RecordOutcomes;
  /** A failed match's cause (rule 4), written with the failure. */
  failedMatch: MatchSummary | undefined;
  /** The ESR applicant the run matched, kept with a transfer whose records are outstanding. */
  matchedEsrApplicantId: string | undefined;

  constructor(
    private readonly storage: RunStorage,
    private readonly before: RecordOutcomes = allRecords('NOT_SENT'),
  ) {
    this.outcomes = { ...before };
  }

  ledger(): Promise<Partial<Record<RecordType, LedgerEntry>>> {
    return this.storage.ledger();
  }

  wasAttempted(recordType: RecordType): Promise<boolean> {
    return this.storage.wasAttempted(recordType);
  }

  markAttempted(recordType: RecordType): Promise<void> {
    return this.storage.markAttempted(recordType);
  }

  get records(): RecordOutcomes {
    return { ...this.outcomes };
  }

  /** An outcome decided without ESR (mapping, supersession, the ledger): saved with the next write. */
  note(recordType: RecordType, outcome: RecordOutcome): void {
    this.outcomes[recordType] = outcome;
  }

  /** The records about to be sent, shown `PENDING` to HR (one write, with every outcome noted before). */
  async sending(recordTypes: readonly RecordType[]): Promise<void> {
    if (recordTypes.length === 0) return;
    for (const type of recordTypes) this.outcomes[type] = 'PENDING';
    await this.storage.save(this.records);
  }

  /** ESR stored the record: its ledger entry is written at once. */
  async sent(recordType: RecordType, entry: LedgerEntry): Promise<void> {
    this.outcomes[recordType] = 'SENT';
    await this.storage.saveSent(recordType, entry);
  }

  /** Outcomes for a run that stopped: nothing stays `PENDING`. */
  final(): RecordOutcomes {
    return settledRecords(this.outcomes, this.before);
  }
}
