import { Job, SpanKind, TelemetryAttributes, trace, type IRedisTransaction } from 'bullmq';
import { addStandardJob } from 'bullmq/dist/cjs/scripts/addStandardJob-9';
import { TRANSFER_JOB_NAME, validJob, type TransferQueue } from './transfer-queue';
import type { TransferJob } from '../transfer/transfer-job';

/**
 * BullMQ's own add of a transfer job (`addStandardJob`, the script `Queue.add` runs for a job
 * without delay or priority), as its keys and arguments, built by BullMQ's own code: for a script
 * of ours to run in the same call as a claim (src/store/delivery-claim.ts).
 */
export interface PreparedTransferAdd {
  /** BullMQ's 9 keys then its 3 arguments (packed arguments, job data, packed options). */
  keys: string[];
  args: (string | Buffer)[];
  /** The job's own key (`<prefix>:<queue>:<jobId>`): an add is a no-op when it exists. */
  jobKey: string;
}

/** How many keys BullMQ's add takes: the composed script's keys start after them. */
export const BULLMQ_ADD_KEYS = addStandardJob.keys;

/**
 * BullMQ's `addStandardJob` script text with its fragments in place, as BullMQ ships it for the
 * installed version (the same text `Queue.add` sends).
 */
export const BULLMQ_ADD_SCRIPT: string = addStandardJob.content;

/**
 * Prepares the add `queue.add(TRANSFER_JOB_NAME, data, { jobId: transferId })` would make, and
 * hands it to `run`, which sends it inside a script of its own. BullMQ builds the job (options
 * merged with the queue's defaults, telemetry: the caller's trace context in the job when tracing is
 * on, inside the same `add` span `Queue.add` makes) and its arguments: they are captured from
 * BullMQ's public `addJobToTransaction` instead of being sent.
 */
export function withTransferAdd<T>(
  queue: TransferQueue,
  data: TransferJob,
  run: (add: PreparedTransferAdd) => Promise<T>,
): Promise<T> {
  const { jobData, jobId } = validJob(data);
  const destination = `${queue.name}.${TRANSFER_JOB_NAME}`;
  return trace(
    queue.opts.telemetry,
    SpanKind.PRODUCER,
    queue.name,
    'add',
    destination,
    // two parameters: BullMQ computes the propagation metadata only for such a callback
    async (span, metadata) => {
      const telemetry = metadata ? { telemetry: { metadata } } : {};
      const opts = { ...queue.defaultJobOptions, ...telemetry, jobId };
      const job = new Job(queue, TRANSFER_JOB_NAME, jobData, opts, jobId);
      let captured: { name: string; args: (string | Buffer)[] } | undefined;
      const capture = {
        runCommand(name: string, args: (string | Buffer)[]) {
          captured = { name, args };
          return capture;
        },
      };
      await queue.backend.addJobToTransaction(capture as unknown as IRedisTransaction, job.asJSON(), jobId);
      if (!captured?.name.startsWith(`${addStandardJob.name}:`)) {
        throw new Error(`BullMQ did not prepare ${addStandardJob.name} for a transfer job`);
      }
      const keys = captured.args.slice(0, BULLMQ_ADD_KEYS).map(String);
      const args = captured.args.slice(BULLMQ_ADD_KEYS);
      span?.setAttributes({
        [TelemetryAttributes.JobName]: TRANSFER_JOB_NAME,
        [TelemetryAttributes.JobId]: jobId,
      });
      return run({ keys, args, jobKey: queue.toKey(jobId) });
    },
  );
}
