import { AuditQuerySchema, TransfersQuerySchema } from './admin-schemas';
import { componentSchemas, queryParameters, type ComponentName } from './openapi-components';
import { previewPaths } from './openapi-previews';

const ref = (name: ComponentName) => ({ $ref: `#/components/schemas/${name}` });
const json = (name: ComponentName, description: string) => ({
  description,
  content: { 'application/json': { schema: ref(name) } },
});
const error = (description: string) => json('Error', description);

/** Answers every authenticated admin endpoint may give. */
const AUTH_ANSWERS = {
  '401': {
    ...error(
      'No valid credentials (`unauthorized`), with `WWW-Authenticate: Basic realm="dit-checks-connector"`.',
    ),
  },
  '429': error(
    'Too many failed logins of this user from this address (`too_many_failed_logins`): 10 in 15 minutes lock the pair for 15 minutes, the right password included; see `Retry-After`.',
  ),
  '503': error('Redis is unreachable (`unavailable`), including while checking failed logins.'),
};
const WRITE_ANSWERS = {
  ...AUTH_ANSWERS,
  '403': error(
    '`forbidden`: a support user, a cross-site request, or a form body without the CSRF token (`_csrf` field or `X-CSRF-Token` header).',
  ),
};
/** Writes that name an organisation: the caller must act for it. */
const forbiddenOr = (notPermitted: string) =>
  error(
    `\`forbidden\`: a support user, a cross-site request, or a form body without the CSRF token; \`organisation_not_permitted\`: ${notPermitted}.`,
  );
/** Another organisation's transfer or preview is answered as if it did not exist. */
const NOT_FOUND = error('`not_found`: none, or one of an organisation the caller does not act for.');
const CONFLICT = error(
  '`already_completed` (completed and sent: never run again) or `already_queued` (waiting, active or delayed).',
);
const TRANSFER_ID = {
  name: 'transferId',
  in: 'path',
  required: true,
  schema: { type: 'string', pattern: '^[A-Z0-9]{3,5}-[A-Za-z0-9_-]{1,64}$' },
  description: 'organisation code, `-`, Trac applicant id, e.g. `R0A-A-100234`',
};
const html = (description: string) => ({
  description,
  content: { 'text/html': { schema: { type: 'string' } } },
});
/** A JSON answer that a browser (an `Accept` preferring `text/html`) gets as an HR page instead. */
const orPage = (answer: ReturnType<typeof json>, page: string) => ({
  description: `${answer.description} A browser gets ${page} (HTML).`,
  content: { ...answer.content, ...html('').content },
});
const BROWSER_NOTE =
  ' A request whose `Accept` prefers `text/html` (a browser) gets the HR page instead; any other (no `Accept`, `*/*`, `application/json`) gets JSON.';

function webhookPath() {
  return {
    post: {
      summary: 'A Trac status webhook (Standard Webhooks v1)',
      parameters: ['webhook-id', 'webhook-timestamp', 'webhook-signature'].map((name) => ({
        name,
        in: 'header',
        required: true,
        schema: { type: 'string' },
      })),
      requestBody: {
        required: true,
        content: { 'application/json': { schema: ref('StatusChangedWebhook') } },
      },
      responses: {
        '200': json(
          'WebhookAcknowledged',
          'A duplicate, or ignored (not a trigger, other event, organisation not enabled).',
        ),
        '202': json('WebhookQueued', 'Verified trigger: the transfer is durably queued.'),
        '400': json('WebhookError', '`invalid_body`, with the offending paths.'),
        '401': json('WebhookError', 'Missing headers, invalid signature or timestamp out of tolerance.'),
        '413': json('WebhookError', '`payload_too_large` (over 256 KiB).'),
        '415': json('WebhookError', '`unsupported_media_type` (not application/json).'),
        '503': json('WebhookError', '`unavailable`: nothing stored; Trac retries.'),
      },
    },
  };
}

