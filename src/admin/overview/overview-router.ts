import { Router, type Request, type Response } from 'express';
import type { OrganisationDirectory } from '../../../config/organisations';
import type { ReasonCode } from '../../platform/errors';
import { parseTransferId, transferIdOf } from '../../transfer/transfer-ids';
import type { TransferQueries } from '../../store/transfer-queries';
import type { Transfer, TransferStore } from '../../transfer/transfer';
import type { AdminOperations } from '../transfers/admin-operations';
import { renderOverviewPage, type OverviewModel } from './overview-page-html';
import { identityOf } from '../auth/admin-users';
import { actsForAllIn, permits, type OrganisationScope } from '../auth/organisation-scope';
import type { AuditLog } from '../audit/audit-log';
import type { SweepOperations } from '../sweeps/sweep-operations';
import type { NoticeFlash } from '../pages/notice-flash';
import { noticeFrom, noticeLocation } from '../pages/page-notices';
import { RETURN_FIELD, type FailedGroup } from '../transfers/failed-section-html';
import { transferPath } from '../pages/page-components-html';
import { pagePolicy } from '../pages/page-policy';
import { performWrite, type WriteDeps, type WriteResult } from '../audit/perform-write';
import { loadTransfers } from '../transfers/transfer-views';
import { CSRF_FIELD } from '../auth/write-guard';
import type { AuditAction } from '../audit/audit-log';

export interface OverviewDeps extends WriteDeps {
  store: TransferStore;
  queries: TransferQueries;
  audit: AuditLog;
  operations: AdminOperations;
  organisations: OrganisationDirectory;
  /** Notes each action's notice for the redirect that follows it, shown there once. */
  notices: NoticeFlash;
  /** The sweeps' schedule and latest attempts, shown on the page. */
  sweepOperations?: SweepOperations;
}

/** Failed transfers shown on the page, newest first. */
const FAILED_SHOWN = 200;
const LATEST_SHOWN = 25;
const AUDIT_SHOWN = 10;

function groupByReason(transfers: readonly Transfer[]): FailedGroup[] {
  const groups = new Map<ReasonCode | null, Transfer[]>();
  for (const transfer of transfers) {
    groups.set(transfer.reason, [...(groups.get(transfer.reason) ?? []), transfer]);
  }
  return [...groups].map(([reason, list]) => ({ reason, transfers: list }));
}

/**
 * The form's fields without the token, the page to come back to, and empty values (an empty field
 * means "not given").
 */
function formFields(req: Request): Record<string, string> {
  const body = (req.body ?? {}) as Record<string, unknown>;
  const fields = Object.entries(body).filter(
    ([name, value]) =>
      name !== CSRF_FIELD && name !== RETURN_FIELD && typeof value === 'string' && value.trim() !== '',
  );
  return Object.fromEntries(fields.map(([name, value]) => [name, String(value).trim()]));
}

/** The transfer a form names (directly, or by organisation and applicant), when it is a valid id. */
function transferIdIn(fields: Record<string, string>): string | undefined {
  const { transferId, organisationCode, applicantId } = fields;
  const id =
    transferId ?? (organisationCode && applicantId ? transferIdOf(organisationCode, applicantId) : '');
  return parseTransferId(id) ? id : undefined;
}

/** The overview `GET /admin` and its form actions, each answered POST → 303 → GET with a notice. */
export function createOverviewRouter(deps: OverviewDeps): Router {
  const router = Router();

  /** What the page shows, all of it of the organisations the caller acts for. */
  async function loadModel(req: Request, res: Response): Promise<OverviewModel> {
    const identity = identityOf(res);
    const scope = identity.organisations;
    const forAll = actsForAllIn(scope, deps.organisations);
    // the counts and the latest list read an organisation's unfinished transfers once between them
    const queries = deps.queries.forOnePage();
    const [counts, outstanding, failed, latest, audit] = await Promise.all([
      queries.countByState(scope),
      queries.countOutstanding(scope),
      queries.list(scope, { state: 'failed' }, 0, FAILED_SHOWN),
      queries.list(scope, {}, 0, LATEST_SHOWN),
      deps.audit.page(forAll ? '*' : scope, 1, AUDIT_SHOWN),
    ]);
    const failedTransfers = await loadTransfers(deps, scope, failed.ids);
    return {
      identity,
      counts,
      outstanding,
      failedGroups: groupByReason(failedTransfers),
      failedTotal: failed.total,
      failedShown: failedTransfers.length,
      latest: await loadTransfers(deps, scope, latest.ids),
      audit: audit.items,
      organisations: deps.organisations.all().filter((o) => permits(scope, o.code)),
      forAllOrganisations: forAll,
      sweeps: await deps.sweepOperations?.status(forAll),
      notice: (await deps.notices.take(identity, req.originalUrl)) ? noticeFrom(req.query) : undefined,
    };
  }

  router.get('/', pagePolicy, async (req, res) => {
    const page = renderOverviewPage(await loadModel(req, res));
    res.type('html').send(page);
  });

  function action(
    path: string,
    name: AuditAction,
    write: (organisations: OrganisationScope, fields: Record<string, string>) => Promise<WriteResult>,
  ) {
    router.post(path, async (req, res) => {
      const fields = formFields(req);
      const refusedTarget = fields.transferId ?? name;
      const run = () => write(identityOf(res).organisations, fields);
      const answer = await performWrite(deps, req, res, name, run, refusedTarget);
      const refused = answer.status === 403 && answer.body.error !== 'organisation_not_permitted';
      if (refused) return void res.status(403).json(answer.body);
      const transferId = transferIdIn(fields);
      const body = (req.body ?? {}) as Record<string, unknown>;
      const page = body[RETURN_FIELD] === 'transfer' && transferId ? transferPath(transferId) : '/admin';
      const location = noticeLocation(answer, transferId, page);
      await deps.notices.note(identityOf(res), location);
      res.redirect(303, location);
    });
  }

  action('/actions/retry', 'retry', (scope, fields) =>
    deps.operations.requeue(scope, fields.transferId ?? ''),
  );
  action('/actions/retry-group', 'retry-bulk', (scope, fields) =>
    deps.operations.requeueMatching(scope, fields),
  );
  action('/actions/send-outstanding', 'send-outstanding', (scope, fields) =>
    deps.operations.sendOutstanding(scope, fields.transferId ?? ''),
  );
  return router;
}
