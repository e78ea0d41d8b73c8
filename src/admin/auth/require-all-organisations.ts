import type { RequestHandler } from 'express';
import type { OrganisationDirectory } from '../../../config/organisations';
import type { Logger } from '../../platform/logger';
import { identityOf } from './admin-users';
import type { AuditAction, AuditLog } from '../audit/audit-log';
import { actsForAllIn } from './organisation-scope';

export interface RequireAllOrganisationsDeps {
  organisations: Pick<OrganisationDirectory, 'all'>;
  audit: Pick<AuditLog, 'refused'>;
  logger: Logger;
}

/**
 * For what holds every organisation's work at once (Bull Board: its queues hold every
 * organisation's jobs): only someone acting for all organisations (`*`, or every enabled code)
 * goes on; anyone else gets `403 {"error":"organisation_not_permitted"}`, counted with the
 * refusals (an attempted write also kept apart with them).
 */
export function requireAllOrganisations(
  deps: RequireAllOrganisationsDeps,
  action: AuditAction,
): RequestHandler {
  return async (req, res, next) => {
    const identity = identityOf(res);
    if (actsForAllIn(identity.organisations, deps.organisations)) return next();
    const target = `${req.method} ${req.baseUrl}${req.path}`;
    deps.logger.warn('admin request refused: not acting for every organisation', {
      user: identity.user,
      action,
      target,
    });
    const isRead = req.method === 'GET' || req.method === 'HEAD';
    await deps.audit.refused(403, isRead ? undefined : { identity, action, target });
    res.status(403).json({ error: 'organisation_not_permitted' });
  };
}
