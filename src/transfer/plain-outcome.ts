import type { Organisation } from '../../config/organisations';
import { plainProblem } from '../records/plain-problem';
import { REASONS, reasonMessage } from './reasons';
import type { Transfer } from './transfer';

/** What the HR pages (and Bull Board's failed reason) say of a transfer that did not simply complete. */
export interface PlainOutcome {
  /** What happened to this transfer, naming the check and field where there is one. */
  sentence: string;
  /** What to do about it, naming what to correct and where. */
  fix: string;
}

export type OutcomeFacts = Pick<
  Transfer,
  'reason' | 'message' | 'problem' | 'attempts' | 'organisationCode' | 'applicantId'
>;

const asSentence = (phrase: string) => `${phrase.charAt(0).toUpperCase()}${phrase.slice(1)}.`;

/** Which system kept failing, read from the API's message of a `RETRIES_EXHAUSTED` (`last: ESR …`). */
function failingSystem(message: string | null): string {
  const last = /\(last: (ESR|Trac)\b/.exec(message ?? '');
  return last?.[1] ?? 'ESR or Trac';
}

/**
 * The sentence of a completed transfer (`reason: null`) whose outstanding records were asked for,
 * for HR: a send that did not finish names its cause by its title only (`did not finish (ESR or
 * Trac kept failing)`), not the API's detail (`ESR post-references: answered 503`).
 */
export function plainCompletedMessage(message: string | null): string | null {
  if (!message) return null;
  return message.replace(
    /did not finish \((.+?): .*?\)\. Nothing is ever sent twice/s,
    'did not finish ($1). Nothing is ever sent twice',
  );
}

/**
 * The transfer's outcome in plain English. The API's `message` keeps the codes, statuses and field
 * paths support staff compare with logs (`dbs.certificateNumber: must be 12 digits`, `answered
 * 503`); HR reads this instead: the check and field in words (plain-problem.ts), the failing
 * system by name. Reasons whose message holds none of those keep their sentence. Undefined for a
 * transfer with no reason.
 */
export function plainOutcome(transfer: OutcomeFacts, organisation?: Organisation): PlainOutcome | undefined {
  const { reason } = transfer;
  if (!reason) return undefined;
  const fix = asSentence(REASONS[reason].fix);
  if (transfer.problem && (reason === 'INVALID_TRAC_DATA' || reason === 'ESR_REJECTED')) {
    const plain = plainProblem(transfer.problem);
    const after =
      reason === 'INVALID_TRAC_DATA'
        ? ' Nothing was sent.'
        : ' Records ESR already holds are not sent again.';
    return { sentence: `${plain.sentence}${after}`, fix: plain.fix };
  }
  switch (reason) {
    case 'INVALID_TRAC_DATA':
      return { sentence: "A check in Trac breaks ESR's rules, so nothing was sent.", fix };
    case 'ESR_REJECTED':
      return { sentence: 'ESR refused the data. Records ESR already holds are not sent again.', fix };
    case 'TRAC_REJECTED':
      return { sentence: "Trac refused the connector's request, so nothing was sent.", fix };
    case 'RETRIES_EXHAUSTED':
      return {
        sentence: `The transfer could not finish after ${transfer.attempts} attempts: ${failingSystem(transfer.message)} kept failing. Nothing was sent twice.`,
        fix,
      };
    default:
      return { sentence: transfer.message ?? reasonMessage(reason, { ...transfer, organisation }), fix };
  }
}

/**
 * The failed reason of a job whose transfer ended with a reason, as Bull Board shows it: the
 * reason and its sentence in HR's words (`No matching applicant in ESR (NO_ESR_MATCH). No
 * TIS-created applicant …`), so that support staff read there what HR reads on the pages.
 */
export function failedJobReason(
  facts: OutcomeFacts & { reason: NonNullable<OutcomeFacts['reason']> },
  organisation?: Organisation,
): string {
  const plain = plainOutcome(facts, organisation);
  return `${REASONS[facts.reason].title} (${facts.reason}). ${plain?.sentence ?? ''} ${plain?.fix ?? ''}`.trim();
}
