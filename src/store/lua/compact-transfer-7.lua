-- KEYS: transfer hash, ledger, the finished index the transfer is in, its organisation's, the
-- outstanding index, and the bases of the reason indexes (every organisation's, the
-- organisation's). ARGV[1] transferId, ARGV[2] now (ISO).
-- Replaces a finished transfer's record by a marker of what the one-off rule and HR still need:
-- ids, state, reason, record outcomes, trigger and finish time. The ledger goes with a transfer
-- that completed and sent what it should (it never runs again); a failed or out-of-scope one may
-- still be re-queued or re-run, so its ledger (what ESR holds, if anything) stays. Records still
-- outstanding then are for HR to enter by hand: the marker keeps none, and leaves the outstanding
-- index. Like the finished indexes, its reason's index no longer lists it (the marker keeps the
-- reason). Returns 1 when it compacted, 0 when there was nothing to compact.
--- @include "includes/reason-indexes.lua"

local h = redis.call('HMGET', KEYS[1], 'state', 'organisationCode', 'applicantId', 'reason', 'records',
  'trigger', 'finishedAt', 'archivedAt', 'outstanding')
redis.call('ZREM', KEYS[3], ARGV[1])
redis.call('ZREM', KEYS[4], ARGV[1])
if h[9] and h[9] ~= '' then redis.call('ZREM', KEYS[5], ARGV[1]) end
removeFromReasonIndexes({KEYS[6], KEYS[7]}, h[4], ARGV[1])
if (h[1] ~= 'completed' and h[1] ~= 'failed') or h[8] then return 0 end
redis.call('DEL', KEYS[1])
redis.call('HSET', KEYS[1], 'organisationCode', h[2], 'applicantId', h[3], 'state', h[1],
  'reason', h[4] or '', 'records', h[5] or '', 'trigger', h[6] or 'webhook', 'finishedAt', h[7] or '',
  'archivedAt', ARGV[2])
if h[1] == 'completed' and (h[4] or '') == '' then redis.call('DEL', KEYS[2]) end
return 1
