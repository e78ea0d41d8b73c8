import type { Organisation } from '../../config/organisations';
import type { EsrCandidate } from '../esr/esr-schemas';
import type { TracListQuery } from '../trac/trac-list';
import type { TracApplicant } from '../trac/trac-schemas';
import { searchEsr, type SearchApplicants } from '../transfer/search-esr';
import type { PreviewProgress, PreviewRecorder, PreviewRequest } from './preview';

/** What a preview reads: Trac's list and applicant, ESR's search. It writes to neither. */
export interface PreviewSources {
  listApplicants(query: TracListQuery): AsyncIterable<{ applicantId: string }>;
  getApplicant(applicantId: string): Promise<TracApplicant | undefined>;
  searchApplicants(query: {
    organisationCode: string;
    lastName: string;
    dateOfBirth: string;
  }): Promise<EsrCandidate[]>;
}

export interface PreviewDeps {
  sources: PreviewSources;
  recorder: PreviewRecorder;
  /** Applicants matched at the same time (each waits for the shared rate limit anyway). Default 8. */
  parallel?: number;
  /** Progress is written at most this often, milliseconds (and once at the end). Default 500. */
  progressEveryMs?: number;
  /** An applicant listed but not matched: Trac no longer holds it, or holds it elsewhere. Ids only. */
  onSkipped?(applicantId: string, why: 'not_found' | 'other_organisation'): void;
}

/** Trac's largest page: fewest list requests. */
const LIST_PAGE_SIZE = 200;

/**
 * One run of a preview: list the organisation's doctors in training (the statuses and date asked),
 * read each from Trac, search ESR by last name and date of birth (and again under the swapped date
 * where there is no match and the swap is another date), and record what a transfer would make of
 * it. Applicants an earlier attempt recorded are not searched again, so starting again is cheap and
 * safe. The first error stops every lane and is thrown: the job's retries own what happens next.
 */
export async function runPreview(
  request: PreviewRequest,
  organisation: Organisation,
  deps: PreviewDeps,
): Promise<PreviewProgress> {
  const { sources, recorder } = deps;
  const done = await recorder.checkedIds();
  const listing = sources
    .listApplicants({
      organisationCode: organisation.code,
      statuses: request.statuses.length > 0 ? request.statuses : undefined,
      changedSince: request.changedSince ?? undefined,
      doctorInTraining: true,
      limit: LIST_PAGE_SIZE,
    })
    [Symbol.asyncIterator]();
  const progress: PreviewProgress = { listed: 0, checked: 0 };
  let reportedAt = 0;
  let stopped = false;

  async function check(applicantId: string): Promise<void> {
    const applicant = await sources.getApplicant(applicantId);
    if (!applicant || applicant.organisationCode !== organisation.code) {
      deps.onSkipped?.(applicantId, applicant ? 'other_organisation' : 'not_found');
      return;
    }
    const search: SearchApplicants = (query) => sources.searchApplicants(query);
    const { classification } = await searchEsr(search, applicant.person, organisation);
    await recorder.saveItem({ applicantId, ...classification });
  }

  async function report(force: boolean): Promise<void> {
    if (!force && Date.now() - reportedAt < (deps.progressEveryMs ?? 500)) return;
    reportedAt = Date.now();
    await recorder.progress({ ...progress });
  }

  async function lane(): Promise<void> {
    try {
      while (!stopped) {
        const next = await listing.next();
        if (next.done) return;
        progress.listed += 1;
        if (!done.has(next.value.applicantId)) await check(next.value.applicantId);
        progress.checked += 1;
        await report(false);
      }
    } catch (error) {
      stopped = true;
      throw error;
    }
  }

  const lanes = await Promise.allSettled(Array.from({ length: deps.parallel ?? 8 }, lane));
  const failed = lanes.find((outcome) => outcome.status === 'rejected');
  if (failed) throw failed.reason;
  await report(true);
  return progress;
}
