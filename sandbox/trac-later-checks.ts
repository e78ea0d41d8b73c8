import type { TracCheck, TracSandboxApplicant, TracSandboxCheckType } from './trac-data';

/**
 * The checks as Trac holds them at a moment: an applicant's `later` check replaces its check of
 * the same type once `afterSeconds` have passed since that check was first read (by anyone).
 */
export function createLaterChecks(now: () => number) {
  const firstReads = new Map<string, number>();
  return {
    checkAt(stored: TracSandboxApplicant, type: TracSandboxCheckType): TracCheck | undefined {
      const later = stored.later?.checks[type];
      if (!later || !stored.later) return stored.checks[type];
      const key = `${stored.applicant.applicantId}|${type}`;
      const firstRead = firstReads.get(key) ?? now();
      firstReads.set(key, firstRead);
      return now() - firstRead >= stored.later.afterSeconds * 1000 ? later : stored.checks[type];
    },
  };
}
