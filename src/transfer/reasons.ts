import type { Organisation } from '../../config/organisations';
import { REASON_CODES, type ReasonCode } from '../platform/errors';
import { STARTING_STATUS_TEXT } from './trigger-status';

const PROVIDER_NAMES = { TIS: 'TIS', HICOM: 'Hicom' } as const;

/** What a transfer's sentence may name besides its reason. */
export interface MessageContext {
  organisationCode: string;
  applicantId: string;
  organisation?: Organisation;
  /** The specific cause, e.g. `dbs.certificateNumber: must be 12 digits`. */
  detail?: string;
  attempts?: number;
}

/** One reason code, everything said about it in one place. */
export interface Reason {
  /** The state a transfer with this reason ends in. */
  state: 'failed' | 'completed';
  /** A short heading for HR (the HR page's group heading). */
  title: string;
  /** When it applies (docs/connector.md's reason table). */
  when: string;
  /** What HR should fix before re-queueing, or why nothing is to be done (HR page and docs). */
  fix: string;
  /** The transfer's own sentence (`message`): what happened to this one and what to fix. */
  sentence(context: MessageContext, provider: string): string;
}

/**
 * Every reason code of connector.md's behaviour rules: the one table the transfer's sentence, the
 * HR page's guidance and docs/connector.md's "Reason codes" table all come from (a test checks the
 * docs against it).
 */
