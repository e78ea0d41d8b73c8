import { Router } from 'express';
import type Redis from 'ioredis';
import type { OrganisationDirectory } from '../../config/organisations';
import type { PreviewQueue } from '../store/preview-queue';
import { createMatchPreviews } from './match-previews';
import type { WriteDeps } from './perform-write';
import { createPreviewApiRouter } from './preview-api-router';
import { createPreviewPageRouter } from './preview-page-router';

export interface MatchPreviewsRouterDeps extends WriteDeps {
  redis: Redis;
  prefix: string;
  /** The previews' queue (also shown in Bull Board). */
  queue: PreviewQueue;
  organisations: OrganisationDirectory;
  /** Attempts of a preview's job (`TRANSFER_ATTEMPTS`). */
  attempts: number;
  now: () => Date;
}

/** Match previews under `/admin`: the HR pages first (a browser gets HTML), then the JSON API and CSV. */
export function createMatchPreviewsRouter(deps: MatchPreviewsRouterDeps): Router {
  const previews = createMatchPreviews(deps);
  const router = Router();
  router.use(createPreviewPageRouter({ ...deps, previews }));
  router.use(createPreviewApiRouter({ ...deps, previews }));
  return router;
}
