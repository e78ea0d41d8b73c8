import type { Express, Request, Response } from 'express';
import { createCommonControlRouter, parseControlBody } from './control-routes';
import type { TracSandbox } from './trac-sandbox';
import { TracSandboxApplicantSchema } from './trac-data';
import { ListFaultSettingsSchema, ListPagingSchema } from './trac-list-controls';
import { ListMisbehaviourSchema } from './trac-list-misbehaviour';

/**
 * Trac's `/sandbox/` endpoints: faults, token revocation, applicants, the log of API calls, and the
 * applicant list's page shaping (`list-paging`), own faults (`list-faults`) and breaches of trac.md
 * (`list-misbehaviour`), PUT replacing all.
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
  router.get('/list-paging', (_req: Request, res: Response) => void res.json(sandbox.getListPaging()));
  router.put('/list-paging', (req: Request, res: Response) => {
    const input = parseControlBody(ListPagingSchema, req, res);
    if (input) res.json(sandbox.setListPaging(input));
  });
  router.get('/list-faults', (_req: Request, res: Response) => void res.json(sandbox.getListFaults()));
  router.put('/list-faults', (req: Request, res: Response) => {
    const input = parseControlBody(ListFaultSettingsSchema, req, res);
    if (input) res.json(sandbox.setListFaults(input));
  });
  router.get(
    '/list-misbehaviour',
    (_req: Request, res: Response) => void res.json(sandbox.getListMisbehaviour()),
  );
  router.put('/list-misbehaviour', (req: Request, res: Response) => {
    const input = parseControlBody(ListMisbehaviourSchema, req, res);
    if (input) res.json(sandbox.setListMisbehaviour(input));
  });
  router.get('/requests', (_req: Request, res: Response) => void res.json({ items: sandbox.requests() }));
  app.use('/sandbox', router);
}
