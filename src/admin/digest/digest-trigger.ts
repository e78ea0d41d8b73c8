import { answer, failure } from '../api/admin-schemas';
import type { OrganisationScope } from '../auth/organisation-scope';
import type { WriteResult } from '../audit/perform-write';

/**
 * `POST /admin/digest`: the receiver queues a digest run for the organisations the caller acts
 * for (the job carries them); a worker sends it.
 */
export interface DigestTrigger {
  sendNow(organisations: OrganisationScope): Promise<WriteResult>;
}

/** Where a digest run is asked for (src/store/digest-queue.ts): a worker picks it up and sends it. */
export interface DigestRequests {
  /** Asks for a digest run now for the organisations (`*`: all); answers the run's id. */
  queueNow(organisations: OrganisationScope): Promise<string>;
}

export interface DigestTriggerDeps {
  /** Whether `SMTP_URL` is set: without it there is no digest to send. */
  smtpConfigured: boolean;
  requests: DigestRequests;
}

/**
 * A digest run now, under a slot of its own (`manual-<uuid>`, audited as the target), so it never
 * takes a scheduled time's slot: that time's digest still goes out.
 */
export function createDigestTrigger(deps: DigestTriggerDeps): DigestTrigger {
  return {
    async sendNow(organisations) {
      const about = organisations === '*' ? organisations : [...organisations];
      if (!deps.smtpConfigured) {
        return { answer: failure(409, 'digest_not_configured'), target: 'digest', organisations: about };
      }
      const jobId = await deps.requests.queueNow(organisations);
      return { answer: answer(202, { status: 'queued' }), target: `digest ${jobId}`, organisations: about };
    },
  };
}
