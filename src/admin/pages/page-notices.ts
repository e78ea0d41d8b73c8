import { parseTransferId } from '../../transfer/transfer-ids';
import { STARTING_STATUS_TEXT } from '../../transfer/trigger-status';
import type { AdminAnswer } from '../api/admin-schemas';
import type { Notice } from './page-layout';

/**
 * The fields of the page's forms, as HR reads them. Maps, not plain objects: a link's value is
 * looked up in them, and a plain object would also answer `constructor` or `__proto__`.
 */
const FIELD_NAMES = new Map<string, string>([
  ['organisationCode', 'the organisation'],
  ['applicantId', 'the Trac applicant id'],
  ['reason', 'the reason'],
  ['transferId', 'the transfer'],
]);

type NoticeParams = { transfer: string; count: string; fields: string };

const NOTICES = new Map<string, (p: NoticeParams) => Notice>(
  Object.entries({
    queued: (p) => ({
      kind: 'success',
      text: `Transfer ${p.transfer} is queued. Reload this page to follow it.`,
    }),
    requeued: (p) => ({
      kind: 'success',
      text: `${p.count} failed transfers re-queued. Reload this page to follow them.`,
    }),
    already_completed: (p) => ({
      kind: 'problem',
      text: `Transfer ${p.transfer} already completed: it is never sent again.`,
    }),
    already_queued: (p) => ({
      kind: 'problem',
      text: `Transfer ${p.transfer} is already queued or running.`,
    }),
    nothing_outstanding: (p) => ({
      kind: 'problem',
      text: `Transfer ${p.transfer} has no outstanding records to send: nothing was sent.`,
    }),
    not_found: (p) => ({ kind: 'problem', text: `There is no transfer ${p.transfer}.` }),
    organisation_not_enabled: () => ({
      kind: 'problem',
      text: 'That organisation is not enabled for this service.',
    }),
    organisation_not_permitted: () => ({
      kind: 'problem',
      text: 'You do not act for that organisation, so nothing was started or re-queued: ask its HR team.',
    }),
    organisation_mismatch: () => ({
      kind: 'problem',
      text: 'Trac holds that applicant under another organisation, so no transfer was started: choose the organisation Trac names, or correct the applicant in Trac.',
    }),
    trac_applicant_not_found: () => ({
      kind: 'problem',
      text: 'Trac holds no such applicant: check the applicant id.',
    }),
    status_not_trigger: () => ({
      kind: 'problem',
      text: `The applicant's status in Trac is not ${STARTING_STATUS_TEXT}, so no transfer was started.`,
    }),
    trac_unavailable: () => ({ kind: 'problem', text: 'Trac did not answer. Try again in a few minutes.' }),
    trac_rejected: () => ({
      kind: 'problem',
      text: "Trac refused the connector's request. Ask the connector's operators to check its Trac access.",
    }),
    invalid_body: (p) => ({ kind: 'problem', text: `Please check ${p.fields || 'the form'}.` }),
    sweep_queued: () => ({
      kind: 'success',
      text: 'A sweep is queued. Reload this page to follow it.',
    }),
  } satisfies Record<string, (p: NoticeParams) => Notice>),
);

/**
 * The redirect target after a page action (POST → 303 → GET): the page it came from (`/admin`, or a
 * transfer's own page) with a notice code and its ids only.
 */
export function noticeLocation(answer: AdminAnswer, transferId: string | undefined, page = '/admin'): string {
  const body = answer.body as {
    status?: string;
    requeued?: number;
    error?: string;
    issues?: { path: string }[];
  };
  const params = new URLSearchParams();
  if (body.status === 'queued') params.set('notice', 'queued');
  else if (typeof body.requeued === 'number') params.set('notice', 'requeued');
  else params.set('notice', body.error ?? 'unavailable');
  if (transferId) params.set('transfer', transferId);
  if (typeof body.requeued === 'number') params.set('count', String(body.requeued));
  const fields = (body.issues ?? []).map((issue) => issue.path).filter((path) => FIELD_NAMES.has(path));
  if (fields.length > 0) params.set('fields', fields.join(','));
  return `${page}?${params.toString()}`;
}

const first = (value: unknown): string => (typeof value === 'string' ? value : '');

/** The notice a redirect asked for; every value is checked, so a crafted link shows nothing odd. */
export function noticeFrom(query: Record<string, unknown>): Notice | undefined {
  const build = NOTICES.get(first(query.notice));
  if (!build) return undefined;
  const transfer = parseTransferId(first(query.transfer)) ? first(query.transfer) : 'that transfer';
  const count = /^\d{1,7}$/.test(first(query.count)) ? first(query.count) : 'Some';
  const fields = first(query.fields)
    .split(',')
    .map((field) => FIELD_NAMES.get(field))
    .filter(Boolean)
    .join(' and ');
  return build({ transfer, count, fields });
}
