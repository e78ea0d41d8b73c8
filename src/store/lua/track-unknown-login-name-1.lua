-- KEYS[1] the names that are not configured users counted at one address, newest last. ARGV[1] the
-- name's hash, or '' for a configured user (the same round trip, so that the time taken does not
-- tell the two apart), ARGV[2] now (ms), ARGV[3] how many names to keep, ARGV[4] their life (ms).
-- Adds the name, keeps the newest ARGV[3], and returns those it dropped (the caller deletes their
-- counts).
if ARGV[1] == '' then return {} end
redis.call('ZADD', KEYS[1], ARGV[2], ARGV[1])
redis.call('PEXPIRE', KEYS[1], ARGV[4])
local over = redis.call('ZCARD', KEYS[1]) - tonumber(ARGV[3])
if over <= 0 then return {} end
local dropped = redis.call('ZRANGE', KEYS[1], 0, over - 1)
redis.call('ZREMRANGEBYRANK', KEYS[1], 0, over - 1)
return dropped
