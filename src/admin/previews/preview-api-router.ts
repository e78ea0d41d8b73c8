import { Router, type Request, type Response } from 'express';
import type { AdminAnswer } from '../api/admin-schemas';
import { identityOf } from '../auth/admin-users';
import type { PreviewOperations } from './preview-operations';
import { performWrite, type WriteDeps } from '../audit/perform-write';

export interface PreviewApiDeps extends WriteDeps {
  previews: PreviewOperations;
}

/** `{previewId}` or `{previewId}.csv`. */
const CSV_SUFFIX = '.csv';

/**
 * The match previews' JSON API and CSV (connector.md "Match preview"): start one (HR admin,
 * audited, `performWrite`), list them, read one, download one as CSV (HR admins and support).
 */
export function createPreviewApiRouter(deps: PreviewApiDeps): Router {
  const router = Router();
  const send = (res: Response, answer: AdminAnswer) => void res.status(answer.status).json(answer.body);

  router.post('/match-previews', async (req, res) => {
    const write = () => deps.previews.start(identityOf(res).organisations, req.body);
    send(res, await performWrite(deps, req, res, 'match-preview', write, 'match preview'));
  });

  router.get('/match-previews', async (_req, res) => {
    res.json({ items: await deps.previews.list(identityOf(res).organisations) });
  });

  router.get('/match-previews/:ref', async (req: Request<{ ref: string }>, res) => {
    const { ref } = req.params;
    const scope = identityOf(res).organisations;
    if (ref.endsWith(CSV_SUFFIX)) {
      const previewId = ref.slice(0, -CSV_SUFFIX.length);
      const csv = await deps.previews.csv(scope, previewId);
      if (csv === undefined) return void res.status(404).json({ error: 'not_found' });
      res.attachment(`match-preview-${previewId}.csv`);
      return void res.type('text/csv; charset=utf-8').send(csv);
    }
    const preview = await deps.previews.get(scope, ref);
    if (preview) res.json(preview);
    else res.status(404).json({ error: 'not_found' });
  });

  return router;
}
