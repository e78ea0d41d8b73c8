import { UnrecoverableError, type Job } from 'bullmq';
import type { OrganisationDirectory } from '../config/organisations';
import { PermanentError } from '../src/platform/errors';
import type { Logger } from '../src/platform/logger';
import { runPreview, type PreviewSources } from '../src/preview/run-preview';
import type { PreviewProgress } from '../src/preview/preview';
import { previewJobDataOf, type PreviewJobData } from '../src/store/preview-queue';
import type { PreviewStore } from '../src/store/preview-store';
import { TracListDidNotEndError } from '../src/trac/trac-list';

export interface PreviewProcessorDeps {
  sources: PreviewSources;
  store: PreviewStore;
  organisations: OrganisationDirectory;
  logger: Logger;
  now: () => Date;
  /** Applicants matched at the same time in one preview. */
  parallel?: number;
}

/** The sentence a failed preview shows: what stopped it and what to do. Identifiers and codes only. */
function failedReasonOf(error: unknown, attempt: number): string {
  const detail = error instanceof Error ? error.message : String(error);
  if (error instanceof PermanentError) return `${detail} Fix the cause, then start the preview again.`;
  if (error instanceof TracListDidNotEndError)
    return `${detail} Nothing was written anywhere. Start the preview again later; if it ends the same way, ask Trac’s supplier to look at the list of applicants.`;
  return `Trac or ESR kept failing through ${attempt} attempts (last: ${detail}). Start the preview again once they answer.`;
}

/**
 * The BullMQ edge of a match preview: trusts only a job it made (id = preview id), re-checks the
 * organisation, runs the preview, keeps the stored state in step (and Bull Board's progress). A
 * permanent error, a Trac list that did not end (a retry soon after would most likely meet the
 * same list, and the previews queued behind it would wait again), or the last attempt's error,
 * fails the preview with its
 * reason; any other error is retried by BullMQ, and the next attempt skips what was already
 * matched.
 */
export function createPreviewProcessor(deps: PreviewProcessorDeps) {
  return async (job: Job<PreviewJobData>): Promise<PreviewProgress> => {
    const data = previewJobDataOf(job);
    if (!data) throw new UnrecoverableError(`not a match preview job this connector made: ${job.id}`);
    const { previewId } = data;
    const logger = deps.logger.child({ previewId, organisationCode: data.organisationCode });
    const attempt = job.attemptsMade + 1;
    const fail = async (reason: string): Promise<never> => {
      await deps.store.update(previewId, {
        state: 'failed',
        failedReason: reason,
        finishedAt: deps.now().toISOString(),
      });
      logger.warn('match preview failed', { attempt, reason });
      throw new UnrecoverableError(reason);
    };

    const organisation = deps.organisations.findEnabled(data.organisationCode);
    if (!organisation) {
      return fail(
        `Organisation ${data.organisationCode} is not enabled for this service, so nothing was listed.`,
      );
    }
    await deps.store.update(previewId, { state: 'active' });
    try {
      const progress = await runPreview(data, organisation, {
        sources: deps.sources,
        parallel: deps.parallel,
        recorder: {
          checkedIds: () => deps.store.checkedIds(previewId),
          saveItem: (item) => deps.store.saveItem(previewId, item),
          progress: async (p) => {
            await Promise.all([job.updateProgress(p), deps.store.update(previewId, { progress: p })]);
          },
        },
        onSkipped: (applicantId, why) =>
          logger.info('applicant listed but not matched', { applicantId, why }),
      });
      await deps.store.update(previewId, { state: 'completed', finishedAt: deps.now().toISOString() });
      logger.info('match preview completed', { ...progress, attempt });
      return progress;
    } catch (error) {
      const final = error instanceof PermanentError || error instanceof TracListDidNotEndError;
      if (final || attempt >= (job.opts.attempts ?? 1)) {
        return fail(failedReasonOf(error, attempt));
      }
      await deps.store.update(previewId, { state: 'waiting' });
      logger.warn('match preview attempt failed; will retry', {
        attempt,
        error: error instanceof Error ? error.message : String(error),
      });
      throw error;
    }
  };
}
