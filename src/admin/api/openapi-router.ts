import { Router } from 'express';
import { openApiDocument } from './openapi';

/** `GET /openapi.json`, without authentication: the document holds no data, only shapes. */
export function createOpenApiRouter(): Router {
  const router = Router();
  router.get('/', (_req, res) => void res.json(openApiDocument()));
  return router;
}
