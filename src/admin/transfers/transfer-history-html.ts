import { RECORD_NAMES, type RecordOutcome, type RecordType } from '../../records/record-types';
import type { TransferState } from '../../transfer/transfer';
import { actionText, resultText, whoText } from '../audit/audit-words-html';
import { cell, dataTable, html, tableRow, timeOf, type SafeHtml } from '../pages/html';
import type { TransferHistory, TransferRun } from './transfer-history';

/** Each record outcome of a run that did not finish, as the start of a sentence. */
const OUTCOME_TEXT: Readonly<Record<RecordOutcome, string>> = {
  SENT: 'Sent to ESR',
  SUPERSEDED_IN_ESR: 'Already held in ESR',
  PENDING: 'Being sent when it stopped',
  NOT_COMPLETE: 'Not complete in Trac',
  NOT_RECORDED: 'Not recorded in Trac',
  NOT_REQUIRED: 'Not required',
  NOT_SENT: 'Not sent yet',
};

/** `the DBS check`, `the DBS check and the references`, `the DBS check, the references and …`. */
function namesOf(types: readonly RecordType[]): string {
  const names = types.map((type) => `the ${RECORD_NAMES[type]}`);
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

/** One run in sentences: "Attempt 2 did not finish. Sent to ESR: the DBS check. Not sent yet: …". */
export function runSentence(run: TransferRun): SafeHtml {
  if (run.kind === 'completed') return html`Completed on ${timeOf(run.at)}.`;
  if (run.kind === 'unreadable') return html`A run this page cannot describe: Bull Board shows its log.`;
  const types = Object.keys(run.records) as RecordType[];
  if (types.every((type) => run.records[type] === 'NOT_SENT')) {
    return html`Attempt ${run.attempt} did not finish: nothing was sent yet.`;
  }
  const parts = (Object.keys(OUTCOME_TEXT) as RecordOutcome[]).flatMap((outcome) => {
    const these = types.filter((type) => run.records[type] === outcome);
    return these.length > 0 ? [`${OUTCOME_TEXT[outcome]}: ${namesOf(these)}.`] : [];
  });
  return html`Attempt ${run.attempt} did not finish. ${parts.join(' ')}`;
}

/** What the page says while the transfer has no run to show, by its state. */
const NO_RUNS: Readonly<Record<TransferState, string>> = {
  waiting: 'It is waiting in the queue to run: reload this page to follow it.',
  active: 'It is running now: reload this page to follow it.',
  delayed: 'Its last attempt did not finish; it will be tried again: reload this page to follow it.',
  completed: 'The queue no longer holds its runs (a finished run is kept 7 days after completing).',
  failed: 'The queue no longer holds its runs (a finished run is kept 30 days after failing).',
};

function runsHtml(history: TransferHistory, state: TransferState): SafeHtml {
  if (history.runs.length === 0) return html`<p id="transfer-runs-none">${NO_RUNS[state]}</p>`;
  const now =
    state === 'active'
      ? html`<p id="transfer-running">It is running now: reload this page to follow it.</p>`
      : '';
  return html`<h3>Runs since it was last started</h3>
    <ol class="nhsuk-list nhsuk-list--number" id="transfer-runs">
      ${history.runs.map((run) => html`<li>${runSentence(run)}</li>`)}
    </ol>
    ${now}`;
}

/** A transfer's history: the admin actions on it, in words, then its runs since it was last started. */
export function historySection(history: TransferHistory, state: TransferState): SafeHtml {
  const auditRows = history.audit.map((entry) =>
    tableRow([
      cell(timeOf(entry.at)),
      cell(actionText(entry.action)),
      cell(whoText(entry)),
      cell(resultText(entry.result)),
    ]),
  );
  const audit =
    auditRows.length > 0
      ? dataTable({
          id: 'transfer-audit',
          caption: 'Admin actions on this transfer, newest first',
          columns: ['When', 'What', 'Who', 'Result'],
          rows: auditRows,
        })
      : html`<p>No admin has re-queued or started this transfer.</p>`;
  return html`${audit}${runsHtml(history, state)}`;
}
