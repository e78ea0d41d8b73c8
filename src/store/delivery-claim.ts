import type Redis from 'ioredis';
import { RERUNNABLE_REASONS } from '../transfer/reasons';
import type { ClaimedState, ClaimResult } from '../transfer/transfer';
import { defineScript } from './redis-scripts';
import { NOT_SENT_RECORDS } from './transfer-record-read';
import { keysOf } from './transfer-keys';

/** Where one message's answer is remembered, and the two answers a claim may leave there. */
export interface MessageRecord {
  key: string;
  /** The stored form of `queued` and of `duplicate` for this transfer. */
  queued: string;
  duplicate: string;
  lifetimeSeconds: number;
}

export type RecallOrClaim =
  /** The message was answered before: its stored answer, as stored. */
  | { kind: 'remembered'; stored: string }
  /** The claim's result; `recorded`: the message's record is written, nothing is left to remember. */
  | { kind: 'claimed'; claim: ClaimResult; recorded: boolean };

/**
 * The receiver's first step with a trigger delivery, in one round trip: recall the message's
 * answer, or claim the transfer and record the message with the claim (one Lua script, atomic:
 * lua/recall-or-claim-transfer-8.lua, which says when a message's record answers again).
 */
export function createRecallOrClaim(redis: Redis, prefix: string) {
  const { transferKey, finishedKeys, organisationFinishedKeys, reasonIndexBases } = keysOf(prefix);
  const script = defineScript(redis, 'recall-or-claim-transfer');

  return async function recallOrClaim(
    record: MessageRecord,
    transferId: string,
    organisationCode: string,
    applicantId: string,
  ): Promise<RecallOrClaim> {
    const result = (await script(
      transferKey(transferId),
      ...finishedKeys,
      ...organisationFinishedKeys(transferId),
      ...reasonIndexBases(transferId),
      record.key,
      transferId,
      organisationCode,
      applicantId,
      new Date().toISOString(),
      NOT_SENT_RECORDS,
      'webhook',
      record.queued,
      record.duplicate,
      record.lifetimeSeconds,
      ...RERUNNABLE_REASONS,
    )) as string[];
    const [kind = '', second = '', claimedAt = '', recorded = ''] = result;
    if (kind === 'remembered') return { kind, stored: second };
    if (kind === 'duplicate') {
      const claim = { duplicate: second as ClaimedState, claimedAt };
      return { kind: 'claimed', claim, recorded: recorded === 'recorded' };
    }
    return { kind: 'claimed', claim: kind === 'rerun' ? 'rerun' : 'created', recorded: true };
  };
}
