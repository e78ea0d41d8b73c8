import type Redis from 'ioredis';
import { RERUNNABLE_REASONS } from '../transfer/reasons';
import type { ClaimedState, ClaimResult } from '../transfer/transfer';
import type { TransferJob } from '../transfer/transfer-job';
import { composeScript, defineScript, loadedScript } from './redis-scripts';
import { BULLMQ_ADD_KEYS, BULLMQ_ADD_SCRIPT, withTransferAdd } from './transfer-add-in-script';
import type { TransferQueue } from './transfer-queue';
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
  /**
   * The claim's result; `recorded`: the message's record is written, nothing is left to remember;
   * `added`: the transfer was created and its job stored by the same call.
   */
  | { kind: 'claimed'; claim: ClaimResult; recorded: boolean; added: boolean };

const RECALL_OR_CLAIM = 'recall-or-claim-transfer';

/** recall-or-claim with BullMQ's add after it (lua/composed/recall-claim-and-add-transfer.lua). */
function recallClaimAndAddScript() {
  const recallOrClaim = loadedScript(RECALL_OR_CLAIM);
  const functions = { bullmqAdd: BULLMQ_ADD_SCRIPT, recallOrClaim: recallOrClaim.lua };
  // BullMQ's keys, the job's own key, then the recall or claim's
  const numberOfKeys = BULLMQ_ADD_KEYS + 1 + recallOrClaim.numberOfKeys;
  return composeScript('recall-claim-and-add-transfer', functions, numberOfKeys);
}

/**
 * The receiver's first step with a trigger delivery, in one round trip: recall the message's
 * answer, or claim the transfer and record the message with the claim (one Lua script, atomic:
 * lua/recall-or-claim-transfer-8.lua, which says when a message's record answers again). Given the
 * job to queue (and the queue), a claim that creates the transfer also stores its job, with
 * BullMQ's own add in the same script: a new transfer's webhook makes one round trip, like a bare
 * `Queue.add`.
 */
export function createRecallOrClaim(redis: Redis, prefix: string, queue?: TransferQueue) {
  const { transferKey, finishedKeys, organisationFinishedKeys, reasonIndexBases } = keysOf(prefix);
  const recallOrClaimOnly = defineScript(redis, RECALL_OR_CLAIM);
  const recallClaimAndAdd = queue
    ? defineScript(redis, 'recall-claim-and-add-transfer', recallClaimAndAddScript())
    : undefined;

  function run(keys: string[], args: (string | number)[], job: TransferJob | undefined): Promise<unknown> {
    if (!job || !queue || !recallClaimAndAdd) return recallOrClaimOnly(...keys, ...args);
    return withTransferAdd(queue, job, (add) =>
      recallClaimAndAdd(...add.keys, add.jobKey, ...keys, ...add.args, ...args),
    );
  }

  return async function recallOrClaim(
    record: MessageRecord,
    transferId: string,
    organisationCode: string,
    applicantId: string,
    job?: TransferJob,
  ): Promise<RecallOrClaim> {
    const keys = [
      transferKey(transferId),
      ...finishedKeys,
      ...organisationFinishedKeys(transferId),
      ...reasonIndexBases(transferId),
      record.key,
    ];
    const args = [
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
    ];
    const result = (await run(keys, args, job)) as string[];
    const [kind = '', second = '', third = '', recorded = ''] = result;
    if (kind === 'remembered') return { kind, stored: second };
    if (kind === 'duplicate') {
      const claim = { duplicate: second as ClaimedState, claimedAt: third };
      return { kind: 'claimed', claim, recorded: recorded === 'recorded', added: false };
    }
    const claim = kind === 'rerun' ? 'rerun' : 'created';
    return { kind: 'claimed', claim, recorded: true, added: third === 'added' };
  };
}
