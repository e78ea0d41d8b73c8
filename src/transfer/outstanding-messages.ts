import type { Organisation } from '../../config/organisations';
import type { ReasonCode } from '../platform/errors';
import { RECORD_NAMES, type RecordType } from '../records/record-types';
import { providerName } from './match-hints';
import { REASONS } from './reasons';
import type { SendOutstandingResult } from './run-send-outstanding';

/** What a send-outstanding sentence may name. */
export interface OutstandingContext {
  /** The records outstanding when the run began. */
  asked: readonly RecordType[];
  /** The records still outstanding after it. */
  outstanding: readonly RecordType[];
  esrApplicantId: string;
  organisation: Organisation | undefined;
}

/** `references`, `DBS check and references`, `DBS check, references and EU settlement status`. */
export function namesOf(types: readonly RecordType[]): string {
  const names = types.map((type) => RECORD_NAMES[type]);
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

/** How HR checks in ESR that a record is this applicant's before entering anything by hand. */
const CHECK_FIRST =
  "first check in ESR that the record is this applicant's (compare the post or vacancy and the GMC or GDC number it holds with Trac)";

/** How the sentence of a run that found the ESR applicant out of scope starts (it names the applicant next). */
const OUT_OF_SCOPE_START = 'ESR no longer holds applicant';

/**
 * Whether a completed transfer's sentence is that of a send-outstanding run that found its ESR
 * applicant no longer in scope (hired: now an employee, or closed): sending again fails the same
 * way, so HR enters the records in ESR by hand.
 */
export const isOutOfScopeMessage = (message: string | null): boolean =>
  message?.startsWith(`${OUT_OF_SCOPE_START} `) ?? false;

/**
 * The transfer's sentence after a send-outstanding run (its `message`; the transfer stays completed
 * with `reason: null`): null when everything was sent, otherwise what happened and the two ways
 * forward, or the one way left when the records cannot be sent from here any more.
 */
export function outstandingMessage(
  result: SendOutstandingResult,
  context: OutstandingContext,
): string | null {
  const asked = namesOf(context.asked);
  switch (result) {
    case 'esr_applicant_out_of_scope':
      return `${OUT_OF_SCOPE_START} ${context.esrApplicantId} as an active ${providerName(context.organisation)}-created applicant record (the doctor may have been hired and be an employee now, or the record was closed), so nothing was sent: enter the outstanding records (${asked}) in ESR by hand on the doctor's record; ${CHECK_FIRST}.`;
    case 'status_changed':
      return `The applicant's status in Trac is no longer a trigger status, so nothing was sent: if the outstanding records (${asked}) belong in ESR all the same, enter them there by hand; ${CHECK_FIRST}.`;
    case 'not_doctor_in_training':
      return `Trac no longer marks this applicant as a doctor or dentist in training, so nothing was sent: if the outstanding records (${asked}) belong in ESR all the same, enter them there by hand; ${CHECK_FIRST}.`;
    case 'sent':
    case 'nothing_complete':
      return context.outstanding.length === 0 ? null : stillOutstanding(context.outstanding);
  }
}

/** The sentence of records Trac does not hold as complete yet: send them later, or by hand. */
export function stillOutstanding(types: readonly RecordType[]): string {
  return `Trac does not hold the outstanding records (${namesOf(types)}) as complete yet, so nothing was sent for them: once Trac holds them as complete, send them from this page with "Send outstanding records", or enter them in ESR by hand.`;
}

/** The sentence of a send-outstanding run that failed: the transfer stays completed, nothing sent twice. */
export function outstandingFailureMessage(
  reason: ReasonCode,
  detail: string,
  asked: readonly RecordType[],
): string {
  const cause = REASONS[reason].title;
  return `Sending the outstanding records (${namesOf(asked)}) did not finish (${cause}: ${detail}). Nothing is ever sent twice: once that is put right, press "Send outstanding records" again, or enter them in ESR by hand.`;
}
