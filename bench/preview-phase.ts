import type { BenchEnvironment } from './bench-environment';
import {
  PREVIEW_BENCH_ORGANISATION,
  PREVIEW_BENCH_STATUS,
  previewBenchSeed,
  previewRequestCount,
  type PreviewRequestCount,
} from './preview-seed';
import { round } from './process-stats';
import { sleep, type RunScope } from './run-scope';
import { createPreviewQueue, queuePreview } from '../src/store/preview-queue';
import { createPreviewStore } from '../src/store/preview-store';

/** `ESR_RATE_LIMIT_PER_SECOND`'s default (connector.md): the preview is measured under it. */
export const DEFAULT_ESR_RATE_LIMIT_PER_SECOND = 50;
/** What a preview may take beyond the rate limit's own bound (issue 12): 10 %. */
const ALLOWANCE = 1.1;

export interface PreviewFigures {
  applicants: number;
  esrRateLimitPerSecond: number;
  elapsedSeconds: number;
  applicantsPerSecond: number;
  /** Requests made, each under the rate limit: the bound is `total / limit` seconds. */
  requests: PreviewRequestCount;
  /** `requests.total / esrRateLimitPerSecond`: the fastest the rate limit allows. */
  rateLimitSeconds: number;
  /** Elapsed ≤ rateLimitSeconds × 1.1. */
  withinTarget: boolean;
  counts: Record<string, number>;
}

export interface PreviewPhaseOptions {
  applicants: number;
  log(line: string): void;
}

/**
 * One match preview of `applicants` 7A1 applicants by a real worker process at the default ESR
 * rate limit: queued straight into Redis (what `POST /admin/match-previews` does), timed from
 * queueing to its `finishedAt`.
 */
export async function runPreviewPhase(
  env: BenchEnvironment,
  options: PreviewPhaseOptions,
  scope: RunScope,
): Promise<PreviewFigures> {
  const prefix = env.prefixFor('preview');
  const limit = DEFAULT_ESR_RATE_LIMIT_PER_SECOND;
  const worker = await env.startWorker(prefix, 1, 0, {
    ESR_RATE_LIMIT_PER_SECOND: String(limit),
    RECONCILE_INTERVAL_SECONDS: '0',
  });
  const store = createPreviewStore(env.redis, prefix);
  const queue = createPreviewQueue(env.redis, prefix);
  try {
    const request = {
      organisationCode: PREVIEW_BENCH_ORGANISATION,
      statuses: [PREVIEW_BENCH_STATUS],
      changedSince: null,
    };
    const previewId = await store.create(request, new Date());
    const queuedAt = Date.now();
    await queuePreview(queue, { previewId, ...request }, 8);
    options.log(`preview ${previewId}: ${options.applicants} applicants at ${limit} requests/s`);
    for (;;) {
      if (scope.signal.aborted) throw scope.signal.reason as Error;
      const summary = await store.summary(previewId);
      if (summary?.state === 'failed') throw new Error(`preview failed: ${summary.failedReason ?? ''}`);
      if (summary?.state === 'completed' && summary.finishedAt) {
        const elapsedSeconds = (Date.parse(summary.finishedAt) - queuedAt) / 1000;
        const requests = previewRequestCount(previewBenchSeed(options.applicants));
        const rateLimitSeconds = requests.total / limit;
        return {
          applicants: summary.progress.checked,
          esrRateLimitPerSecond: limit,
          elapsedSeconds: round(elapsedSeconds, 2),
          applicantsPerSecond: round(summary.progress.checked / elapsedSeconds, 2),
          requests,
          rateLimitSeconds: round(rateLimitSeconds, 2),
          withinTarget: elapsedSeconds <= rateLimitSeconds * ALLOWANCE,
          counts: summary.counts,
        };
      }
      await sleep(200, scope.signal);
    }
  } finally {
    await queue.close();
    await worker.stop();
  }
}
