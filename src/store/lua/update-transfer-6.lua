-- KEYS: transfer hash, completed index, failed index, and the organisation's completed and failed
-- indexes, then the outstanding index. ARGV[1] the new state ('' to keep it; '-' for none: a run of
-- a finished transfer's job began again, so it has no outcome until it ends), ARGV[2] transferId,
-- ARGV[3] now (ms), ARGV[4] 'whole' when the pairs carry the transfer's identity (or ''), then
-- field, value pairs. Keeps the final-state indexes in step with the state, in one step. Without
-- the identity, a record that has none (gone, or its claim lost in a failover) is left alone:
-- never half a record. With it, no extra command: the worker's writes cost what they did. A write
-- that carries `outstanding` (a transfer that completed with reason null) adds the transfer to the
-- outstanding index, or takes it out when nothing is outstanding any more.
if ARGV[4] == '' and redis.call('HEXISTS', KEYS[1], 'organisationCode') == 0 then return 0 end
for i = 5, #ARGV - 1, 2 do
  if ARGV[i] == 'outstanding' then
    if ARGV[i + 1] == '' then redis.call('ZREM', KEYS[6], ARGV[2])
    else redis.call('ZADD', KEYS[6], 'NX', ARGV[3], ARGV[2]) end
  end
end
if ARGV[1] == '' then
  redis.call('HSET', KEYS[1], unpack(ARGV, 5))
  return 1
end
local old = redis.call('HGET', KEYS[1], 'state')
if ARGV[1] == '-' then
  redis.call('HDEL', KEYS[1], 'state')
  redis.call('HSET', KEYS[1], unpack(ARGV, 5))
else
  redis.call('HSET', KEYS[1], 'state', ARGV[1], unpack(ARGV, 5))
end
if old ~= ARGV[1] then
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
return 1
