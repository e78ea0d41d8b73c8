import type { SweepOutcome, SweepRecord } from '../../transfer/sweep';
import type { AdminIdentity } from '../auth/admin-users';
import { csrfInput } from '../transfers/failed-section-html';
import { cell, dataTable, html, rowHeading, tableRow, timeOf, type SafeHtml } from '../pages/html';
import { button, tag } from '../pages/page-components-html';
import type { SweepStatus } from './sweep-operations';

/** The page action behind "Sweep now" (POST → 303 → GET with a notice). */
export const SWEEP_NOW_ACTION = '/admin/actions/reconciliation';

const OUTCOME_TAGS: Readonly<Record<SweepOutcome, SafeHtml>> = {
  completed: tag('Completed', 'green'),
  failed: tag('Failed (retried)', 'red'),
  active: tag('Running', 'blue'),
};

/** The outcome, and the organisations Trac could not list (shown to those who act for all). */
function outcomeOf(sweep: SweepRecord): SafeHtml {
  const failed = sweep.failedOrganisations ?? [];
  if (failed.length === 0) return OUTCOME_TAGS[sweep.outcome];
  return html`${OUTCOME_TAGS[sweep.outcome]} Trac could not be listed for ${failed.join(', ')}`;
}

const sweepRow = (sweep: SweepRecord) =>
  tableRow([
    rowHeading(timeOf(sweep.startedAt)),
    cell(timeOf(sweep.finishedAt)),
    cell(outcomeOf(sweep)),
    cell(sweep.listed),
    cell(sweep.started),
  ]);

function scheduleText(status: SweepStatus): string {
  const every =
    status.intervalSeconds === 0
      ? 'Scheduled sweeps are off (RECONCILE_INTERVAL_SECONDS is 0); a sweep runs only when asked.'
      : `A sweep runs every ${Math.round(status.intervalSeconds / 60) || 1} minutes (${status.intervalSeconds} seconds).`;
  return `${every} It asks Trac which applicants reached a trigger status and starts the transfers whose webhook never came.`;
}

/**
 * The overview's sweeps section: the schedule, the watermark, the latest sweep attempts
 * (times and counts only) and, for HR admins acting for every organisation (a sweep lists and
 * starts every organisation's), a "Sweep now" button.
 */
export function sweepsSection(
  identity: AdminIdentity,
  status: SweepStatus | undefined,
  forAllOrganisations = true,
): SafeHtml {
  if (!status) return html``;
  const sweepNow =
    identity.role === 'hr-admin' && forAllOrganisations
      ? html`<form method="post" action="${SWEEP_NOW_ACTION}">
          ${csrfInput(identity)} ${button('Sweep now', 'secondary')}
        </form>`
      : '';
  return html`<section aria-labelledby="sweeps-heading">
    <h2 id="sweeps-heading">Sweeps</h2>
    <p>${scheduleText(status)}</p>
    <p>
      Looks for status changes since:
      ${status.watermark ? timeOf(status.watermark) : 'not yet (no sweep has completed)'}
    </p>
    ${sweepNow}
    ${dataTable({
      id: 'sweeps',
      caption: 'The latest sweeps, newest first',
      columns: ['Started', 'Finished', 'Outcome', 'Applicants listed', 'Transfers started'],
      rows: status.sweeps.map(sweepRow),
    })}
  </section>`;
}
