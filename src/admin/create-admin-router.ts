import express, { Router } from 'express';
import type { Config } from '../../config';
import type { OrganisationDirectory } from '../../config/organisations';
import { readerLimitAbove, readWithin, refuseDeclaredOversize } from '../platform/http/body-limit';
import type { Logger } from '../platform/logger';
import { labelRoute, type Metrics } from '../platform/metrics';
import type { TransferQueue } from '../store/transfer-queue';
import type { TransferStarter } from '../store/transfer-starter';
import type { TracClient } from '../trac/trac-client';
import type { TransferStore } from '../transfer/transfer';
import type { AdminStorage } from './admin-storage';
import { createAdminApiRouter } from './api/admin-api-router';
import { createAdminOperations } from './transfers/admin-operations';
import { createOverviewRouter } from './overview/overview-router';
import { createAdminDirectory } from './auth/admin-users';
import { createAuditLog } from './audit/audit-log';
import { createAuthenticator } from './auth/authenticate';
import type { SignIn } from './auth/sign-in';
import { createBullBoardRouter } from './bull-board/bull-board';
import { createDigestTrigger } from './digest/digest-trigger';
import { createTransferPagesRouter } from './transfers/transfer-pages-router';
import { createPreviewsRouter } from './previews/previews-router';
import { createSweepOperations } from './sweeps/sweep-operations';
import { createSweepsRouter } from './sweeps/sweeps-router';
import { createStartPageRouter } from './transfers/start-page-router';
import { requireAllOrganisations } from './auth/require-all-organisations';

export interface AdminDeps {
  config: Readonly<
    Pick<
      Config,
      | 'adminUsers'
      | 'supportUsers'
      | 'triggerStatuses'
      | 'smtpUrl'
      | 'reconcileIntervalSeconds'
      | 'transferAttempts'
    >
  >;
  logger: Logger;
  /** What the HR side keeps and asks for, behind its ports (`createAdminStorage` in src/store). */
  storage: AdminStorage;
  queue: TransferQueue;
  store: TransferStore;
  /** The process's one transfer starter: re-queues and manual starts go through it. */
  starter: TransferStarter;
  organisations: OrganisationDirectory;
  metrics: Metrics;
  /** Trac, for the manual start's check; undefined answers manual starts `503 trac_unavailable`. */
  trac: TracClient | undefined;
  now: () => Date;
  /** Sign-in with a provider (sessions, bearer tokens); undefined: HTTP Basic only. */
  signIn?: SignIn;
}

/** Bodies of admin writes are a few fields: 16 KiB, refused over it (connector.md). */
export const MAX_ADMIN_BODY_BYTES = 16 * 1024;

/**
 * Everything under `/admin`: HTTP Basic first, then Bull Board (`/queues`), the HR pages (`/`,
 * `/actions/*`) and the JSON API (`/transfers…`, `/audit`, `/digest`, `/reconciliation`). Writes
 * are checked, audited and counted in `performWrite`; the headers of every answer are the app's
 * (`securityHeaders`).
 */
export function createAdminRouter(deps: AdminDeps): Router {
  const logger = deps.logger.child({ component: 'admin' });
  const { config, storage, queue, store, metrics } = deps;
  const audit = createAuditLog(storage.audit, logger, metrics);
  const queries = storage.transfers;
  const operations = createAdminOperations({
    queries,
    starter: deps.starter,
    store,
    organisations: deps.organisations,
    triggerStatuses: config.triggerStatuses,
    trac: deps.trac,
    logger,
  });
  const { notices } = storage;
  const shared = { store, queries, audit, operations, metrics, logger, notices };

  const router = Router();
  // before the credentials are checked: an oversize body is refused without reading it, whoever sends it
  router.use(refuseDeclaredOversize(MAX_ADMIN_BODY_BYTES));
  router.use(
    createAuthenticator({
      directory: createAdminDirectory(config.adminUsers, config.supportUsers),
      rateLimit: storage.loginFailures,
      audit,
      metrics,
      logger,
      signIn: deps.signIn,
    }),
  );
  // every body is read here, bounded; Bull Board's own parser then finds it read and reads nothing
  router.use(
    readWithin(
      MAX_ADMIN_BODY_BYTES,
      express.json({ limit: readerLimitAbove(MAX_ADMIN_BODY_BYTES) }),
      express.urlencoded({ extended: false, limit: readerLimitAbove(MAX_ADMIN_BODY_BYTES) }),
    ),
  );
  const { previewQueue } = storage;
  router.use(
    '/queues',
    labelRoute('/admin/queues'),
    // its queues hold every organisation's jobs: only for those acting for all organisations
    requireAllOrganisations({ organisations: deps.organisations, audit, logger }, 'bull-board'),
    createBullBoardRouter({ queue, previewQueue, audit, logger }),
  );
  const sweepOperations = createSweepOperations({
    sweeps: storage.sweeps,
    intervalSeconds: config.reconcileIntervalSeconds,
  });
  // before the overview's router: the manual start answers with its own page
  router.use(
    createStartPageRouter({
      ...shared,
      organisations: deps.organisations,
      triggerStatuses: config.triggerStatuses,
    }),
  );
  router.use(createOverviewRouter({ ...shared, organisations: deps.organisations, sweepOperations }));
  // the HR pages share paths with the JSON API (a browser gets HTML), so they come first
  router.use(createTransferPagesRouter({ ...shared, queue, organisations: deps.organisations }));
  const digest = createDigestTrigger({
    smtpConfigured: Boolean(config.smtpUrl),
    requests: storage.digests,
  });
  router.use(createSweepsRouter({ ...shared, sweepOperations, organisations: deps.organisations }));
  router.use(
    createPreviewsRouter({
      ...shared,
      storage: storage.previews,
      organisations: deps.organisations,
      attempts: config.transferAttempts,
      now: deps.now,
    }),
  );
  router.use(createAdminApiRouter({ ...shared, digest, organisations: deps.organisations }));
  return router;
}
