import express, { Router } from 'express';
import type Redis from 'ioredis';
import type { Config } from '../../config';
import type { OrganisationDirectory } from '../../config/organisations';
import { readerLimitAbove, readWithin, refuseDeclaredOversize } from '../platform/http/body-limit';
import type { Logger } from '../platform/logger';
import { labelRoute, type Metrics } from '../platform/metrics';
import type { TransferQueue } from '../store/transfer-queue';
import type { TracClient } from '../trac/trac-client';
import { createTransferQueries } from '../store/transfer-queries';
import type { TransferStore } from '../transfer/transfer';
import { createAdminApiRouter } from './api/admin-api-router';
import { createAdminOperations } from './transfers/admin-operations';
import { createAdminPageRouter } from './overview/admin-page-router';
import { createAdminDirectory } from './auth/admin-users';
import { createAuditLog } from './audit/audit-log';
import { createAuthenticator } from './auth/authenticate';
import type { SignIn } from './auth/sign-in';
import { createBullBoardRouter } from './bull-board/bull-board';
import { createDigestTrigger } from './digest/digest-trigger';
import { createHrPagesRouter } from './transfers/hr-pages-router';
import { createLoginRateLimit, type LoginRateLimitOptions } from './auth/login-rate-limit';
import { createMatchPreviewsRouter } from './previews/match-previews-router';
import { createPreviewQueue } from '../store/preview-queue';
import { createReconciliationAdmin } from './sweeps/reconciliation-admin';
import { createReconciliationRouter } from './sweeps/reconciliation-router';
import { createNoticeFlash } from './pages/notice-flash';
import { createStartPageRouter } from './transfers/start-page-router';
import { requireAllOrganisations } from './auth/require-all-organisations';

export interface AdminDeps {
  config: Readonly<
    Pick<
      Config,
      | 'adminUsers'
      | 'supportUsers'
      | 'queuePrefix'
      | 'triggerStatuses'
      | 'smtpUrl'
      | 'reconcileIntervalSeconds'
      | 'transferAttempts'
    >
  >;
  logger: Logger;
  redis: Redis;
  queue: TransferQueue;
  store: TransferStore;
  organisations: OrganisationDirectory;
  metrics: Metrics;
  /** Trac, for the manual start's check; undefined answers manual starts `503 trac_unavailable`. */
  trac: TracClient | undefined;
  now: () => Date;
  loginRateLimit?: LoginRateLimitOptions;
  /** Sign-in with a provider (sessions, bearer tokens); undefined: HTTP Basic only. */
  signIn?: SignIn;
}

/** Bodies of admin writes are a few fields: 16 KiB, refused over it (connector.md). */
export const MAX_ADMIN_BODY_BYTES = 16 * 1024;

/**
 * Everything under `/admin`: HTTP Basic first, then Bull Board (`/queues`), the HR page (`/`,
 * `/actions/*`) and the JSON API (`/transfers…`, `/audit`, `/digest`, `/reconciliation`). Writes
 * are checked, audited and counted in `performWrite`; the headers of every answer are the app's
 * (`securityHeaders`).
 */
export function createAdminRouter(deps: AdminDeps): Router {
  const logger = deps.logger.child({ component: 'admin' });
  const { config, redis, queue, store, metrics } = deps;
  const audit = createAuditLog(redis, config.queuePrefix, logger, metrics);
  const queries = createTransferQueries(redis, config.queuePrefix, queue);
  const operations = createAdminOperations({
    queries,
    queue,
    store,
    now: deps.now,
    organisations: deps.organisations,
    triggerStatuses: config.triggerStatuses,
    trac: deps.trac,
    logger,
  });
  const notices = createNoticeFlash(redis, config.queuePrefix);
  const shared = { store, queries, audit, operations, metrics, logger, notices };

  const router = Router();
  // before the credentials are checked: an oversize body is refused without reading it, whoever sends it
  router.use(refuseDeclaredOversize(MAX_ADMIN_BODY_BYTES));
  router.use(
    createAuthenticator({
      directory: createAdminDirectory(config.adminUsers, config.supportUsers),
      rateLimit: createLoginRateLimit(redis, config.queuePrefix, deps.loginRateLimit),
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
  // the previews' queue lives as long as the receiver's connection (nothing of its own to close)
  const previewQueue = createPreviewQueue(redis, config.queuePrefix, logger);
  router.use(
    '/queues',
    labelRoute('/admin/queues'),
    // its queues hold every organisation's jobs: only for those acting for all organisations
    requireAllOrganisations({ organisations: deps.organisations, audit, logger }, 'bull-board'),
    createBullBoardRouter({ queue, previewQueue, audit, logger }),
  );
  const reconciliation = createReconciliationAdmin({
    redis,
    prefix: config.queuePrefix,
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
  router.use(createAdminPageRouter({ ...shared, organisations: deps.organisations, reconciliation }));
  // the HR pages share paths with the JSON API (a browser gets HTML), so they come first
  router.use(createHrPagesRouter({ ...shared, queue, organisations: deps.organisations }));
  const digest = createDigestTrigger({
    smtpConfigured: Boolean(config.smtpUrl),
    redis,
    prefix: config.queuePrefix,
  });
  router.use(createReconciliationRouter({ ...shared, reconciliation, organisations: deps.organisations }));
  router.use(
    createMatchPreviewsRouter({
      ...shared,
      redis,
      prefix: config.queuePrefix,
      queue: previewQueue,
      organisations: deps.organisations,
      attempts: config.transferAttempts,
      now: deps.now,
    }),
  );
  router.use(createAdminApiRouter({ ...shared, digest, organisations: deps.organisations }));
  return router;
}
