-- KEYS[1] a finished index of every organisation, KEYS[2] the transfer hashes' key prefix, KEYS[3]
-- and KEYS[4] the bases of the reason indexes (every organisation's, the ids' organisation's).
-- ARGV: transfer ids of that organisation. Adds each id still in the finished index to its
-- reason's indexes with its score there, reading its reason now: a transfer re-queued, re-run or
-- compacted since it was read is left out, and one that finished again is filed under its reason
-- of now. Returns how many ids it added to a reason's index of every organisation.
--- @include "includes/reason-indexes.lua"

local added = 0
for i = 1, #ARGV do
  local score = redis.call('ZSCORE', KEYS[1], ARGV[i])
  if score then
    local reason = redis.call('HGET', KEYS[2] .. ARGV[i], 'reason')
    added = added + addToReasonIndexes({KEYS[3], KEYS[4]}, reason, score, ARGV[i])
  end
end
return added
