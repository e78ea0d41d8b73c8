import { UnrecoverableError, Worker } from 'bullmq';
import type Redis from 'ioredis';
import type { Config } from '../config';
import { createOrganisationDirectory } from '../config/organisations';
import { sendDigest } from '../src/digest/send-digest';
import { createSmtpMailer } from '../src/digest/smtp-mailer';
import type { Logger } from '../src/platform/logger';
import {
  createDigestQueue,
  DEFAULT_DIGEST_RETRY,
  DIGEST_QUEUE_NAME,
  digestSlotOf,
  scheduleDigest,
  unscheduleDigest,
  type DigestJobData,
  type DigestRetry,
} from '../src/store/digest-queue';
import { createDigestSlots } from '../src/store/digest-slots';
import { createTransferQueries } from '../src/store/transfer-queries';
import { createTransferQueue } from '../src/store/transfer-queue';
import { createTransferStore } from '../src/store/transfer-store';
import { traceJobRuns } from './trace-job-runs';

export type DigestWorkerConfig = Pick<
  Config,
  | 'queuePrefix'
  | 'organisationsFile'
  | 'transferAttempts'
  | 'smtpUrl'
  | 'digestFrom'
  | 'digestSchedule'
  | 'publicBaseUrl'
>;

export interface DigestWorkerTuning {
  retry?: DigestRetry;
  /** The clock of the 10-minute "send now" window (tests move it); default the system's. */
  now?: () => Date;
}

export interface DigestWorker {
  /** Resolves once the scheduler is registered (or removed, without `SMTP_URL`). */
  ready: Promise<void>;
  close(): Promise<void>;
}

/**
 * The digest edge of a worker process: with `SMTP_URL`, the scheduler (upserted by every worker:
 * BullMQ makes one job per scheduled time, whichever process takes it) and a worker for the
 * digest queue, one run at a time. Without it, no digest: the scheduler is removed and nothing
 * listens.
 */
export function startDigestWorker(
  config: DigestWorkerConfig,
  connection: Redis,
  logger: Logger,
  tuning: DigestWorkerTuning = {},
): DigestWorker {
  const log = logger.child({ component: 'digest' });
  const queue = createDigestQueue(connection, config.queuePrefix, log);
  const { smtpUrl } = config;
  if (!smtpUrl) {
    const ready = unscheduleDigest(queue);
    ready.catch((error: Error) => log.error('digest schedule not removed', { error: error.message }));
    return { ready, close: () => ready.catch(() => undefined).then(() => queue.close()) };
  }
  const retry = tuning.retry ?? DEFAULT_DIGEST_RETRY;
  const ready = scheduleDigest(queue, config.digestSchedule, retry);
  ready.catch((error: Error) => log.error('digest schedule not registered', { error: error.message }));
  const smtp = createSmtpMailer(smtpUrl);
  // read only (the admin queries list through it): nothing is added to it here
  const transfers = createTransferQueue(connection, config.queuePrefix, config.transferAttempts, log);
  const deps = {
    organisations: createOrganisationDirectory(config.organisationsFile),
    queries: createTransferQueries(connection, config.queuePrefix, transfers),
    store: createTransferStore(connection, config.queuePrefix),
    slots: createDigestSlots(connection, config.queuePrefix, tuning.now),
    mailer: smtp,
    from: config.digestFrom,
    publicBaseUrl: config.publicBaseUrl,
    logger: log,
  };
  const worker = new Worker<DigestJobData>(
    DIGEST_QUEUE_NAME,
    traceJobRuns('digest', async (job) => {
      const slot = digestSlotOf(job);
      if (!slot) throw new UnrecoverableError(`not a digest job this connector made: ${job.id}`);
      return sendDigest(deps, slot, job.data.organisations ?? '*');
    }),
    { connection, prefix: config.queuePrefix, concurrency: 1 },
  );
  worker.on('error', (error) => log.error('digest worker error', { error: error.message }));
  worker.on('failed', (job, error) =>
    log.warn('digest run failed', { jobId: job?.id, attemptsMade: job?.attemptsMade, error: error.message }),
  );
  return {
    ready,
    async close() {
      await worker.close();
      await Promise.all([queue.close(), transfers.close()]);
      smtp.close();
    },
  };
}
