-- KEYS: transfer hash, completed index, failed index, and the organisation's completed and failed
-- indexes, then the outstanding index, then the bases of the reason indexes (every organisation's,
-- the organisation's: includes/reason-indexes.lua). ARGV[1] the new state ('' to keep it; '-' for
-- none: a run of a finished transfer's job began again, so it has no outcome until it ends),
-- ARGV[2] transferId, ARGV[3] now (ms), ARGV[4] 'whole' when the pairs carry the transfer's
-- identity (or ''), then field, value pairs. Keeps the final-state and reason indexes in step with
-- the state and reason, in one step: a transfer is in its state's index, and in its reason's when
-- it has one. Without the identity, a record that has none (gone, or its claim lost in a failover)
-- is left alone: never half a record. With it, no extra command: the worker's writes cost what they
-- did. A write that carries `outstanding` (a transfer that completed with reason null) adds the
-- transfer to the outstanding index, or takes it out when nothing is outstanding any more.
--- @include "includes/reason-indexes.lua"

if ARGV[4] == '' and redis.call('HEXISTS', KEYS[1], 'organisationCode') == 0 then return 0 end
local reason
for i = 5, #ARGV - 1, 2 do
  if ARGV[i] == 'outstanding' then
    if ARGV[i + 1] == '' then redis.call('ZREM', KEYS[6], ARGV[2])
    else redis.call('ZADD', KEYS[6], 'NX', ARGV[3], ARGV[2]) end
  end
  if ARGV[i] == 'reason' then reason = ARGV[i + 1] end
end
if ARGV[1] == '' and not reason then
  redis.call('HSET', KEYS[1], unpack(ARGV, 5))
  return 1
end
-- the state and reason before: HMGET is one command, as the state alone was
local before = redis.call('HMGET', KEYS[1], 'state', 'reason')
local old, oldReason = before[1], before[2] or ''
local new = ARGV[1]
if ARGV[1] == '' then
  new = old
  redis.call('HSET', KEYS[1], unpack(ARGV, 5))
elseif ARGV[1] == '-' then
  new = false
  redis.call('HDEL', KEYS[1], 'state')
  redis.call('HSET', KEYS[1], unpack(ARGV, 5))
else
  redis.call('HSET', KEYS[1], 'state', ARGV[1], unpack(ARGV, 5))
end
reason = reason or oldReason
if old ~= new then
  if old == 'completed' then redis.call('ZREM', KEYS[2], ARGV[2]) redis.call('ZREM', KEYS[4], ARGV[2]) end
  if old == 'failed' then redis.call('ZREM', KEYS[3], ARGV[2]) redis.call('ZREM', KEYS[5], ARGV[2]) end
end
if ARGV[1] == 'completed' then
  redis.call('ZADD', KEYS[2], ARGV[3], ARGV[2])
  redis.call('ZADD', KEYS[4], ARGV[3], ARGV[2])
end
if ARGV[1] == 'failed' then
  redis.call('ZADD', KEYS[3], ARGV[3], ARGV[2])
  redis.call('ZADD', KEYS[5], ARGV[3], ARGV[2])
end
local bases = {KEYS[7], KEYS[8]}
local finishedBefore = old == 'completed' or old == 'failed'
local finishedNow = new == 'completed' or new == 'failed'
if finishedBefore and (not finishedNow or reason ~= oldReason) then
  removeFromReasonIndexes(bases, oldReason, ARGV[2])
end
if finishedNow and ARGV[1] ~= '' then
  addToReasonIndexes(bases, reason, ARGV[3], ARGV[2])
elseif finishedNow and reason ~= oldReason then
  -- the state kept (no caller does this today): the reason's index takes the state index's score
  local score = redis.call('ZSCORE', new == 'completed' and KEYS[2] or KEYS[3], ARGV[2]) or ARGV[3]
  addToReasonIndexes(bases, reason, score, ARGV[2])
end
return 1
