import { Router, type Request, type RequestHandler } from 'express';
import type { OrganisationDirectory } from '../../config/organisations';
import { identityOf } from './admin-users';
import { permits } from './organisation-scope';
import { wantsHtml } from './hr-pages-router';
import type { MatchPreviews } from './match-previews';
import type { Notice } from './page-layout';
import { pagePolicy } from './page-policy';
import { performWrite, type WriteDeps } from './perform-write';
import { renderPreviewList } from './preview-list-html';
import { PREVIEWS_PATH, previewPath, renderPreviewNotFound, renderPreviewPage } from './preview-pages-html';

export interface PreviewPageDeps extends WriteDeps {
  previews: MatchPreviews;
  organisations: OrganisationDirectory;
}

const htmlOnly: RequestHandler = (req, _res, next) => next(wantsHtml(req) ? undefined : 'route');

/** The form's fields as HR reads them, for a problem notice. A Map: a crafted link cannot reach `__proto__`. */
const FIELD_NAMES = new Map([
  ['organisationCode', 'the organisation'],
  ['statuses', 'the Trac statuses'],
  ['changedSince', 'the date'],
]);

const PROBLEMS = new Map<string, (fields: string) => string>([
  ['organisation_not_enabled', () => 'That organisation is not enabled for this service.'],
  [
    'organisation_not_permitted',
    () => 'You do not act for that organisation: ask its HR team for a preview.',
  ],
  ['invalid_body', (fields) => `Please check ${fields || 'the form'}.`],
]);

function noticeOf(query: Record<string, unknown>): Notice | undefined {
  const problem = typeof query.problem === 'string' ? PROBLEMS.get(query.problem) : undefined;
  if (!problem) return undefined;
  const fields = (typeof query.fields === 'string' ? query.fields : '')
    .split(',')
    .map((field) => FIELD_NAMES.get(field))
    .filter(Boolean)
    .join(' and ');
  return { kind: 'problem', text: problem(fields) };
}

/** The start form's fields as the API's body: statuses split at commas, the date as midnight UTC. */
function bodyOfForm(req: Request): Record<string, unknown> {
  const form = (req.body ?? {}) as Record<string, unknown>;
  const text = (name: string) => (typeof form[name] === 'string' ? form[name].trim() : '');
  const statuses = text('statuses')
    .split(',')
    .map((status) => status.trim())
    .filter(Boolean);
  const date = text('changedSince');
  return {
    organisationCode: text('organisationCode'),
    ...(statuses.length > 0 ? { statuses } : {}),
    ...(date ? { changedSince: `${date}T00:00:00Z` } : {}),
  };
}

/**
 * The HR pages of match previews: the list with the start form (`GET /admin/match-previews` in a
 * browser), one preview (`GET /admin/match-previews/{id}` in a browser) and the form's action
 * (POST → 303 to the preview, or back to the list with the problem). Other clients go on to the
 * JSON API on the same paths; the CSV is the API's.
 */
export function createPreviewPageRouter(deps: PreviewPageDeps): Router {
  const router = Router();

  router.get('/match-previews', htmlOnly, pagePolicy, async (req, res) => {
    const identity = identityOf(res);
    const previews = await deps.previews.list(identity.organisations);
    const page = renderPreviewList({
      identity,
      previews,
      organisations: deps.organisations.all().filter((o) => permits(identity.organisations, o.code)),
      notice: noticeOf(req.query),
    });
    res.type('html').send(page);
  });

  router.get(
    '/match-previews/:ref',
    htmlOnly,
    pagePolicy,
    async (req: Request<{ ref: string }>, res, next) => {
      const { ref } = req.params;
      if (ref.endsWith('.csv')) return next('route');
      const identity = identityOf(res);
      const preview = await deps.previews.get(identity.organisations, ref);
      if (!preview) return void res.status(404).type('html').send(renderPreviewNotFound(identity, ref));
      const organisation = deps.organisations.all().find((o) => o.code === preview.organisationCode);
      res.type('html').send(renderPreviewPage(identity, preview, organisation));
    },
  );

  router.post('/actions/match-preview', async (req, res) => {
    const write = () => deps.previews.start(identityOf(res).organisations, bodyOfForm(req));
    const answer = await performWrite(deps, req, res, 'match-preview', write, 'match preview');
    const refused = answer.status === 403 && answer.body.error !== 'organisation_not_permitted';
    if (refused) return void res.status(403).json(answer.body);
    const body = answer.body as { previewId?: string; error?: string; issues?: { path: string }[] };
    if (body.previewId) return res.redirect(303, previewPath(body.previewId));
    const params = new URLSearchParams({ problem: body.error ?? 'unavailable' });
    const fields = (body.issues ?? [])
      .map((issue) => issue.path.split('.')[0] ?? '')
      .filter((f) => FIELD_NAMES.has(f));
    if (fields.length > 0) params.set('fields', fields.join(','));
    res.redirect(303, `${PREVIEWS_PATH}?${params.toString()}`);
  });

  return router;
}
