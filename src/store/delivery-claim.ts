import type Redis from 'ioredis';
import { RERUNNABLE_REASONS, type ClaimResult, type TransferState } from '../transfer/transfer';
import { CLAIM_TRANSFER_LUA } from './claim-lua';
import { defineScript } from './redis-scripts';
import { keysOf, NOT_SENT_RECORDS } from './transfer-store';

// KEYS[1..5] and ARGV[1..6] as claimTransfer (claim-lua.ts) reads them; KEYS[6]: the message's
// record. ARGV[7]: the record of a queued answer, ARGV[8]: of a duplicate one, ARGV[9]: its
// lifetime (seconds); the rerunnable reasons from ARGV[10].
//
// A message answered before is answered again from its record, except this message's own claim
// whose transfer is still `waiting` (or was given back): the request that claimed may have died
// before its job was stored, so the claim goes on and the caller makes sure the job exists. The
// record of a claim is written with the claim, before its job is added: it never answers a 2xx by
// itself (see above). A duplicate of an unfinished `waiting` transfer is recorded by the caller
// once the job is certainly stored.
const RECALL_OR_CLAIM_SCRIPT = `${CLAIM_TRANSFER_LUA}
local remembered = redis.call('GET', KEYS[6])
if remembered then
  local state = redis.call('HGET', KEYS[1], 'state')
  local unconfirmed = remembered == ARGV[7] and (not state or state == 'waiting')
  if not unconfirmed then return {'remembered', remembered} end
end
local claim = claimTransfer(10)
if claim[1] ~= 'duplicate' then
  redis.call('SET', KEYS[6], ARGV[7], 'EX', ARGV[9], 'NX')
  return {claim[1], 'recorded'}
end
if claim[2] == 'waiting' then return {'duplicate', claim[2], claim[3] or '', remembered and 'recorded' or ''} end
redis.call('SET', KEYS[6], ARGV[8], 'EX', ARGV[9], 'NX')
return {'duplicate', claim[2], claim[3] or '', 'recorded'}
`;

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
 * answer, or claim the transfer and record the message with the claim (one Lua script, atomic).
 */
export function createRecallOrClaim(redis: Redis, prefix: string) {
  const { transferKey, finishedKeys, organisationFinishedKeys } = keysOf(prefix);
  const script = defineScript(redis, 'ditRecallOrClaimTransfer', 6, RECALL_OR_CLAIM_SCRIPT);

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
      const claim = { duplicate: second as TransferState, claimedAt };
      return { kind: 'claimed', claim, recorded: recorded === 'recorded' };
    }
    return { kind: 'claimed', claim: kind === 'rerun' ? 'rerun' : 'created', recorded: true };
  };
}
