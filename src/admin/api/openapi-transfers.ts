import {
  AUTH_ANSWERS,
  BROWSER_NOTE,
  CONFLICT,
  NOT_FOUND,
  TRANSFER_ID,
  WRITE_ANSWERS,
  error,
  forbiddenOr,
  json,
  orPage,
  ref,
} from './openapi-answers';
import { TransfersQuerySchema } from './admin-schemas';
import { queryParameters } from './openapi-components';

/** The transfers' paths in the OpenAPI document: lists, one transfer, re-queues, manual start. */
export function transferPaths() {
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