function transferPaths() {
  return {
    '/admin/transfers': {
      get: {
        summary: `List the transfers of the organisations the caller acts for, newest first, 50 a page (all states unless \`state\` is given; another organisation's filter lists nothing).${BROWSER_NOTE}`,
        parameters: queryParameters(TransfersQuerySchema, {
          state: 'only transfers in this state',
          reason: 'only transfers with this reason code',
          organisation: 'only transfers of this organisation',
          outstanding:
            '`true`: only transfers that completed with outstanding records (records Trac did not hold as complete)',
          page: 'page number, from 1',
        }),
        responses: {
          '200': orPage(json('TransferList', 'One page of transfer summaries.'), 'the list page'),
          '400': orPage(error('`invalid_query`, naming the field.'), 'the list page with an error summary'),
          ...AUTH_ANSWERS,
        },
      },
      post: {
        summary:
          "Start a transfer by hand for an applicant whose webhook never came (Trac's status is checked first)",
        requestBody: { required: true, content: { 'application/json': { schema: ref('ManualStartBody') } } },
        responses: {
          '202': json('Queued', 'Queued (a failed transfer is re-queued).'),
          '400': error(
            '`invalid_body` naming the field, `organisation_not_enabled`, or `organisation_mismatch` (Trac holds the applicant under another organisation).',
          ),
          '409': CONFLICT,
          '422': error(
            '`trac_applicant_not_found`, or `status_not_trigger` (Trac status is not a trigger status).',
          ),
          '502': error('`trac_rejected`: Trac refused the connector (check its Trac access).'),
          ...WRITE_ANSWERS,
          '403': forbiddenOr('the caller does not act for that organisation'),
          '503': error('`trac_unavailable` (Trac did not answer; try later) or `unavailable` (Redis).'),
        },
      },
    },
    '/admin/transfers/{transferId}': {
      get: {
        summary: `One transfer: summary, last change and the ledger of what ESR holds.${BROWSER_NOTE}`,
        parameters: [TRANSFER_ID],
        responses: {
          '200': orPage(
            json('TransferDetail', 'The transfer.'),
            'the transfer’s page (records, history, re-queue button)',
          ),
          '404': orPage(NOT_FOUND, 'a not-found page'),
          ...AUTH_ANSWERS,
        },
      },
    },
    '/admin/transfers/{transferId}/retry': {
      post: {
        summary: 'Re-queue one transfer: attempts reset, ledger kept (nothing sent is sent again)',
        parameters: [TRANSFER_ID],
        responses: {
          '202': json('Queued', 'Re-queued.'),
          '404': NOT_FOUND,
          '409': CONFLICT,
          ...WRITE_ANSWERS,
        },
      },
    },
    '/admin/transfers/{transferId}/send-outstanding': {
      post: {
        summary:
          "Send a completed transfer's outstanding records that Trac now holds as complete, to the ESR applicant it matched; each record is sent at most once, ever, and one still not complete stays outstanding",
        parameters: [TRANSFER_ID],
        responses: {
          '202': json('Queued', 'Queued: a worker sends what Trac now holds as complete.'),
          '404': NOT_FOUND,
          '409': error(
            '`nothing_outstanding` (not completed, or nothing outstanding) or `already_queued` (its job is waiting or running).',
          ),
          ...WRITE_ANSWERS,
        },
      },
    },
    '/admin/transfers/retry': {
      post: {
        summary:
          'Re-queue the failed transfers matching a reason and/or organisation (at most 1000 a request), of the organisations the caller acts for only',
        requestBody: { required: false, content: { 'application/json': { schema: ref('BulkRetryBody') } } },
        responses: {
          '202': json('Requeued', 'How many were re-queued.'),
          '400': error('`invalid_body` naming the field.'),
          ...WRITE_ANSWERS,
          '403': forbiddenOr('the body names an organisation the caller does not act for'),
        },
      },
    },
  };
}

function otherAdminPaths() {
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
          'Reconciliation sweeps: the interval (`0`: no scheduled sweep), the watermark (start of the last successful sweep minus 10 minutes; null before the first) and each sweep attempt, newest first, at most 20, with `failedOrganisations`: the codes of the organisations whose Trac listing failed in that attempt (the others were listed and started; the attempt is `failed` and retried), left out for a caller who does not act for every organisation',
        responses: {
          '200': json('ReconciliationStatus', 'The sweeps.'),
          ...AUTH_ANSWERS,
        },
      },
      post: {
        summary:
          'Run a reconciliation sweep now (also when `RECONCILE_INTERVAL_SECONDS` is 0): a worker lists Trac applicants with a trigger status changed since the watermark and starts what their webhook would have started. A sweep spans every organisation: only for someone acting for all',
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
          'The HR page: counts, failed transfers and audit entries of the organisations the caller acts for',
        responses: {
          '200': html('The page (NHS.UK frontend; its stylesheet and script are files of this site).'),
          ...AUTH_ANSWERS,
        },
      },
    },
    '/admin/search': {
      get: {
        summary:
          'Find a transfer (HR page): by transfer id or by Trac applicant id in every organisation the caller acts for; ids match exactly',
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

/** Admin operations require HTTP Basic; the webhook authenticates by its signature instead. */
function withBasicAuth(paths: Record<string, Record<string, object>>) {
  return Object.fromEntries(
    Object.entries(paths).map(([path, operations]) => [
      path,
      Object.fromEntries(
        Object.entries(operations).map(([method, operation]) => [
          method,
          { ...operation, security: [{ basicAuth: [] }] },
        ]),
      ),
    ]),
  );
}

let cached: Record<string, unknown> | undefined;

/** The OpenAPI 3.1 document of the webhook and the admin API (served at `/openapi.json`). */
export function openApiDocument(): Record<string, unknown> {
  cached ??= {
    openapi: '3.1.0',
    info: {
      title: 'dit-checks-connector',
      version: '1',
      description:
        'Trac webhook receiver and HR admin API. Admin endpoints use HTTP Basic (ADMIN_USERS: read and write; SUPPORT_USERS: read only).',
    },
    paths: {
      '/webhooks/trac': webhookPath(),
      ...withBasicAuth({
        ...transferPaths(),
        ...otherAdminPaths(),
        ...previewPaths(AUTH_ANSWERS, WRITE_ANSWERS),
      }),
    },
    components: {
      schemas: componentSchemas(),
      securitySchemes: { basicAuth: { type: 'http', scheme: 'basic' } },
    },
  };
  return cached;
}
