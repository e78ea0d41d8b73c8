import { RetryableError } from '../../../src/platform/errors';
import { createBackoffStrategy } from '../../../src/store/transfer-backoff';
import { idempotencyKeyOf, parseTransferId, transferIdOf } from '../../../src/transfer/transfer-ids';
import { isTriggerStatus } from '../../../src/transfer/trigger-status';

describe('trigger status', () => {
  it.each(['Outcome: Recruited', 'outcome recruited', 'OUTCOME-RECRUITED', '  Outcome : recruited. '])(
    'when the status is %p, then it is the trigger',
    (status) => {
      expect(isTriggerStatus(status, ['Outcome: Recruited'])).toBe(true);
    },
  );

  it.each(['Offer: Unconditional', 'Outcome: Not Recruited', '', '---'])(
    'when the status is %p, then it is not',
    (status) => {
      expect(isTriggerStatus(status, ['Outcome: Recruited'])).toBe(false);
    },
  );

  it('when several trigger statuses are configured, then any of them triggers', () => {
    expect(isTriggerStatus('ready for esr', ['Outcome: Recruited', 'Ready for ESR'])).toBe(true);
  });
});

describe('transfer ids and idempotency keys', () => {
  it('when built from organisation and applicant, then the id is stable, parseable and valid for BullMQ', () => {
    const id = transferIdOf('R0A', 'A-100234');
    expect(id).toBe('R0A-A-100234');
    expect(id).not.toMatch(/:/);
    expect(parseTransferId(id)).toEqual({ organisationCode: 'R0A', applicantId: 'A-100234' });
  });

  it('when the same transfer and record type are given, then the key is identical and printable ASCII', () => {
    const key = idempotencyKeyOf('R0A-A-100234', 'dbs');
    expect(key).toBe(idempotencyKeyOf('R0A-A-100234', 'dbs'));
    expect(key).not.toBe(idempotencyKeyOf('R0A-A-100234', 'references'));
    expect(key).toMatch(/^[\x21-\x7e]{1,255}$/);
  });
});

describe('backoff', () => {
  it('when attempts fail repeatedly, then waits grow exponentially within the jitter band', () => {
    const low = createBackoffStrategy({ baseMs: 1000, random: () => 0 });
    const high = createBackoffStrategy({ baseMs: 1000, random: () => 1 });
    expect([1, 2, 3, 4].map((n) => low(n))).toEqual([500, 1000, 2000, 4000]);
    expect([1, 2, 3, 4].map((n) => high(n))).toEqual([1000, 2000, 4000, 8000]);
  });

  it('when the wait would pass the ceiling, then it is capped', () => {
    expect(createBackoffStrategy({ baseMs: 1000, maxMs: 5000, random: () => 1 })(20)).toBe(5000);
  });

  it('when the error carries Retry-After, then the wait is at least that long', () => {
    const strategy = createBackoffStrategy({ baseMs: 100, random: () => 0 });
    expect(strategy(1, 'custom', new RetryableError('429', 7000))).toBe(7000);
  });
});
