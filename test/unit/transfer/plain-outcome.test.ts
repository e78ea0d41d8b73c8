import { plainCompletedMessage, plainOutcome, type OutcomeFacts } from '../../../src/transfer/plain-outcome';
import { outstandingFailureMessage } from '../../../src/transfer/outstanding-messages';
import { reasonMessage } from '../../../src/transfer/reasons';
import type { ReasonCode } from '../../../src/platform/errors';

/** What HR must never read on a page: statuses, codes with statuses, field paths, error names. */
const DEVELOPER_TEXT = /\b[1-5]\d\d\b|\b[a-z]+\.[a-z]+[A-Z]|Error\b|\bpost-\w+/;

const facts = (reason: ReasonCode, detail: string, attempts = 1): OutcomeFacts => ({
  reason,
  message: reasonMessage(reason, { organisationCode: 'R0A', applicantId: 'A-1', detail, attempts }),
  problem: null,
  attempts,
  organisationCode: 'R0A',
  applicantId: 'A-1',
});

describe('a transfer’s outcome as the HR pages say it', () => {
  it.each<[string, OutcomeFacts, string]>([
    [
      'ESR or Trac kept failing',
      facts('RETRIES_EXHAUSTED', 'ESR post-dbs: answered 503', 5),
      'The transfer could not finish after 5 attempts: ESR kept failing. Nothing was sent twice.',
    ],
    [
      'Trac refused the connector',
      facts('TRAC_REJECTED', 'Trac rejected get-applicant with 403.'),
      "Trac refused the connector's request, so nothing was sent.",
    ],
    [
      'ESR refused without saying which field',
      facts('ESR_REJECTED', 'ESR rejected the dbs record: 403 FORBIDDEN.'),
      'ESR refused the data. Records ESR already holds are not sent again.',
    ],
    [
      'a check broke ESR’s rules before the problem was kept',
      facts('INVALID_TRAC_DATA', 'dbs.certificateNumber (Trac certificateNumber): must be 12 digits'),
      "A check in Trac breaks ESR's rules, so nothing was sent.",
    ],
  ])(
    'when %s, then the sentence holds no status, code or field path, while the API message does',
    (_case, transfer, sentence) => {
      const plain = plainOutcome(transfer);

      expect(plain?.sentence).toBe(sentence);
      expect(`${plain?.sentence} ${plain?.fix}`).not.toMatch(DEVELOPER_TEXT);
      expect(transfer.message).toMatch(DEVELOPER_TEXT);
    },
  );

  it('when a reason’s message is plain already, then HR reads it as it is', () => {
    const transfer = facts('NO_ESR_MATCH', '');

    expect(plainOutcome(transfer)?.sentence).toBe(transfer.message);
  });

  it('when sending outstanding records did not finish, then its cause is named by title, without the API’s detail', () => {
    const message = outstandingFailureMessage(
      'RETRIES_EXHAUSTED',
      'ESR post-references: answered 503 (after 5 tries)',
      ['references'],
    );

    expect(plainCompletedMessage(message)).toBe(
      'Sending the outstanding records (references) did not finish (ESR or Trac kept failing). Nothing is ever sent twice: once that is put right, press "Send outstanding records" again, or enter them in ESR by hand.',
    );
    expect(plainCompletedMessage(null)).toBeNull();
  });
});
