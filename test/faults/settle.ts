import type { TransferQueue } from '../../src/store/transfer-queue';
import { FINISHED_STATES, type TransferStore } from '../../src/transfer/transfer';

interface Progress {
  final: number;
  unfinishedJobs: number;
}

/** How long BullMQ must hold no unfinished job before the transfers that are not final count as lost. */
const NOTHING_LEFT_MS = 5000;
const POLL_MS = 500;
const LOG_EVERY_MS = 5000;

async function progressOf(store: TransferStore, queue: TransferQueue): Promise<Progress> {
  const totals = await Promise.all(FINISHED_STATES.map((state) => store.listFinished(state, 0, 1)));
  const final = totals.reduce((sum, { total }) => sum + total, 0);
  const counts = await queue.getJobCounts('active', 'waiting', 'delayed', 'prioritized', 'waiting-children');
  return { final, unfinishedJobs: Object.values(counts).reduce((a, b) => a + b, 0) };
}

/**
 * Polls the transfer store's final-state indexes and BullMQ's counts until every transfer is final and no
 * job is left; or until no job has been left for a while although some transfers are not final
 * (nothing will ever finish them: lost); or until `until` (epoch ms). True when every transfer is final.
 */
export async function waitUntilSettled(
  store: TransferStore,
  queue: TransferQueue,
  total: number,
  until: number,
  log: (line: string) => void,
): Promise<boolean> {
  let lastLog = 0;
  let idleSince: number | undefined;
  while (Date.now() < until) {
    const progress = await progressOf(store, queue).catch(() => undefined); // Redis may be restarting
    if (progress && progress.unfinishedJobs === 0) {
      if (progress.final === total) return true;
      idleSince ??= Date.now();
      if (Date.now() - idleSince > NOTHING_LEFT_MS) {
        log(`  no job left, yet ${total - progress.final} transfers are not final`);
        return false;
      }
    } else if (progress) idleSince = undefined;
    if (progress && Date.now() - lastLog > LOG_EVERY_MS) {
      log(`  ${progress.final}/${total} transfers final, ${progress.unfinishedJobs} jobs unfinished`);
      lastLog = Date.now();
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
  return false;
}
