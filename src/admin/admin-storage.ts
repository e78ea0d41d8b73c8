import type { TransferQueries } from '../store/transfer-queries';
import type { AuditRecords } from './audit/audit-records';
import type { LoginRateLimit } from './auth/login-rate-limit';
import type { BoardQueue } from './bull-board/bull-board';
import type { DigestRequests } from './digest/digest-trigger';
import type { NoticeFlash } from './pages/notice-flash';
import type { PreviewStorage } from './previews/preview-operations';
import type { SweepRecords } from './sweeps/sweep-operations';

/**
 * What the HR side keeps and asks for, each behind a port it declares in its own words. The
 * adapters live in src/store (`createAdminStorage` builds them on the receiver's Redis) and are
 * composed in src/server.ts: nothing under src/admin knows Redis or BullMQ.
 */
export interface AdminStorage {
  /** The audit log's entries. */
  audit: AuditRecords;
  /** Failed logins per (user, client address). */
  loginFailures: LoginRateLimit;
  /** The one-time notes that let a page show an action's notice once. */
  notices: NoticeFlash;
  /** Lists, counts, searches and re-queues of transfers. */
  transfers: TransferQueries;
  /** Digest runs asked for by hand. */
  digests: DigestRequests;
  /** Sweeps asked for by hand, and what every sweep did. */
  sweeps: SweepRecords;
  /** Match previews and their runs. */
  previews: PreviewStorage;
  /** The match previews' queue, shown read-only in Bull Board. */
  previewQueue: BoardQueue;
}
