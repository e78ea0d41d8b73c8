/** The match previews' part of the OpenAPI document (connector.md "Match preview"). */

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const json = (name: string, description: string) => ({
  description,
  content: { 'application/json': { schema: ref(name) } },
});
const error = (description: string) => json('Error', description);
const html = (description: string) => ({
  description,
  content: { 'text/html': { schema: { type: 'string' } } },
});

const PREVIEW_ID = {
  name: 'previewId',
  in: 'path',
  required: true,
  schema: { type: 'string', pattern: '^pv_[0-9a-f]{24}$' },
  description: 'the id `POST /admin/match-previews` answered, e.g. `pv_3f9a…`',
};

/**
 * The previews' paths. `auth` and `write` are the answers every admin endpoint, and every admin
 * write, may also give (401, 429, 503; 403).
 */
export function previewPaths(auth: Record<string, object>, write: Record<string, object>) {
  return {
    '/admin/match-previews': {
      post: {
        summary:
          'Start a match preview of an organisation: which Trac doctors in training (of the statuses, changed since the date) would match in ESR, and why not. Reads Trac and ESR only; kept 7 days, identifiers, results and hints only',
        requestBody: { required: true, content: { 'application/json': { schema: ref('PreviewStartBody') } } },
        responses: {
          '202': json(
            'PreviewQueued',
            'Queued: a worker runs it; follow it with `GET /admin/match-previews/{previewId}`.',
          ),
          '400': error('`invalid_body` naming the field, or `organisation_not_enabled`.'),
          ...write,
          '403': error(
            '`forbidden`: a support user, a cross-site request, or a form body without the CSRF token; `organisation_not_permitted`: the caller does not act for that organisation.',
          ),
        },
      },
      get: {
        summary:
          'The match previews of the last 7 days of the organisations the caller acts for, newest first, without their items (a browser gets its HR page)',
        responses: {
          '200': {
            ...json('PreviewList', 'The previews.'),
            content: { ...json('PreviewList', '').content, ...html('').content },
          },
          ...auth,
        },
      },
    },
    '/admin/match-previews/{previewId}': {
      get: {
        summary:
          'One match preview: state, progress, counts and every applicant’s result, hints and ESR ids (a browser gets its HR page)',
        parameters: [PREVIEW_ID],
        responses: {
          '200': {
            ...json('Preview', 'The preview.'),
            content: { ...json('Preview', '').content, ...html('').content },
          },
          '404': {
            ...error(
              '`not_found` (never started, older than 7 days, or of an organisation the caller does not act for).',
            ),
            content: { ...error('').content, ...html('').content },
          },
          ...auth,
        },
      },
    },
    '/admin/match-previews/{previewId}.csv': {
      get: {
        summary:
          'One match preview as CSV: `applicantId,result,hints,esrApplicantIds`, one row per applicant, hints and ids joined by `;`',
        parameters: [PREVIEW_ID],
        responses: {
          '200': { description: 'The CSV.', content: { 'text/csv': { schema: { type: 'string' } } } },
          '404': error('`not_found` (as for the preview itself).'),
          ...auth,
        },
      },
    },
  };
}
