import { UnrecoverableError, type Job } from 'bullmq';
import type Redis from 'ioredis';
import type { Config } from '../config';
import { createOrganisationDirectory } from '../config/organisations';
import { sendDigest } from '../src/digest/send-digest';
import { createSmtpMailer } from '../src/digest/smtp-mailer';
import { loggerInTrace, type Logger } from '../src/platform/logger';
import {
  DEFAULT_DIGEST_RETRY,
  DIGEST_QUEUE_NAME,
  digestSchedule,
  digestSlotOf,
  type DigestJobData,
  type DigestRetry,
} from '../src/store/digest-queue';
import { createDigestSlots } from '../src/store/digest-slots';
import { startRecurringJob } from '../src/store/recurring-job';
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
 * digest queue, one run at a time across every process (src/store/recurring-job.ts). Without it,
 * no digest: the scheduler is removed and nothing listens.
 */
export function startDigestWorker(
  config: DigestWorkerConfig,
  connection: Redis,
  logger: Logger,
  tuning: DigestWorkerTuning = {},
): DigestWorker {
  const log = logger.child({ component: 'digest' });
  const { smtpUrl } = config;
  if (!smtpUrl) {
    const { ready, close } = startRecurringJob<DigestJobData, unknown>(connection, config.queuePrefix, log, {
      queueName: DIGEST_QUEUE_NAME,
      label: 'digest',
      schedules: [digestSchedule(undefined)],
    });
    return { ready, close };
  }
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
  const digest = startRecurringJob(connection, config.queuePrefix, log, {
    queueName: DIGEST_QUEUE_NAME,
    label: 'digest',
    schedules: [digestSchedule(config.digestSchedule, tuning.retry ?? DEFAULT_DIGEST_RETRY)],
    process: traceJobRuns('digest', (runTrace) => async (job: Job<DigestJobData>) => {
      const slot = digestSlotOf(job);
      if (!slot) throw new UnrecoverableError(`not a digest job this connector made: ${job.id}`);
      return sendDigest(
        { ...deps, logger: loggerInTrace(log, runTrace) },
        slot,
        job.data.organisations ?? '*',
      );
    }),
  });
  digest.worker?.on('failed', (job, error) =>
    log.warn('digest run failed', { jobId: job?.id, attemptsMade: job?.attemptsMade, error: error.message }),
  );
  return {
    ready: digest.ready,
    async close() {
      await digest.close();
      await transfers.close();
      smtp.close();
    },
  };
}
