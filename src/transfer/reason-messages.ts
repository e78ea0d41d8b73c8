import type { Organisation } from '../../config/organisations';
import type { ReasonCode } from '../platform/errors';

const PROVIDER_NAMES = { TIS: 'TIS', HICOM: 'Hicom' } as const;

export interface MessageContext {
  organisationCode: string;
  applicantId: string;
  organisation?: Organisation;
  /** The specific cause, e.g. `dbs.certificateNumber: must be 12 digits`. */
  detail?: string;
  attempts?: number;
}

/** The plain sentence an HR admin reads for each reason: what happened and what to fix. */
export function reasonMessage(reason: ReasonCode, context: MessageContext): string {
  const org = context.organisationCode;
  const provider = context.organisation ? PROVIDER_NAMES[context.organisation.ditProvider] : 'TIS';
  const detail = context.detail ?? 'no further detail';
  switch (reason) {
    case 'TRAC_APPLICANT_NOT_FOUND':
      return `Trac holds no applicant ${context.applicantId} for organisation ${org}: check the applicant id in Trac, then start the transfer again.`;
    case 'ORGANISATION_MISMATCH':
      return `${detail}, not ${org}, so nothing was sent: checks only ever go to the applicant's ESR record in the organisation Trac holds them under. If the applicant belongs to that organisation, start the transfer there; if Trac is wrong, correct it, then re-queue.`;
    case 'STATUS_CHANGED':
      return `The applicant's status in Trac is no longer a trigger status, so nothing was sent; the transfer runs again if the status returns to Outcome: Recruited.`;
    case 'NOT_DOCTOR_IN_TRAINING':
      return `Trac does not mark this applicant as a doctor or dentist in training, so nothing was sent: this service covers doctors and dentists in training only.`;
    case 'INVALID_TRAC_DATA':
      return `Trac's check data breaks ESR's rules, so nothing was sent: ${detail}. Correct the check in Trac, then re-queue.`;
    case 'NO_ESR_MATCH':
      return `No ${provider}-created applicant in ESR matches this applicant's first name, last name and date of birth in organisation ${org}: check those three fields in ESR, close historic records, then re-queue.`;
    case 'AMBIGUOUS_ESR_MATCH':
      return `More than one ${provider}-created applicant in ESR (${detail}) matches this applicant's first name, last name and date of birth in organisation ${org}: close historic or duplicate records in ESR so that exactly one remains, then re-queue.`;
    case 'ESR_REJECTED':
      return `ESR refused the data: ${detail} Fix the data in Trac or ESR, then re-queue.`;
    case 'TRAC_REJECTED':
      return `Trac refused the connector's request: ${detail} Check the connector's Trac access for organisation ${org}, then re-queue.`;
    case 'RETRIES_EXHAUSTED':
      return `ESR or Trac kept failing after ${context.attempts ?? 'all'} attempts (last: ${detail}). Re-queue once the service is back.`;
    case 'ORGANISATION_NOT_ENABLED':
      return `Organisation ${org} is not enabled for this service in the organisations file: enable it, then re-queue.`;
  }
}
