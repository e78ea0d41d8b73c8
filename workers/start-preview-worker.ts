import { Worker } from 'bullmq';
import type Redis from 'ioredis';
import type { Config } from '../config';
import { createOrganisationDirectory } from '../config/organisations';
import { createEsrClient } from '../src/esr/esr-client';
import { createEsrRateLimiter } from '../src/store/esr-rate-limiter';
import { loggerInTrace, type Logger } from '../src/platform/logger';
import type { RunTrace } from '../src/platform/tracing/spans';
import { PREVIEW_QUEUE_NAME, type PreviewJobData } from '../src/store/preview-queue';
import { createPreviewStore } from '../src/store/preview-store';
import { createTracListCounter } from '../src/store/trac-list-counts';
import { createBackoffStrategy, type BackoffOptions } from '../src/store/transfer-backoff';
import { createTracClient } from '../src/trac/trac-client';
import { createPreviewProcessor } from './process-preview-job';
import { previewSpanAttributes } from './preview-span-attributes';
import { traceJobRuns } from './trace-job-runs';

export type PreviewWorkerConfig = Pick<
  Config,
  'queuePrefix' | 'organisationsFile' | 'esrRateLimitPerSecond' | 'httpTimeoutMs' | 'trac' | 'esr'
>;

export interface PreviewWorkerTuning {
  backoff?: BackoffOptions;
  /** Applicants matched at the same time in one preview; default 8. */
  parallel?: number;
}

/**
 * The match-preview edge of a worker process: one preview at a time per process. Every Trac and
 * ESR request of a preview takes a token of the shared ESR rate limit first (connector.md: a
 * preview's requests count against `ESR_RATE_LIMIT_PER_SECOND`), so a preview never crowds ESR.
 * Nothing here writes to ESR or Trac: the clients' only calls are list, read and search.
 */
export function startPreviewWorker(
  config: PreviewWorkerConfig,
  connection: Redis,
  logger: Logger,
  tuning: PreviewWorkerTuning = {},
): Worker<PreviewJobData> {
  const { trac, esr } = config;
  if (!trac.baseUrl || !esr.baseUrl)
    throw new Error('TRAC_BASE_URL and ESR_BASE_URL must be resolved before the preview worker starts');
  const log = logger.child({ component: 'match-preview' });
  const limiter = createEsrRateLimiter(connection, config.queuePrefix, config.esrRateLimitPerSecond);
  const beforeRequest = () => limiter.take();
  const tracClient = createTracClient({
    ...trac,
    baseUrl: trac.baseUrl,
    timeoutMs: config.httpTimeoutMs,
    beforeRequest,
    onListItemSkipped: createTracListCounter(connection, config.queuePrefix).skipped,
  });
  const esrClient = createEsrClient({
    ...esr,
    baseUrl: esr.baseUrl,
    timeoutMs: config.httpTimeoutMs,
    beforeRequest,
  });
  const store = createPreviewStore(connection, config.queuePrefix);
  const organisations = createOrganisationDirectory(config.organisationsFile);
  const processorIn = (runTrace: RunTrace) => {
    const [tracInRun, esrInRun] = [tracClient.inTrace(runTrace), esrClient.inTrace(runTrace)];
    return createPreviewProcessor({
      sources: {
        listApplicants: (query) => tracInRun.listApplicants(query),
        getApplicant: (applicantId) => tracInRun.getApplicant(applicantId),
        searchApplicants: (query) => esrInRun.searchApplicants(query),
      },
      store,
      organisations,
      logger: loggerInTrace(log, runTrace),
      now: () => new Date(),
      parallel: tuning.parallel,
    });
  };
  const traced = traceJobRuns('match preview', processorIn, previewSpanAttributes);
  const worker = new Worker<PreviewJobData>(PREVIEW_QUEUE_NAME, traced, {
    connection,
    prefix: config.queuePrefix,
    concurrency: 1,
    settings: { backoffStrategy: createBackoffStrategy(tuning.backoff) },
  });
  worker.on('error', (error) => log.error('preview worker error', { error: error.message }));
  return worker;
}
