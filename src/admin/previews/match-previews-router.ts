import { Router } from 'express';
import { createMatchPreviews, type MatchPreviewsDeps } from './match-previews';
import type { WriteDeps } from '../audit/perform-write';
import { createPreviewApiRouter } from './preview-api-router';
import { createPreviewPageRouter } from './preview-page-router';

/** The previews' queue is also shown in Bull Board (read-only). */
export type MatchPreviewsRouterDeps = WriteDeps & MatchPreviewsDeps;

/** Match previews under `/admin`: the HR pages first (a browser gets HTML), then the JSON API and CSV. */
export function createMatchPreviewsRouter(deps: MatchPreviewsRouterDeps): Router {
  const previews = createMatchPreviews(deps);
  const router = Router();
  router.use(createPreviewPageRouter({ ...deps, previews }));
  router.use(createPreviewApiRouter({ ...deps, previews }));
  return router;
}
