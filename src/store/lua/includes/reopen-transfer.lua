-- The one "re-open a finished transfer" step, shared by a re-run's claim (includes/claim-transfer.lua)
-- and HR's re-queue (requeue-transfer-7.lua). KEYS[1] the transfer hash; KEYS[2..5] the completed
-- and failed indexes, then the organisation's completed and failed indexes; KEYS[6..7] the bases of
-- the reason indexes (every organisation's, the organisation's).
--- @include "includes/transfer-state.lua"
--- @include "includes/reason-indexes.lua"

-- Whether the transfer completed out of scope: its reason is one of ARGV[firstReason] to the end
-- (the rerunnable reasons), so a new trigger or HR may run it again.
local function completedOutOfScope(state, reason, firstReason)
  if state ~= 'completed' then return false end
  for i = firstReason, #ARGV do
    if reason == ARGV[i] then return true end
  end
  return false
end

-- Re-opens the transfer: no outcome any more (out of every final-state index and out of its
-- reason's, `reason` as transferState() read it; its state, reason, message and finish time
-- cleared), attempts 0, `records` as given; the ledger untouched. A compacted marker (`archivedAt`)
-- is a whole record again, keeping its creation time if it has one.
local function reopenTransfer(transferId, now, records, reason)
  for i = 2, 5 do redis.call('ZREM', KEYS[i], transferId) end
  removeFromReasonIndexes({KEYS[6], KEYS[7]}, reason, transferId)
  redis.call('HDEL', KEYS[1], 'state')
  redis.call('HSET', KEYS[1], 'reason', '', 'message', '', 'records', records, 'attempts', 0,
    'updatedAt', now, 'finishedAt', '')
  if redis.call('HDEL', KEYS[1], 'archivedAt') == 1 then redis.call('HSETNX', KEYS[1], 'createdAt', now) end
end
