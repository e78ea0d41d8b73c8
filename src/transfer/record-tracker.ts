import type { RecordOutcome, RecordType } from '../records/record-types';
import { allRecords, type RecordOutcomes } from './transfer-store';

/**
 * The per-record outcomes of one run, reported on every change (job progress, transfer store) so
 * HR and support see progress. `final()` turns records still in flight into `NOT_SENT`.
 */
export class RecordTracker {
  private readonly outcomes: RecordOutcomes = allRecords('NOT_SENT');

  constructor(private readonly onChange: (records: RecordOutcomes, changed: RecordType) => Promise<void>) {}

  get records(): RecordOutcomes {
    return { ...this.outcomes };
  }

  async set(recordType: RecordType, outcome: RecordOutcome): Promise<void> {
    this.outcomes[recordType] = outcome;
    await this.onChange(this.records, recordType);
  }

  /** Outcomes for a run that stopped: nothing stays `PENDING`. */
  final(): RecordOutcomes {
    const records = this.records;
    for (const type of Object.keys(records) as RecordType[]) {
      if (records[type] === 'PENDING') records[type] = 'NOT_SENT';
    }
    return records;
  }
}
