import { TRANSFER_JOB_NAME, type TransferQueue } from '../../src/store/transfer-queue';
import { isStrayJobFailure } from '../../src/transfer/trusted-job';
import type { TransferStore } from '../../src/transfer/transfer';
import type { StrayJob } from './fault-plan';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Adds the plan's stray jobs straight through BullMQ, as an admin with the dashboard's "add job"
 * (now refused) or anyone with Redis access could; an add that meets Redis restarting is tried
 * again until `deadline`. Returns the ids BullMQ gave them, and the adds that never went through.
 */
export async function addStrayJobs(
  queue: TransferQueue,
  jobs: readonly StrayJob[],
  deadline: number,
): Promise<{ ids: string[]; errors: string[] }> {
  const ids: string[] = [];
  const errors: string[] = [];
  for (const stray of jobs) {
    let lastError = '';
    for (let n = 0; Date.now() < deadline; n += 1) {
      try {
        const job = await queue.add(TRANSFER_JOB_NAME, stray.data, stray.jobId ? { jobId: stray.jobId } : {});
        if (job.id) ids.push(job.id);
        lastError = '';
        break;
      } catch (error) {
        lastError = (error as Error).message;
        await sleep(Math.min(1000, 50 * 2 ** n));
      }
    }
    if (lastError) errors.push(`stray job not added: ${lastError}`);
  }
  return { ids, errors };
}

export interface StrayJobsSection {
  added: number;
  /** Stray jobs BullMQ failed with the worker's refusal, before any request. */
  refused: number;
  /** Stray jobs in any other end (ran, or still waiting), with their state. */
  notRefused: string[];
  /** Transfer records that appeared under a stray job's id. */
  recordsCreated: string[];
}

/** Each stray job failed with the worker's refusal and left no transfer record behind. */
export async function checkStrayJobs(
  queue: TransferQueue,
  store: TransferStore,
  ids: readonly string[],
): Promise<{ section: StrayJobsSection; failures: string[] }> {
  const section: StrayJobsSection = { added: ids.length, refused: 0, notRefused: [], recordsCreated: [] };
  for (const id of ids) {
    const job = await queue.getJob(id);
    const state = job ? await job.getState() : 'missing';
    if (state === 'failed' && job && isStrayJobFailure(job.failedReason)) section.refused += 1;
    else section.notRefused.push(`${id}: ${state} ${job?.failedReason ?? ''}`.trim());
    if ((await store.read(id)).kind !== 'missing') section.recordsCreated.push(id);
  }
  const failures: string[] = [];
  if (section.notRefused.length > 0)
    failures.push(
      `${section.notRefused.length} stray jobs were not refused: ${section.notRefused.join('; ')}`,
    );
  if (section.recordsCreated.length > 0)
    failures.push(`stray jobs created transfer records: ${section.recordsCreated.join(', ')}`);
  return { section, failures };
}
