import express, { type Request, type Response, type Router } from 'express';
import type { z } from 'zod';
import { FaultSettingsSchema, type FaultSettings, type FaultSettingsInput } from './faults';

/** Parses a control request body or answers `400` with the zod issues; no auth: sandbox only. */
export function parseControlBody<S extends z.ZodType>(
  schema: S,
  req: Request,
  res: Response,
): z.output<S> | undefined {
  const parsed = schema.safeParse(req.body);
  if (parsed.success) return parsed.data;
  res.status(400).json({
    error: 'invalid_body',
    issues: parsed.error.issues.map((issue) => ({
      path: issue.path.map(String).join('.'),
      message: issue.message,
    })),
  });
  return undefined;
}

/** What both sandboxes share under `/sandbox/`: faults, token revocation, token counts. */
export interface CommonControls {
  getFaults(): FaultSettings;
  setFaults(input: FaultSettingsInput): FaultSettings;
  revokeTokens(): void;
  tokenStats(): { issued: number; active: number };
}

/** A `/sandbox` router with JSON parsing and the endpoints both servers have. */
export function createCommonControlRouter(controls: CommonControls): Router {
  const router = express.Router();
  router.use(express.json({ limit: '50mb' }));
  router.get('/faults', (_req: Request, res: Response) => void res.json(controls.getFaults()));
  router.put('/faults', (req: Request, res: Response) => {
    const input = parseControlBody(FaultSettingsSchema, req, res);
    if (input) res.json(controls.setFaults(input));
  });
  router.post('/revoke-tokens', (_req: Request, res: Response) => {
    controls.revokeTokens();
    res.status(204).end();
  });
  router.get('/tokens', (_req: Request, res: Response) => void res.json(controls.tokenStats()));
  return router;
}
