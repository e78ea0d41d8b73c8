-- One failed login of a name at a client address (src/admin/login-rate-limit.ts).
-- KEYS[1] the names the address counts each on its own (hash -> when its slot ends, ms), KEYS[2]
-- the name's own count, KEYS[3] the address's shared count of the further names. ARGV[1] the name's
-- hash, ARGV[2] '1' for a configured user, ARGV[3] how many names have a count of their own,
-- ARGV[4] the failures that lock, ARGV[5] the window (ms), ARGV[6] the block (ms).
-- Returns {lockedNow, waitMs}: 1 when this failure reached the limit, and the milliseconds the
-- answer must wait (429) or -1 (401).
local maxFailures = tonumber(ARGV[4])
local clock = redis.call('TIME')
local now = tonumber(clock[1]) * 1000 + math.floor(tonumber(clock[2]) / 1000)

-- a count: one more failure in its window; the failure that reaches the limit starts the block
local function count(key)
  local failures = redis.call('INCR', key)
  if failures == maxFailures then
    redis.call('PEXPIRE', key, ARGV[6])
  elseif failures == 1 or redis.call('PTTL', key) < 0 then
    redis.call('PEXPIRE', key, ARGV[5])
  end
  return failures
end

redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
if redis.call('ZSCORE', KEYS[1], ARGV[1]) or redis.call('ZCARD', KEYS[1]) < tonumber(ARGV[3]) then
  local failures = count(KEYS[2])
  -- the slot ends a second after its count does, never before: no count is dropped while it lives
  local ends = now + redis.call('PTTL', KEYS[2]) + 1000
  redis.call('ZADD', KEYS[1], ends, ARGV[1])
  if redis.call('PTTL', KEYS[1]) < ends - now then redis.call('PEXPIRE', KEYS[1], ends - now) end
  return {failures == maxFailures and 1 or 0, -1}
end

-- a further name: it shares the address's count, configured or not, so the answers are alike; a
-- configured user's own count goes on too, so that its guesses stay limited
local lockedNow = 0
local shared = tonumber(redis.call('GET', KEYS[3]) or '0')
if shared < maxFailures then
  if count(KEYS[3]) == maxFailures then lockedNow = 1 end
end
if ARGV[2] == '1' and count(KEYS[2]) == maxFailures then lockedNow = 1 end
if shared < maxFailures then return {lockedNow, -1} end
return {lockedNow, math.max(redis.call('PTTL', KEYS[3]), 1)}
