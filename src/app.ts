import express, { type Express } from 'express';
import type { Config } from '../config';
import type { OrganisationDirectory } from '../config/organisations';
import { ASSETS_PATH, createAssetsRouter } from './admin/pages/page-assets';
import { createAdminRouter, type AdminDeps } from './admin/create-admin-router';
import { createAuthRouter } from './admin/auth/auth-router';
import type { SignIn } from './admin/auth/sign-in';
import { createOpenApiRouter } from './admin/api/openapi-router';
import { registerHealthMetrics, type DeploymentHealth } from './health/health-metrics';
import { createHealthRouter } from './health/health-router';
import { createMetricsRouter } from './health/metrics-router';
import { createErrorHandler, notFoundHandler } from './platform/error-handler';
import { securityHeaders } from './platform/security-headers';
import type { Logger } from './platform/logger';
import { labelRoute, observeRequestDuration, type Metrics } from './platform/metrics';
import { registerStoredMetrics, type StoredCounts } from './platform/stored-metrics';
import { registerSweepMetrics, registerTracListMetrics } from './platform/sweep-metrics';
import type { TransferQueue } from './store/transfer-queue';
import { createTransferStarter } from './store/transfer-starter';
import type { TransferStore } from './transfer/transfer';
import { createDeliveryHandler } from './webhook/handle-delivery';
import { createSignatureVerifier } from './webhook/verify-signature';
import type { WebhookIdRecords } from './webhook/webhook-id-record';
import { createWebhookRouter } from './webhook/webhook-router';

/** What the HR side needs besides what the whole app shares (`createAdminRouter`'s own). */
export type AdminAdapters = Omit<
  AdminDeps,
  'config' | 'logger' | 'queue' | 'store' | 'starter' | 'organisations' | 'metrics' | 'now' | 'signIn'
>;

/**
 * Everything the app uses, built where the process is composed (src/server.ts): the adapters of
 * src/store behind the ports their users declare, never a raw connection.
 */
export interface AppDeps {
  config: Readonly<Config>;
  logger: Logger;
  /** The transfer queue on the receiver's connection (`createTransferQueue`). */
  queue: TransferQueue;
  transferStore: TransferStore;
  /** What the receiver remembers of each Trac message (`createWebhookIdRecords`). */
  webhookIds: WebhookIdRecords;
  /** Readiness and live workers (`createDeploymentHealth`). */
  health: DeploymentHealth;
  /** The counts the workers keep, read by `/metrics` (`createStoredCounts`). */
  storedCounts: StoredCounts;
  organisations: OrganisationDirectory;
  metrics: Metrics;
  /** Sign-in with the provider (`createSignIn`, OIDC_ISSUER_URL); undefined: HTTP Basic only. */
  signIn: SignIn | undefined;
  /** The HR side's own adapters and Trac (manual starts answer `503 trac_unavailable` without it). */
  admin: AdminAdapters;
  /** The clock for webhook timestamps and receipt times; default the system clock. */
  now?: () => Date;
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
  // the receiver's one transfer starter: webhooks, manual starts and re-queues start through it
  const starter = createTransferStarter(deps.transferStore, deps.queue, deps.organisations, logger, now);

  const webhookRouter = createWebhookRouter({
    verifySignature: createSignatureVerifier({
      secrets: config.webhookSecrets,
      toleranceSeconds: config.webhookToleranceSeconds,
      now,
    }),
    handleDelivery: createDeliveryHandler({
      organisations: deps.organisations,
      triggerStatuses: config.triggerStatuses,
      starter,
      webhookIds: deps.webhookIds,
      now,
      logger: logger.child({ component: 'webhook' }),
    }),
    metrics,
    logger: logger.child({ component: 'webhook' }),
  });
  app.use('/webhooks/trac', labelRoute('/webhooks/trac'), webhookRouter);
  app.use('/health', labelRoute('/health'), createHealthRouter(deps.health.checkReadiness));
  app.use('/metrics', labelRoute('/metrics'), createMetricsRouter(metrics));

  // The admin API and dashboard (`/admin`, `/openapi.json`) mount here, behind their own
  // authentication, with labelRoute() so their latency is labelled by route pattern.
  registerStoredMetrics(metrics, deps.storedCounts);
  registerSweepMetrics(metrics, deps.storedCounts);
  registerTracListMetrics(metrics, deps.storedCounts);
  registerHealthMetrics(metrics, deps.health);
  app.use('/openapi.json', labelRoute('/openapi.json'), createOpenApiRouter());
  // the HR pages' stylesheet, script and icons (nhsuk-frontend): public, cacheable, no login
  app.use(ASSETS_PATH, labelRoute(ASSETS_PATH), createAssetsRouter());
  // sign-in with the provider (OIDC_ISSUER_URL), when one is configured: its pages and callback
  const { signIn } = deps;
  if (signIn) app.use('/auth', labelRoute('/auth'), createAuthRouter(signIn));
  app.use(
    '/admin',
    labelRoute('/admin'),
    createAdminRouter({
      ...deps.admin,
      config,
      logger,
      queue: deps.queue,
      store: deps.transferStore,
      starter,
      organisations: deps.organisations,
      metrics,
      now,
      signIn,
    }),
  );

  app.use(notFoundHandler);
  app.use(createErrorHandler(logger));
  return app;
}
