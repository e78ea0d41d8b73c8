import { AUTH_ANSWERS, WRITE_ANSWERS } from './openapi-answers';
import { otherAdminPaths } from './openapi-admin-paths';
import { componentSchemas } from './openapi-components';
import { previewPaths } from './openapi-previews';
import { transferPaths } from './openapi-transfers';
import { webhookPath } from './openapi-webhook';

/** Admin operations require HTTP Basic; the webhook authenticates by its signature instead. */
function withBasicAuth(paths: Record<string, Record<string, object>>) {
  return Object.fromEntries(
    Object.entries(paths).map(([path, operations]) => [
      path,
      Object.fromEntries(
        Object.entries(operations).map(([method, operation]) => [
          method,
          { ...operation, security: [{ basicAuth: [] }] },
        ]),
      ),
    ]),
  );
}

let cached: Record<string, unknown> | undefined;

/** The OpenAPI 3.1 document of the webhook and the admin API (served at `/openapi.json`). */
export function openApiDocument(): Record<string, unknown> {
  cached ??= {
    openapi: '3.1.0',
    info: {
      title: 'dit-checks-connector',
      version: '1',
      description:
        'Trac webhook receiver and HR admin API. Admin endpoints use HTTP Basic (ADMIN_USERS: read and write; SUPPORT_USERS: read only).',
    },
    paths: {
      '/webhooks/trac': webhookPath(),
      ...withBasicAuth({
        ...transferPaths(),
        ...otherAdminPaths(),
        ...previewPaths(AUTH_ANSWERS, WRITE_ANSWERS),
      }),
    },
    components: {
      schemas: componentSchemas(),
      securitySchemes: { basicAuth: { type: 'http', scheme: 'basic' } },
    },
  };
  return cached;
}
