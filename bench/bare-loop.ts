import { SANDBOX_CREDENTIALS } from '../config';
import { createOrganisationDirectory } from '../config/organisations';
import { createEsrClient } from '../src/esr/esr-client';
import { transferIdOf } from '../src/transfer/transfer-ids';
import type { RecordType } from '../src/records/record-types';
import { createTracClient } from '../src/trac/trac-client';
import { RecordTracker } from '../src/transfer/record-tracker';
import { runTransfer, type TransferDeps } from '../src/transfer/run-transfer';
import type { LedgerEntry, TransferStore } from '../src/transfer/transfer';
import { round, startCpuMeter, type CpuReading } from './process-stats';
import { distributionOf, type Distribution } from './stats';

export interface BareLoopFigures {
  transfers: number;
  concurrency: number;
  /** Transfers that did not end `reason: null` (sent): any is a defect of the run. */
  notSent: number;
  transfersPerSecond: number;
  durationMs: Distribution;
  elapsedSeconds: number;
  /** CPU per process; per unit = per transfer. */
  cpu: CpuReading;
}

const notUsed = (name: string) => () => Promise.reject(new Error(`${name} is not used by the bare loop`));

/** The ledger in memory: the only store calls `runTransfer` makes. No Redis at all. */
function inMemoryStore(): TransferStore {
  const ledgers = new Map<string, Partial<Record<RecordType, LedgerEntry>>>();
  const attempted = new Set<string>();
  return {
    claim: notUsed('claim'),
    releaseClaim: notUsed('releaseClaim'),
    reopen: notUsed('reopen'),
    get: notUsed('get'),
    read: notUsed('read'),
    update: notUsed('update'),
    requestOutstanding: notUsed('requestOutstanding'),
    listFinished: notUsed('listFinished'),
    ledger: (transferId) => Promise.resolve({ ...ledgers.get(transferId) }),
    recordSent(transferId, recordType, entry) {
      ledgers.set(transferId, { ...ledgers.get(transferId), [recordType]: entry });
      return Promise.resolve();
    },
    markAttempted: (transferId, recordType) =>
      Promise.resolve(attempted.add(`${transferId}|${recordType}`).size > 0),
    wasAttempted: (transferId, recordType) => Promise.resolve(attempted.has(`${transferId}|${recordType}`)),
  };
}

function transferDeps(tracUrl: string, esrUrl: string): TransferDeps {
  const timeoutMs = 10_000;
  return {
    trac: createTracClient({ baseUrl: tracUrl, ...SANDBOX_CREDENTIALS.trac, timeoutMs }),
    esr: createEsrClient({ baseUrl: esrUrl, ...SANDBOX_CREDENTIALS.esr, timeoutMs }),
    organisations: createOrganisationDirectory('config/organisations.json'),
    triggerStatuses: ['Outcome: Recruited'],
    now: () => new Date(),
  };
}

/**
 * The end-to-end baseline: the same HTTP calls as a transfer (Trac token once, applicant, six
 * checks; ESR token once, search, six POSTs), made by the connector's own clients and `runTransfer`
 * in this process, `concurrency` at a time, with no queue, no Redis, no rate limiter, no worker.
 */
export async function runBareLoop(options: {
  tracUrl: string;
  esrUrl: string;
  applicantIds: readonly string[];
  concurrency: number;
  signal: AbortSignal;
  sandboxPid: number;
}): Promise<BareLoopFigures> {
  const deps = transferDeps(options.tracUrl, options.esrUrl);
  const store = inMemoryStore();
  const durations: number[] = [];
  let notSent = 0;
  let next = 0;
  const meter = startCpuMeter({ loop: process.pid, sandboxes: options.sandboxPid });
  const startedAt = Date.now();

  async function lane(): Promise<void> {
    while (next < options.applicantIds.length) {
      options.signal.throwIfAborted();
      const applicantId = options.applicantIds[next++] ?? '';
      const began = performance.now();
      const request = { transferId: transferIdOf('R0A', applicantId), organisationCode: 'R0A', applicantId };
      const tracker = new RecordTracker({
        ledger: () => store.ledger(request.transferId),
        wasAttempted: (recordType) => store.wasAttempted(request.transferId, recordType),
        markAttempted: async (recordType) => void (await store.markAttempted(request.transferId, recordType)),
        save: () => Promise.resolve(),
        saveSent: (recordType, entry) => store.recordSent(request.transferId, recordType, entry),
      });
      const result = await runTransfer(request, deps, tracker).catch(() => undefined);
      if (result?.reason !== null) notSent += 1;
      durations.push(performance.now() - began);
    }
  }

  await Promise.all(Array.from({ length: options.concurrency }, lane));
  const elapsedSeconds = (Date.now() - startedAt) / 1000;
  return {
    transfers: options.applicantIds.length,
    concurrency: options.concurrency,
    notSent,
    transfersPerSecond: round(options.applicantIds.length / elapsedSeconds),
    durationMs: distributionOf(durations),
    elapsedSeconds: round(elapsedSeconds),
    cpu: meter.read(options.applicantIds.length),
  };
}
