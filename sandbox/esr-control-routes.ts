import type { Express, Request, Response } from 'express';
import { z } from 'zod';
import { createCommonControlRouter, parseControlBody } from './control-routes';
import { EsrApplicantPatchSchema, EsrApplicantSchema } from './esr-data';
import type { EsrSandbox } from './esr-sandbox';

const RecordsQuerySchema = z.object({
  esrApplicantId: z.string().min(1).optional(),
  recordType: z.string().min(1).optional(),
});

const AuthorisedOrganisationsSchema = z.strictObject({
  organisationCodes: z.array(z.string().regex(/^[A-Z0-9]{3,5}$/)).nullable(),
});

const applicantNotFound = (res: Response) =>
  void res.status(404).json({ code: 'APPLICANT_NOT_FOUND', message: 'No such ESR applicant.' });

function mountApplicantRoutes(
  router: ReturnType<typeof createCommonControlRouter>,
  sandbox: EsrSandbox,
): void {
  router.post('/applicants', (req: Request, res: Response) => {
    const applicant = parseControlBody(EsrApplicantSchema, req, res);
    if (!applicant) return;
    const existed = sandbox.getApplicant(applicant.esrApplicantId) !== undefined;
    sandbox.upsertApplicant(applicant);
    res.status(existed ? 200 : 201).json(applicant);
  });
  router.patch('/applicants/:esrApplicantId', (req: Request<{ esrApplicantId: string }>, res: Response) => {
    const changes = parseControlBody(EsrApplicantPatchSchema, req, res);
    if (!changes) return;
    const applicant = sandbox.patchApplicant(req.params.esrApplicantId, changes);
    if (applicant) res.json(applicant);
    else applicantNotFound(res);
  });
  router.get('/applicants/:esrApplicantId', (req: Request<{ esrApplicantId: string }>, res: Response) => {
    const applicant = sandbox.getApplicant(req.params.esrApplicantId);
    if (applicant) res.json(applicant);
    else applicantNotFound(res);
  });
}

/**
 * ESR's `/sandbox/` endpoints: stored records, raw POST bodies, applicants, authorised
 * organisations, idempotency keys, faults and tokens. No authentication: sandbox only.
 */
export function mountEsrControlRoutes(app: Express, sandbox: EsrSandbox): void {
  const router = createCommonControlRouter(sandbox);
  router.get('/records', (req: Request, res: Response) => {
    const query = RecordsQuerySchema.safeParse(req.query);
    if (!query.success) {
      res.status(400).json({ error: 'invalid_query' });
      return;
    }
    res.json({ items: sandbox.records(query.data) });
  });
  router.get('/requests', (_req: Request, res: Response) => void res.json({ items: sandbox.requests() }));
  router.get('/idempotency-keys/:key', (req: Request<{ key: string }>, res: Response) => {
    const state = sandbox.idempotencyKeyState(req.params.key);
    if (state) res.json({ key: req.params.key, state });
    else res.status(404).json({ error: 'not_found' });
  });
  router.get(
    '/authorised-organisations',
    (_req: Request, res: Response) => void res.json({ organisationCodes: sandbox.authorisedOrganisations() }),
  );
  router.put('/authorised-organisations', (req: Request, res: Response) => {
    const body = parseControlBody(AuthorisedOrganisationsSchema, req, res);
    if (!body) return;
    sandbox.setAuthorisedOrganisations(body.organisationCodes ?? undefined);
    res.json({ organisationCodes: sandbox.authorisedOrganisations() });
  });
  mountApplicantRoutes(router, sandbox);
  app.use('/sandbox', router);
}
