import type { Organisation } from '../../../config/organisations';
import type { Transfer, TransferState } from '../../transfer/transfer';
import type { AdminIdentity } from '../auth/admin-users';
import type { AuditEntry } from '../audit/audit-log';
import { failedSection, type FailedGroup } from '../transfers/failed-section-html';
import { renderPage, type Notice } from '../pages/page-layout';
import type { SweepStatus } from '../sweeps/sweep-operations';
import { sweepsSection } from '../sweeps/sweeps-section-html';
import { auditSection, countsSection, latestSection, manualStartSection } from './page-sections-html';

export type { Notice } from '../pages/page-layout';

/** What the overview shows: ids, organisations, reasons, sentences and times; never personal data. */
export interface OverviewModel {
  identity: AdminIdentity;
  counts: Record<TransferState, number>;
  /** How many completed transfers have outstanding records. */
  outstanding: number;
  failedGroups: FailedGroup[];
  failedTotal: number;
  failedShown: number;
  latest: Transfer[];
  audit: AuditEntry[];
  organisations: readonly Organisation[];
  /** Whether they act for every organisation: only then may they ask for a sweep now. */
  forAllOrganisations: boolean;
  /** The sweeps; left out when they could not be read. */
  sweeps?: SweepStatus;
  notice?: Notice;
}

/** The overview (`GET /admin`): its sections, top to bottom, in the NHS.UK layout (page-layout.ts). */
export function renderOverviewPage(model: OverviewModel): string {
  const { identity } = model;
  return renderPage({
    title: 'Employment check transfers',
    identity,
    current: '/admin',
    notice: model.notice,
    body: [
      countsSection(model.counts, model.outstanding),
      failedSection(identity, model.failedGroups, model.failedTotal, model.failedShown),
      manualStartSection(identity, model.organisations),
      latestSection(model.latest),
      sweepsSection(identity, model.sweeps, model.forAllOrganisations),
      auditSection(model.audit),
    ],
  });
}
