-- The reason indexes (src/store/transfer-keys.ts): per reason code, the finished transfers that
-- ended with it, scored like their state's index (finish time), one of every organisation and one
-- per organisation. `bases` are the two key bases of the transfer (every organisation's, its
-- organisation's); a reason's index is `{base}{reason}`. A transfer with no reason (`''` or none)
-- is in none, so a transfer that sent what it should costs no command here.

-- Returns 1 when the transfer was not in its reason's index of every organisation yet, else 0.
local function addToReasonIndexes(bases, reason, score, transferId)
  if not reason or reason == '' then return 0 end
  redis.call('ZADD', bases[2] .. reason, score, transferId)
  return redis.call('ZADD', bases[1] .. reason, score, transferId)
end

local function removeFromReasonIndexes(bases, reason, transferId)
  if not reason or reason == '' then return end
  redis.call('ZREM', bases[1] .. reason, transferId)
  redis.call('ZREM', bases[2] .. reason, transferId)
end