export const REASONS: Readonly<Record<ReasonCode, Reason>> = {
  TRAC_APPLICANT_NOT_FOUND: {
    state: 'failed',
    title: 'The applicant is not in Trac',
    when: 'Trac answers `404` for the applicant, or answers with another applicant id than the transfer names (ids are exact)',
    fix: 'check the applicant id in Trac; if it was wrong, start the transfer by hand with the right one',
    sentence: (c) =>
      `Trac holds no applicant ${c.applicantId} for organisation ${c.organisationCode}: check the applicant id in Trac, then start the transfer again.`,
  },
  ORGANISATION_MISMATCH: {
    state: 'failed',
    title: 'Trac holds the applicant under another organisation',
    when: "Trac holds the applicant under another organisation than the transfer's; nothing sent",
    fix: "start the transfer for the organisation Trac names, or correct the applicant's organisation in Trac, then re-queue",
    sentence: (c) =>
      `${c.detail ?? 'Trac holds the applicant under another organisation'}, not ${c.organisationCode}, so nothing was sent: checks only ever go to the applicant's ESR record in the organisation Trac holds them under. If the applicant belongs to that organisation, start the transfer there; if Trac is wrong, correct it, then re-queue.`,
  },
  STATUS_CHANGED: {
    state: 'completed',
    title: "The applicant's Trac status is no longer a trigger status",
    when: "the applicant's Trac status is no longer a trigger status; nothing sent",
    fix: 'nothing, unless the status was changed by mistake: the transfer runs again when the status returns to a trigger status, or when re-queued',
    sentence: () =>
      `The applicant's status in Trac is no longer a trigger status, so nothing was sent; the transfer runs again if the status returns to ${STARTING_STATUS_TEXT}.`,
  },
  NOT_DOCTOR_IN_TRAINING: {
    state: 'completed',
    title: 'Not a doctor or dentist in training',
    when: "Trac's `doctorInTraining` is false; nothing sent",
    fix: 'nothing: the service covers doctors and dentists in training only; if Trac is wrong, correct it, then re-queue',
    sentence: () =>
      `Trac does not mark this applicant as a doctor or dentist in training, so nothing was sent: this service covers doctors and dentists in training only.`,
  },
  INVALID_TRAC_DATA: {
    state: 'failed',
    title: "Check data in Trac breaks ESR's rules",
    when: "a check in Trac breaks ESR's rules ([records.md](records.md)); the message names record type and field; nothing sent",
    fix: "correct, in the applicant's check in Trac, the field each transfer's sentence names, then re-queue",
    sentence: (c) =>
      `Trac's check data breaks ESR's rules, so nothing was sent: ${c.detail ?? 'no further detail'}. Correct the check in Trac, then re-queue.`,
  },
  NO_ESR_MATCH: {
    state: 'failed',
    title: 'No matching applicant in ESR',
    when: 'no in-scope ESR applicant matches first name, last name and date of birth',
    fix: "find the applicant's TIS- or Hicom-created record in ESR and check that it is this applicant's (compare the post or vacancy and the GMC or GDC number it holds with Trac) before correcting its first name, last name or date of birth (a swapped day and month is common); close historic records only once checked the same way to be this applicant's, then re-queue",
    sentence: (c, provider) =>
      `No ${provider}-created applicant in ESR matches this applicant's first name, last name and date of birth in organisation ${c.organisationCode}: check those three fields in ESR, close historic records, then re-queue.`,
  },
  AMBIGUOUS_ESR_MATCH: {
    state: 'failed',
    title: 'More than one matching applicant in ESR',
    when: 'more than one in-scope ESR applicant matches',
    fix: "first check in ESR that each record you would close is this applicant's (compare the post or vacancy and the GMC or GDC number it holds with Trac); only then close historic or duplicate records so that exactly one remains, then re-queue",
    sentence: (c, provider) =>
      `More than one ${provider}-created applicant in ESR (${c.detail ?? 'no further detail'}) matches this applicant's first name, last name and date of birth in organisation ${c.organisationCode}: first check in ESR that each record you would close is this applicant's (compare the post or vacancy and the GMC or GDC number it holds with Trac); only then close historic or duplicate records so that exactly one remains, then re-queue.`,
  },
  ESR_REJECTED: {
    state: 'failed',
    title: 'ESR refused the data',
    when: "ESR refused a record or the search (`400`, `403`, `404`, `422`, a `409` other than the two handled); the message gives ESR's code and field",
    fix: "correct the field each transfer's sentence names (in Trac, or in ESR), then re-queue; records already sent are not sent again",
    sentence: (c) =>
      `ESR refused the data: ${c.detail ?? 'no further detail'} Fix the data in Trac or ESR, then re-queue.`,
  },
  TRAC_REJECTED: {
    state: 'failed',
    title: "Trac refused the connector's request",
    when: "Trac refused the connector's request (`400`, `403`, `422`)",
    fix: "ask the connector's operators to check its Trac access for the organisation, then re-queue",
    sentence: (c) =>
      `Trac refused the connector's request: ${c.detail ?? 'no further detail'} Check the connector's Trac access for organisation ${c.organisationCode}, then re-queue.`,
  },
  RETRIES_EXHAUSTED: {
    state: 'failed',
    title: 'ESR or Trac kept failing',
    when: 'ESR or Trac kept failing (outage, timeouts, `401` after a refresh) through every attempt, or the worker running it stopped too often (crashes, lost locks)',
    fix: 'wait until ESR and Trac are back (the operators know), then re-queue; records already sent are not sent again',
    sentence: (c) =>
      `The transfer could not finish after ${c.attempts ?? 'all its'} attempts (last: ${c.detail ?? 'no further detail'}). Nothing was sent twice: re-queue it once the service is back, and it sends only what ESR does not hold yet.`,
  },
  ORGANISATION_NOT_ENABLED: {
    state: 'failed',
    title: 'The organisation is not enabled for this service',
    when: "the transfer's organisation was disabled in the organisations file while it was queued",
    fix: "ask the connector's operators to enable the organisation in its organisations file, then re-queue",
    sentence: (c) =>
      `Organisation ${c.organisationCode} is not enabled for this service in the organisations file: enable it, then re-queue.`,
  },
};

/** The plain sentence an HR admin reads for a transfer's reason: what happened and what to fix. */
export function reasonMessage(reason: ReasonCode, context: MessageContext): string {
  const provider = context.organisation ? PROVIDER_NAMES[context.organisation.ditProvider] : 'TIS';
  return REASONS[reason].sentence(context, provider);
}

/**
 * Reasons of a transfer that completed without sending because it was out of scope (the reasons
 * whose state is `completed`): a new trigger or HR may run it again.
 */
export const RERUNNABLE_REASONS: readonly ReasonCode[] = REASON_CODES.filter(
  (code) => REASONS[code].state === 'completed',
);
