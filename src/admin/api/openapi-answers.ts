import type { ComponentName } from './openapi-components';

/** The pieces every part of the OpenAPI document shares: references, answers, parameters. */
export const ref = (name: ComponentName) => ({ $ref: `#/components/schemas/${name}` });
export const json = (name: ComponentName, description: string) => ({
  description,
  content: { 'application/json': { schema: ref(name) } },
});
export const error = (description: string) => json('Error', description);

/** Answers every authenticated admin endpoint may give. */
export const AUTH_ANSWERS = {
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
export const WRITE_ANSWERS = {
  ...AUTH_ANSWERS,
  '403': error(
    '`forbidden`: a support user, a cross-site request, or a form body without the CSRF token (`_csrf` field or `X-CSRF-Token` header).',
  ),
};
/** Writes that name an organisation: the caller must act for it. */
export const forbiddenOr = (notPermitted: string) =>
  error(
    `\`forbidden\`: a support user, a cross-site request, or a form body without the CSRF token; \`organisation_not_permitted\`: ${notPermitted}.`,
  );
/** Another organisation's transfer or preview is answered as if it did not exist. */
export const NOT_FOUND = error('`not_found`: none, or one of an organisation the caller does not act for.');
export const CONFLICT = error(
  '`already_completed` (completed and sent: never run again) or `already_queued` (waiting, active or delayed).',
);
export const TRANSFER_ID = {
  name: 'transferId',
  in: 'path',
  required: true,
  schema: { type: 'string', pattern: '^[A-Z0-9]{3,5}-[A-Za-z0-9_-]{1,64}$' },
  description: 'organisation code, `-`, Trac applicant id, e.g. `R0A-A-100234`',
};
export const html = (description: string) => ({
  description,
  content: { 'text/html': { schema: { type: 'string' } } },
});
/** A JSON answer that a browser (an `Accept` preferring `text/html`) gets as an HR page instead. */
export const orPage = (answer: ReturnType<typeof json>, page: string) => ({
  description: `${answer.description} A browser gets ${page} (HTML).`,
  content: { ...answer.content, ...html('').content },
});
export const BROWSER_NOTE =
  ' A request whose `Accept` prefers `text/html` (a browser) gets its HR page instead; any other (no `Accept`, `*/*`, `application/json`) gets JSON.';
