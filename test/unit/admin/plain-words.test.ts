import { actionText, resultText, targetHtml, whoText } from '../../../src/admin/audit/audit-words-html';
import { runOfLogLine } from '../../../src/admin/transfers/transfer-history';
import { runSentence } from '../../../src/admin/transfers/transfer-history-html';
import { plainPreviewFailure } from '../../../src/admin/previews/preview-failure-words';
import { TRIGGER_LABELS } from '../../../src/admin/pages/page-components-html';

const text = (markup: { value: string }) =>
  markup.value
    .replace(/<[^>]+>/g, '')
    .replace(/\s+/g, ' ')
    .trim();

describe('a transfer’s runs in sentences', () => {
  it('when an attempt sent nothing, then it says so in one sentence', () => {
    const run = runOfLogLine(
      'attempt 1: dbs: NOT_SENT, professional-registration: NOT_SENT, references: NOT_SENT, employment-checklist: NOT_SENT, illegal-working-checklist: NOT_SENT, eu-status: NOT_SENT',
    );

    expect(text(runSentence(run))).toBe('Attempt 1 did not finish: nothing was sent yet.');
  });

  it('when an attempt sent some records, then each outcome names its records in words', () => {
    const run = runOfLogLine(
      'attempt 2: dbs: SENT, professional-registration: SENT, references: NOT_COMPLETE, employment-checklist: NOT_SENT, illegal-working-checklist: NOT_SENT, eu-status: NOT_REQUIRED',
    );

    expect(text(runSentence(run))).toBe(
      'Attempt 2 did not finish. Sent to ESR: the DBS check and the professional registration. Not complete in Trac: the references. Not required: the EU settlement status. Not sent yet: the employment checklist and the right to work (illegal working) checklist.',
    );
  });

  it('when the run completed, then it says when in UK time', () => {
    expect(text(runSentence({ kind: 'completed', at: '2026-06-14T10:22:06Z' }))).toBe(
      'Completed on 14 June 2026 at 11:22:06 BST.',
    );
  });

  it.each(['attempt x: dbs: SENT', 'attempt 1: dbs: MAYBE', 'something else'])(
    'when a log line is %j, then the page says it cannot describe it rather than showing it',
    (line) => {
      expect(text(runSentence(runOfLogLine(line)))).toBe(
        'A run this page cannot describe: Bull Board shows its log.',
      );
    },
  );
});

describe('the audit log in words', () => {
  it.each([
    ['202', 'Done'],
    ['200', 'Done'],
    ['404', 'Not done: no such transfer'],
    ['409', 'Not done: it was already queued, running or done'],
    ['503', 'Not done: a service did not answer; it can be tried again'],
    ['418', 'Not done'],
  ])('when the answer was %s, then the result reads %j', (status, words) => {
    expect(resultText(status)).toBe(words);
    expect(resultText(status)).not.toMatch(/\d/);
  });

  it('when an entry is shown, then who, what and on what are words, transfers linked', () => {
    const bulk = {
      action: 'retry-bulk',
      target: 'reason=NO_ESR_MATCH organisation=R0A: R0A-A-1,R0A-A-2 and 3 more',
    };
    const board = { action: 'bull-board', target: 'PUT /api/queues/transfers/R0A-A-9/retry' };

    expect(whoText({ user: 'hr1', role: 'hr-admin' })).toBe('hr1 (HR admin)');
    expect(actionText('retry')).toBe('Re-queued');
    expect(text(targetHtml(bulk))).toBe(
      'Every transfer that failed: no matching applicant in ESR in R0A: R0A-A-1, R0A-A-2 and 3 more',
    );
    expect(targetHtml(bulk).value).toContain('href="/admin/transfers/R0A-A-2"');
    expect(text(targetHtml(board))).toBe('Bull Board: retry of R0A-A-9');
    expect(text(targetHtml(board))).not.toMatch(/\/api\//);
  });
});

describe('sweeps in the glossary’s word', () => {
  it('when a sweep is asked for or finds a transfer, then the pages say "sweep", never "reconciliation"', () => {
    const words = [actionText('reconciliation'), TRIGGER_LABELS.reconciliation];

    expect(words).toEqual(['Asked for a sweep now', 'Found by a sweep (its webhook never came)']);
    expect(words.join(' ')).not.toMatch(/reconcil/i);
  });
});

describe('why a match preview failed, in words', () => {
  it.each([
    [
      'Trac or ESR kept failing through 5 attempts (last: ESR search: answered 503). Start the preview again once they answer.',
      'ESR kept failing through 5 attempts. Start the preview again once ESR answers.',
    ],
    [
      'Trac rejected list-applicants with 403. Fix the cause, then start the preview again.',
      "Trac refused the connector's request. Ask the connector's operators to check its Trac access, then start the preview again.",
    ],
    [
      'applicants.items.0.statusChangedAt: must be an ISO date-time Fix the cause, then start the preview again.',
      "Trac answered the list of applicants in a form the connector cannot read: ask Trac's supplier to look at it, then start the preview again.",
    ],
    [
      'Trac’s list of applicants did not end (trac_list_did_not_end): it went on past 1,000 pages. Nothing was written anywhere.',
      'Trac’s list of applicants did not end: it went on past 1,000 pages. Nothing was written anywhere.',
    ],
  ])('when the preview failed with %j, then its page says %j', (reason, words) => {
    expect(plainPreviewFailure(reason)).toBe(words);
    expect(plainPreviewFailure(reason)).not.toMatch(/\b[1-5]\d\d\b(?!,)|[a-z]_[a-z]|\.[a-z]+[A-Z]/);
  });
});
