import type { Express, Request, Response } from 'express';
import { createCommonControlRouter, parseControlBody } from './control-routes';
import type { TracSandbox } from './trac-sandbox';
import { TracSandboxApplicantSchema } from './trac-data';

/**
 * Trac's `/sandbox/` endpoints: faults, token revocation, applicants, and the log of API calls.
 * No authentication: a sandbox is never exposed beyond the developer's machine.
 */
export function mountTracControlRoutes(app: Express, sandbox: TracSandbox): void {
  const router = createCommonControlRouter(sandbox);
  router.post('/applicants', (req: Request, res: Response) => {
    const applicant = parseControlBody(TracSandboxApplicantSchema, req, res);
    if (!applicant) return;
    const existed = sandbox.getApplicant(applicant.applicant.applicantId) !== undefined;
    sandbox.upsertApplicant(applicant);
    res.status(existed ? 200 : 201).json(applicant);
  });
  router.get('/applicants/:applicantId', (req: Request<{ applicantId: string }>, res: Response) => {
    const applicant = sandbox.getApplicant(req.params.applicantId);
    if (applicant) res.json(applicant);
    else res.status(404).json({ error: 'not_found' });
  });
  router.get('/requests', (_req: Request, res: Response) => void res.json({ items: sandbox.requests() }));
  app.use('/sandbox', router);
}
