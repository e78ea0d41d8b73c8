import { Router, type Request, type RequestHandler, type Response } from 'express';
import type { OrganisationDirectory } from '../../../config/organisations';
import { identityOf } from '../auth/admin-users';
import { permits } from '../auth/organisation-scope';
import { wantsHtml } from '../transfers/transfer-pages-router';
import type { PreviewOperations } from './preview-operations';
import { pagePolicy } from '../pages/page-policy';
import type { PreviewSummary } from '../../preview/preview';
import { todayInLondon } from '../../records/dates';
import { answer } from '../api/admin-schemas';
import { performWrite, type WriteDeps, type WriteResult } from '../audit/perform-write';
import { checkPreviewForm, previewErrorsOf, previewFormValues, type PreviewFormState } from './preview-form';
import { renderPreviewList } from './preview-list-html';
import { previewPath, renderPreviewNotFound, renderPreviewPage } from './preview-pages-html';

export interface PreviewPageDeps extends WriteDeps {
  previews: PreviewOperations;
  organisations: OrganisationDirectory;
  /** The clock: a date typed in the form may not be after today (UK time). */
  now: () => Date;
}

const htmlOnly: RequestHandler = (req, _res, next) => next(wantsHtml(req) ? undefined : 'route');

/**
 * The HR pages of match previews: the list with the start form (`GET /admin/match-previews` in a
 * browser), one preview (`GET /admin/match-previews/{id}` in a browser) and the form's action
 * (POST → 303 to the preview; or the list again with the form as typed, the summary linking to each
 * field at fault and the message at the field). Other clients go on to the
 * JSON API on the same paths; the CSV is the API's.
 */
export function createPreviewPageRouter(deps: PreviewPageDeps): Router {
  const router = Router();
  const renderList = (res: Response, previews: PreviewSummary[], form?: PreviewFormState) => {
    const { organisations } = identityOf(res);
    return renderPreviewList({
      identity: identityOf(res),
      previews,
      organisations: deps.organisations.all().filter((o) => permits(organisations, o.code)),
      form,
    });
  };

  router.get('/match-previews', htmlOnly, pagePolicy, async (_req, res) => {
    const identity = identityOf(res);
    const previews = await deps.previews.list(identity.organisations);
    res.type('html').send(renderList(res, previews));
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

  router.post('/actions/match-preview', pagePolicy, async (req, res) => {
    const values = previewFormValues((req.body ?? {}) as Record<string, unknown>);
    const checked = checkPreviewForm(values, todayInLondon(deps.now()));
    const write = async (): Promise<WriteResult> =>
      'body' in checked
        ? deps.previews.start(identityOf(res).organisations, checked.body)
        : { answer: answer(400, { error: 'invalid_body' }), target: 'match preview' };
    const written = await performWrite(deps, req, res, 'match-preview', write, 'match preview');
    const refused = written.status === 403 && written.body.error !== 'organisation_not_permitted';
    if (refused) return void res.status(403).json(written.body);
    const body = written.body as { previewId?: string };
    if (body.previewId) return res.redirect(303, previewPath(body.previewId));
    // the form again, on the list, with the summary linking to each field at fault and the values kept
    const errors = 'errors' in checked ? checked.errors : previewErrorsOf(written);
    const previews = await deps.previews.list(identityOf(res).organisations);
    res
      .status(written.status)
      .type('html')
      .send(renderList(res, previews, { values, errors }));
  });

  return router;
}
