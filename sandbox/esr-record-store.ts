import type { RecordType } from './record-types';

export interface StoredRecord {
  esrRecordId: string;
  esrApplicantId: string;
  recordType: RecordType;
  idempotencyKey: string;
  storedAt: string;
  body: unknown;
}

/** A stored record as `GET /sandbox/records` shows it. */
export interface StoredRecordView extends StoredRecord {
  /** How many records were stored under this key: anything above 1 means a record went twice. */
  timesKeyStored: number;
}

export interface RecordFilter {
  esrApplicantId?: string;
  recordType?: string;
}

/** A raw POST body ESR received, whatever became of it (also rejected, faulted and lost ones). */
export interface ReceivedPost {
  path: string;
  idempotencyKey: string | null;
  receivedAt: string;
  body: string;
}

export interface EsrRecordStore {
  store(record: Omit<StoredRecord, 'esrRecordId'>): StoredRecord;
  list(filter?: RecordFilter): StoredRecordView[];
  count(): number;
  logPost(post: ReceivedPost): void;
  posts(): readonly ReceivedPost[];
}

/** ESR record ids look like ESR's numeric ids and never repeat within one sandbox. */
const FIRST_RECORD_ID = 90_000_001;

/**
 * Records ESR stored. ESR has no delete (esr.md), so neither does this store. `logRequests: false`
 * keeps no raw bodies, for benchmark runs that would otherwise hold every body twice.
 */
export function createEsrRecordStore(logRequests: boolean): EsrRecordStore {
  const records: StoredRecord[] = [];
  const byApplicant = new Map<string, StoredRecord[]>();
  const timesByKey = new Map<string, number>();
  const received: ReceivedPost[] = [];

  const view = (record: StoredRecord): StoredRecordView => ({
    ...record,
    timesKeyStored: timesByKey.get(record.idempotencyKey) ?? 0,
  });

  return {
    store(fields) {
      const record = { esrRecordId: String(FIRST_RECORD_ID + records.length), ...fields };
      records.push(record);
      byApplicant.set(record.esrApplicantId, [...(byApplicant.get(record.esrApplicantId) ?? []), record]);
      timesByKey.set(record.idempotencyKey, (timesByKey.get(record.idempotencyKey) ?? 0) + 1);
      return record;
    },
    list(filter = {}) {
      const candidates =
        filter.esrApplicantId === undefined ? records : (byApplicant.get(filter.esrApplicantId) ?? []);
      return candidates
        .filter((record) => filter.recordType === undefined || record.recordType === filter.recordType)
        .map(view);
    },
    count: () => records.length,
    logPost(post) {
      if (logRequests) received.push(post);
    },
    posts: () => received,
  };
}
