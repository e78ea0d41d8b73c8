import { Router, type Request, type RequestHandler } from 'express';
import type { OrganisationDirectory } from '../../../config/organisations';
import type { TransferQueries } from '../../store/transfer-queries';
import type { TransferQueue } from '../../store/transfer-queue';
import { AuditQuerySchema, PAGE_SIZE, TransfersQuerySchema } from '../api/admin-schemas';
import { identityOf } from '../auth/admin-users';
import type { AuditLog } from '../audit/audit-log';
import { findTransfers } from './find-transfers';
import { renderAuditPage } from '../audit/audit-page-html';
import type { NoticeFlash } from '../pages/notice-flash';
import { actsForAllIn, permittedAmong } from '../auth/organisation-scope';
import { transferPath } from '../pages/page-components-html';
import { pagePolicy } from '../pages/page-policy';
import { noticeFrom } from '../pages/page-notices';
import { renderSearchPage } from './search-page-html';
import { loadHistory } from './transfer-history';
import { renderTransferList, type ListFilter } from './transfer-list-html';
import { renderTransferNotFound, renderTransferPage } from './transfer-page-html';
import { loadPageDetail, loadTransfers, type TransferReader } from './transfer-views';

export interface TransferPagesDeps extends TransferReader {
  queries: TransferQueries;
  audit: AuditLog;
  queue: TransferQueue;
  organisations: OrganisationDirectory;
  /** Shows an action's notice on the redirect that follows it, once. */
  notices: NoticeFlash;
}

/** A browser navigating asks for HTML first; scripts and curl (no Accept, or `*\/*`) get the JSON API. */
export function wantsHtml(req: Request): boolean {
  return req.accepts(['application/json', 'text/html']) === 'text/html';
}

/** The HTML routes share their paths with the JSON API: anything but a browser goes on to it. */
const htmlOnly: RequestHandler = (req, _res, next) => next(wantsHtml(req) ? undefined : 'route');

/** What to do about each filter the address got wrong, in HR's words (a Map: no inherited keys). */
const FILTER_PROBLEMS = new Map([
  ['state', 'Choose a state from the list'],
  ['reason', 'Choose a reason from the list'],
  ['organisation', 'Choose an organisation from the list'],
  ['outstanding', 'Choose the filters again'],
  ['page', 'Go to a page the list has, from its page links'],
]);

const FIELD_IDS = new Map([
  ['state', '#filter-state'],
  ['reason', '#filter-reason'],
  ['organisation', '#filter-organisation'],
  ['outstanding', '#filter-outstanding'],
]);

/**
 * The HR pages beside `GET /admin`: lists of transfers (`GET /admin/transfers` in a browser), one
 * transfer (`GET /admin/transfers/{id}` in a browser) and the search (`GET /admin/search?q=`). The
 * JSON API answers the same paths for every other client, exactly as before.
 */
export function createTransferPagesRouter(deps: TransferPagesDeps): Router {
  const router = Router();

  router.get('/transfers', htmlOnly, pagePolicy, async (req, res) => {
    const identity = identityOf(res);
    const scope = identity.organisations;
    // the filter offers only the organisations the caller acts for
    const codes = permittedAmong(
      scope,
      deps.organisations.all().map((o) => o.code),
    );
    const organisations = deps.organisations.all().filter((o) => codes.includes(o.code));
    const query = TransfersQuerySchema.safeParse(req.query);
    if (!query.success) {
      const links = query.error.issues.map((issue) => {
        const field = String(issue.path[0] ?? '');
        return {
          href: FIELD_IDS.get(field) ?? '#filters',
          text: FILTER_PROBLEMS.get(field) ?? 'Choose the filters again',
        };
      });
      const problem = {
        kind: 'problem' as const,
        text: 'The address holds a filter that is not one.',
        links,
      };
      const page = renderTransferList({
        identity,
        filter: {},
        page: 1,
        total: 0,
        transfers: [],
        organisations,
        problem,
      });
      return void res.status(400).type('html').send(page);
    }
    const { state, reason, organisation, page } = query.data;
    const outstanding = query.data.outstanding === 'true';
    const filter: ListFilter = { state, reason, organisation, outstanding };
    const found = await deps.queries.list(
      scope,
      { state, reason, organisationCode: organisation, outstanding },
      (page - 1) * PAGE_SIZE,
      PAGE_SIZE,
    );
    const transfers = await loadTransfers(deps, scope, found.ids);
    res
      .type('html')
      .send(renderTransferList({ identity, filter, page, total: found.total, transfers, organisations }));
  });

  router.get(
    '/transfers/:transferId',
    htmlOnly,
    pagePolicy,
    async (req: Request<{ transferId: string }>, res) => {
      const identity = identityOf(res);
      const { transferId } = req.params;
      // another organisation's transfer is not found, as if it did not exist
      const transfer = await loadPageDetail(deps, identity.organisations, transferId);
      if (!transfer)
        return void res.status(404).type('html').send(renderTransferNotFound(identity, transferId));
      const history = await loadHistory(deps, identity.organisations, transferId);
      const organisation = deps.organisations.all().find((o) => o.code === transfer.organisationCode);
      // the notice of the action that led here, once: a reload shows none
      const notice = (await deps.notices.take(identity, req.originalUrl)) ? noticeFrom(req.query) : undefined;
      res.type('html').send(renderTransferPage({ identity, transfer, organisation, history, notice }));
    },
  );

  router.get('/search', pagePolicy, async (req, res) => {
    const query = typeof req.query.q === 'string' ? req.query.q.trim() : '';
    const identity = identityOf(res);
    const found = await findTransfers(deps, deps.organisations, identity.organisations, query);
    // a transfer id, in any case, opens that transfer
    if (found.exact) return res.redirect(303, transferPath(found.exact.transferId));
    res.type('html').send(renderSearchPage({ identity, query, transfers: found.transfers }));
  });

  router.get('/audit', htmlOnly, pagePolicy, async (req, res) => {
    const identity = identityOf(res);
    const query = AuditQuerySchema.safeParse(req.query);
    const page = query.success ? query.data.page : 1;
    // acting for every enabled organisation reads the whole log, as the JSON does
    const scope = actsForAllIn(identity.organisations, deps.organisations) ? '*' : identity.organisations;
    const { items, total } = await deps.audit.page(scope, page, PAGE_SIZE);
    res.type('html').send(renderAuditPage({ identity, page, total, entries: items }));
  });

  return router;
}
