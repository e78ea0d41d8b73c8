import express, { type Express } from 'express';
import type Redis from 'ioredis';
import type { Config } from '../config';
import type { OrganisationDirectory } from '../config/organisations';
import { createAdminTracClient } from './admin/transfers/admin-trac-client';
import { ASSETS_PATH, createAssetsRouter } from './admin/pages/page-assets';
import { createAdminRouter } from './admin/create-admin-router';
import { createAuthRouter } from './admin/auth/auth-router';
import type { SessionTimeouts } from './admin/auth/sessions';
import { createSignIn } from './admin/auth/sign-in';
import type { LoginRateLimitOptions } from './admin/auth/login-rate-limit';
import { createOpenApiRouter } from './admin/api/openapi-router';
import { registerHealthMetrics } from './health/health-metrics';
import { createHealthRouter } from './health/health-router';
import { createMetricsRouter } from './health/metrics-router';
import { createErrorHandler, notFoundHandler } from './platform/error-handler';
import { securityHeaders } from './platform/security-headers';
import type { Logger } from './platform/logger';
import { labelRoute, observeRequestDuration, type Metrics } from './platform/metrics';
import { externalLatencyKey, registerStoredMetrics } from './platform/stored-metrics';
import { registerSweepMetrics, registerTracListMetrics } from './platform/sweep-metrics';
import type { TransferQueue } from './store/transfer-queue';
import type { TracClient } from './trac/trac-client';
import { recordCountsKey, transferCountsKey } from './store/outcome-counters';
import { sweepCountsKey } from './store/sweep-log';
import { tracListCountsKey } from './store/trac-list-counts';
import type { TransferStore } from './transfer/transfer';
import { createDeliveryHandler } from './webhook/handle-delivery';
import { createSignatureVerifier } from './webhook/verify-signature';
import { createWebhookIdRecords } from './webhook/webhook-id-record';
import { createWebhookRouter } from './webhook/webhook-router';

export interface AppDeps {
  config: Readonly<Config>;
  logger: Logger;
  /** The receiver's fail-fast connection (`createFailFastConnection`). */
  redis: Redis;
  /** The transfer queue on that connection (`createTransferQueue`). */
  queue: TransferQueue;
  transferStore: TransferStore;
  organisations: OrganisationDirectory;
  metrics: Metrics;
  /** The clock for webhook timestamps and receipt times; default the system clock. */
  now?: () => Date;
  /**
   * Trac, for the admin manual start's check. Default: a client built from `config.trac` when
   * TRAC_BASE_URL is set; without one, manual starts answer `503 trac_unavailable`.
   */
  tracClient?: TracClient;
  /** Failed admin logins that lock a (user, client address) pair; default 10 in 15 min, for 15 min. */
  adminLoginRateLimit?: LoginRateLimitOptions;
  /** Session time-outs other than SESSION_IDLE_MINUTES and SESSION_MAX_HOURS (tests), milliseconds. */
  sessionTimeouts?: Partial<SessionTimeouts>;
}

/** Builds the receiver's HTTP app: routes only, nothing starts or connects here. */
export function createApp(deps: AppDeps): Express {
  const { config, logger, metrics } = deps;
  const now = deps.now ?? (() => new Date());
  const app = express();
  // the client address of the login limit and the logs: a proxy's X-Forwarded-For only when trusted
  app.set('trust proxy', config.trustProxy);
  app.disable('x-powered-by');
  app.use(securityHeaders());
  app.use(observeRequestDuration(metrics));

  const webhookRouter = createWebhookRouter({
    verifySignature: createSignatureVerifier({
      secrets: config.webhookSecrets,
      toleranceSeconds: config.webhookToleranceSeconds,
      now,
    }),
    handleDelivery: createDeliveryHandler({
      organisations: deps.organisations,
      triggerStatuses: config.triggerStatuses,
      transferStore: deps.transferStore,
      queue: deps.queue,
      webhookIds: createWebhookIdRecords(deps.redis, config.queuePrefix),
      logger: logger.child({ component: 'webhook' }),
      now,
    }),
    metrics,
    logger: logger.child({ component: 'webhook' }),
  });
  app.use('/webhooks/trac', labelRoute('/webhooks/trac'), webhookRouter);
  app.use('/health', labelRoute('/health'), createHealthRouter(deps.redis, config.queuePrefix));
  app.use('/metrics', labelRoute('/metrics'), createMetricsRouter(metrics));

  // The admin API and dashboard (`/admin`, `/openapi.json`) mount here, behind their own
  // authentication, with labelRoute() so their latency is labelled by route pattern.
  registerStoredMetrics(metrics, {
    redis: deps.redis,
    transfersKey: transferCountsKey(config.queuePrefix),
    recordsKey: recordCountsKey(config.queuePrefix),
    latencyKey: externalLatencyKey(config.queuePrefix),
  });
  registerSweepMetrics(metrics, deps.redis, sweepCountsKey(config.queuePrefix));
  registerTracListMetrics(metrics, deps.redis, tracListCountsKey(config.queuePrefix));
  registerHealthMetrics(metrics, deps.redis, config.queuePrefix);
  app.use('/openapi.json', labelRoute('/openapi.json'), createOpenApiRouter());
  // the HR pages' stylesheet, script and icons (nhsuk-frontend): public, cacheable, no login
  app.use(ASSETS_PATH, labelRoute(ASSETS_PATH), createAssetsRouter());
  // sign-in with the provider (OIDC_ISSUER_URL), when one is configured: its pages and callback
  const signIn = createSignIn({
    config,
    redis: deps.redis,
    logger,
    now,
    sessionTimeouts: deps.sessionTimeouts,
  });
  if (signIn) app.use('/auth', labelRoute('/auth'), createAuthRouter(signIn));
  app.use(
    '/admin',
    labelRoute('/admin'),
    createAdminRouter({
      config,
      logger,
      redis: deps.redis,
      queue: deps.queue,
      store: deps.transferStore,
      organisations: deps.organisations,
      metrics,
      trac: deps.tracClient ?? createAdminTracClient(config, deps.redis),
      now,
      loginRateLimit: deps.adminLoginRateLimit,
      signIn,
    }),
  );

  app.use(notFoundHandler);
  app.use(createErrorHandler(logger));
  return app;
}
