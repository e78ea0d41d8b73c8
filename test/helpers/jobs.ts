import type { Queue } from 'bullmq';

/** Resolves with `completed` or `failed` once the job has finished; throws after `timeoutMs`. */
export async function jobSettled(
  queue: Queue,
  jobId: string,
  timeoutMs = 15_000,
): Promise<'completed' | 'failed'> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const state = await (await queue.getJob(jobId))?.getState();
    if (state === 'completed' || state === 'failed') return state;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`job ${jobId} of ${queue.name} did not finish within ${timeoutMs} ms`);
}
