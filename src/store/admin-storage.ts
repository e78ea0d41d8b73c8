import type Redis from 'ioredis';
import type { AdminStorage } from '../admin/admin-storage';
import type { LoginRateLimitOptions } from '../admin/auth/login-rate-limit';
import type { Logger } from '../platform/logger';
import { createAuditRecords } from './audit-records';
import { queueDigestNow } from './digest-queue';
import { createLoginRateLimit } from './login-rate-limit';
import { createNoticeFlash } from './notice-flash';
import { createPreviewQueue, queuePreview } from './preview-queue';
import { createPreviewStore } from './preview-store';
import { queueSweepNow } from './sweep-queue';
import { createSweepLog } from './sweep-log';
import { createTransferQueries } from './transfer-queries';
import type { TransferQueue } from './transfer-queue';

export interface AdminStorageOptions {
  /** Failed logins that lock a (user, client address) pair; default 10 in 15 minutes, for 15 minutes. */
  loginRateLimit?: LoginRateLimitOptions;
}

/**
 * The HR side's adapters on the receiver's fail-fast connection (a Redis that cannot answer fails
 * the request with `503`), under the deployment's key prefix. Their queues live as long as that
 * connection: nothing of their own to close.
 */
export function createAdminStorage(
  redis: Redis,
  prefix: string,
  queue: TransferQueue,
  logger: Logger,
  options: AdminStorageOptions = {},
): AdminStorage {
  const adminLogger = logger.child({ component: 'admin' });
  const previewQueue = createPreviewQueue(redis, prefix, adminLogger);
  const sweepLog = createSweepLog(redis, prefix);
  return {
    audit: createAuditRecords(redis, prefix, adminLogger),
    loginFailures: createLoginRateLimit(redis, prefix, options.loginRateLimit),
    notices: createNoticeFlash(redis, prefix),
    transfers: createTransferQueries(redis, prefix, queue),
    digests: { queueNow: (organisations) => queueDigestNow(redis, prefix, undefined, organisations) },
    sweeps: {
      queueNow: () => queueSweepNow(redis, prefix),
      watermark: () => sweepLog.watermark(),
      latest: () => sweepLog.latest(),
    },
    previews: {
      ...createPreviewStore(redis, prefix),
      queue: (previewId, request, attempts) =>
        queuePreview(previewQueue, { previewId, ...request }, attempts),
    },
    previewQueue,
  };
}
