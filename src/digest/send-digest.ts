import type { OrganisationDirectory } from '../../config/organisations';
import { RetryableError } from '../platform/errors';
import type { Logger } from '../platform/logger';
import type { DigestSlots } from '../store/digest-slots';
import type { TransferQueries } from '../store/transfer-queries';
import type { TransferStore } from '../transfer/transfer';
import { collectFailedTransfers } from './collect-failed';
import { composeDigest, MAX_LISTED } from './digest-message';
import { MailNotSentError, type Mailer } from './smtp-mailer';

export interface SendDigestDeps {
  organisations: Pick<OrganisationDirectory, 'all'>;
  queries: Pick<TransferQueries, 'list'>;
  store: Pick<TransferStore, 'get'>;
  slots: DigestSlots;
  mailer: Mailer;
  /** DIGEST_FROM. */
  from: string;
  /** PUBLIC_BASE_URL, without a trailing slash. */
  publicBaseUrl: string;
  logger: Logger;
}

/** What one run did, by organisation code. */
export interface DigestRun {
  sent: string[];
  /**
   * Already sent for this slot (a retry, or another run of the same slot), or, for a "send now",
   * by another "send now" less than 10 minutes ago.
   */
  alreadySent: string[];
  /** Handed to the relay without an answer: maybe delivered, never sent again for this slot. */
  uncertain: string[];
}

/**
 * The digest of one slot (a scheduled time, or one "send now"): each enabled organisation with
 * `hrEmails` and failed transfers gets one e-mail; a "send now" by someone acting for some
 * organisations, only those (`organisations`, from the job). The (slot, organisation) pair is recorded
 * before sending, so a slot never sends twice; it is forgotten again only when the relay certainly
 * took nothing (down, refused), and then the run throws so that BullMQ retries it with backoff.
 */
export async function sendDigest(
  deps: SendDigestDeps,
  slot: string,
  organisations: readonly string[] | '*' = '*',
): Promise<DigestRun> {
  const run: DigestRun = { sent: [], alreadySent: [], uncertain: [] };
  const notSent: string[] = [];
  const recipients = deps.organisations
    .all()
    .filter((o) => o.enabled && (o.hrEmails?.length ?? 0) > 0)
    .filter((o) => organisations === '*' || organisations.includes(o.code));
  for (const organisation of recipients) {
    const { code } = organisation;
    const failed = await collectFailedTransfers(deps, code, MAX_LISTED);
    if (failed.transfers.length === 0) continue;
    const claim = await deps.slots.claim(slot, code);
    if (claim !== 'claimed') {
      run.alreadySent.push(code);
      if (claim === 'recent')
        deps.logger.info('digest sent now less than 10 minutes ago', { slot, organisationCode: code });
      continue;
    }
    const message = composeDigest({ organisation, ...failed, publicBaseUrl: deps.publicBaseUrl });
    try {
      await deps.mailer.send({ from: deps.from, to: organisation.hrEmails ?? [], ...message });
      run.sent.push(code);
      deps.logger.info('digest sent', { slot, organisationCode: code, failed: failed.total });
    } catch (error) {
      if (error instanceof MailNotSentError) {
        await deps.slots.release(slot, code);
        notSent.push(code);
        deps.logger.warn('digest not sent: will retry', {
          slot,
          organisationCode: code,
          error: error.message,
        });
      } else {
        run.uncertain.push(code);
        deps.logger.error('digest delivery uncertain: not sent again for this slot', {
          slot,
          organisationCode: code,
          error: (error as Error).message,
        });
      }
    }
  }
  if (notSent.length > 0) {
    throw new RetryableError(
      `digest not sent for ${notSent.join(', ')}: the mail relay is down or refused it`,
    );
  }
  return run;
}
