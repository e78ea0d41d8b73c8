import { AuditQuerySchema } from './admin-schemas';
import { queryParameters } from './openapi-components';
import { AUTH_ANSWERS, WRITE_ANSWERS, error, forbiddenOr, html, json } from './openapi-answers';

/** The other admin paths in the OpenAPI document: audit, digest, sweeps, the HR pages, Bull Board. */
export function otherAdminPaths() {
  return {
    '/admin/audit': {
      get: {
        summary:
          'The audit log of admin writes performed (kept at least 400 days), newest first, 50 a page: the entries whose target is one of the organisations the caller acts for (every entry for someone acting for all); refused attempts are counted in metrics, not listed',
        parameters: queryParameters(AuditQuerySchema, { page: 'page number, from 1' }),
        responses: {
          '200': json('AuditList', 'One page of audit entries.'),
          '400': error('`invalid_query`.'),
          ...AUTH_ANSWERS,
        },
      },
    },
    '/admin/digest': {
      post: {
        summary:
          'Send the e-mail digest of failed transfers now, for the organisations the caller acts for (each enabled one with `hrEmails` and failed transfers); a worker sends it, under a slot of its own (the scheduled digest still goes out)',
        responses: {
          '202': json('DigestQueued', 'A digest run is queued.'),
          '409': error('`digest_not_configured`: `SMTP_URL` is not set, so there is no digest.'),
          ...WRITE_ANSWERS,
        },
      },
    },
    '/admin/reconciliation': {
      get: {
        summary:
          'Sweeps: the interval (`0`: no scheduled sweep), the watermark (start of the last successful sweep minus 10 minutes; null before the first) and each sweep attempt, newest first, at most 20, with `failedOrganisations`: the codes of the organisations whose Trac listing failed in that attempt (the others were listed and started; the attempt is `failed` and retried), left out for a caller who does not act for every organisation',
        responses: {
          '200': json('ReconciliationStatus', 'The sweeps.'),
          ...AUTH_ANSWERS,
        },
      },
      post: {
        summary:
          'Run a sweep now (also when `RECONCILE_INTERVAL_SECONDS` is 0): a worker lists Trac applicants with a trigger status changed since the watermark and starts what their webhook would have started. A sweep spans every organisation: only for someone acting for all',
        responses: {
          '202': json('SweepQueued', 'A sweep is queued; it runs once any sweep running has finished.'),
          ...WRITE_ANSWERS,
          '403': forbiddenOr('the caller does not act for every organisation'),
        },
      },
    },
    '/admin': {
      get: {
        summary:
          'The overview: counts, failed transfers and audit entries of the organisations the caller acts for',
        responses: {
          '200': html('The page (NHS.UK frontend; its stylesheet and script are files of this site).'),
          ...AUTH_ANSWERS,
        },
      },
    },
    '/admin/search': {
      get: {
        summary:
          'Find a transfer (an HR page): by transfer id or by Trac applicant id in every organisation the caller acts for; ids match exactly',
        parameters: [{ name: 'q', in: 'query', required: false, schema: { type: 'string' } }],
        responses: { '200': html('The matching transfers, each linked to its page.'), ...AUTH_ANSWERS },
      },
    },
    '/admin/queues': {
      get: {
        summary:
          "Bull Board for the transfer queue: read-only for support; HR admins may only retry failed jobs, promote, pause and resume; every other write is refused 403 for every role. Its queues hold every organisation's jobs: only for someone acting for all",
        responses: {
          '200': html('Bull Board.'),
          ...AUTH_ANSWERS,
          '403': error(
            '`organisation_not_permitted`: the caller does not act for every organisation; `forbidden`: a write Bull Board may not make from here, or by a support user.',
          ),
        },
      },
    },
  };
}
