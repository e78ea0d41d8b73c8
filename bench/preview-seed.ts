import { generateApplicants, type SandboxSeed } from '../sandbox';
import { swappedDateOfBirth } from '../src/transfer/classify-match';

/** The preview phase's organisation: apart from the transfer phases' R0A applicants. */
export const PREVIEW_BENCH_ORGANISATION = '7A1';
export const PREVIEW_BENCH_STATUS = 'Offer: Accepted';
/** Trac's largest page, as the preview lists. */
const PAGE_SIZE = 200;

/**
 * `count` applicants of 7A1 at "Offer: Accepted" (so no sweep starts a transfer for them), `P-000001`…
 * Every other one has no ESR record: no match, so it is searched again under the swapped birth
 * date wherever that is another date. Deterministic: the sandbox process and the benchmark build
 * the same seed.
 */
export function previewBenchSeed(count: number): SandboxSeed {
  const seed = generateApplicants(count, {
    idPrefix: 'P',
    organisationCode: PREVIEW_BENCH_ORGANISATION,
    recordOrigin: 'HICOM',
  });
  return {
    trac: {
      applicants: seed.trac.applicants.map((a) => ({
        ...a,
        applicant: { ...a.applicant, status: PREVIEW_BENCH_STATUS },
      })),
    },
    esr: {
      organisations: seed.esr.organisations,
      applicants: seed.esr.applicants.filter((_a, i) => i % 2 === 0),
    },
  };
}

export interface PreviewRequestCount {
  tracListPages: number;
  tracReads: number;
  esrSearches: number;
  /** Every one takes a token of the shared ESR rate limit (connector.md "Match preview"). */
  total: number;
}

/** The requests a preview of the seed makes: pages of 200, one read each, one or two searches each. */
export function previewRequestCount(seed: SandboxSeed): PreviewRequestCount {
  const matched = new Set(seed.esr.applicants.map((a) => a.esrApplicantId));
  const applicants = seed.trac.applicants;
  const swapSearches = applicants.filter(
    ({ applicant }) =>
      !matched.has(`ESR-${applicant.applicantId}`) && swappedDateOfBirth(applicant.person.dateOfBirth),
  ).length;
  const counts = {
    tracListPages: Math.max(1, Math.ceil(applicants.length / PAGE_SIZE)),
    tracReads: applicants.length,
    esrSearches: applicants.length + swapSearches,
  };
  return { ...counts, total: counts.tracListPages + counts.tracReads + counts.esrSearches };
}
