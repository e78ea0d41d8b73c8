-- KEYS[1] preview hash, KEYS[2] its items; ARGV[1] applicantId, ARGV[2] item JSON, ARGV[3] result.
-- An item is written once (a re-run keeps the first), its result counted once, and it expires with
-- the preview. Nothing is written once the preview itself has expired.
-- Returns 1 when written, 0 when the item was there, -1 when the preview is gone.
local expiresAt = redis.call('HGET', KEYS[1], 'expiresAt')
if not expiresAt then return -1 end
if redis.call('HSETNX', KEYS[2], ARGV[1], ARGV[2]) == 0 then return 0 end
redis.call('HINCRBY', KEYS[1], ARGV[3], 1)
redis.call('PEXPIREAT', KEYS[2], expiresAt)
return 1
