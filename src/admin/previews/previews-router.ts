import { Router } from 'express';
import { createPreviewOperations, type PreviewOperationsDeps } from './preview-operations';
import type { WriteDeps } from '../audit/perform-write';
import { createPreviewApiRouter } from './preview-api-router';
import { createPreviewPageRouter } from './preview-page-router';

/** The previews' queue is also shown in Bull Board (read-only). */
export type PreviewsRouterDeps = WriteDeps & PreviewOperationsDeps;

/** Match previews under `/admin`: the HR pages first (a browser gets HTML), then the JSON API and CSV. */
export function createPreviewsRouter(deps: PreviewsRouterDeps): Router {
  const previews = createPreviewOperations(deps);
  const router = Router();
  router.use(createPreviewPageRouter({ ...deps, previews }));
  router.use(createPreviewApiRouter({ ...deps, previews }));
  return router;
}
