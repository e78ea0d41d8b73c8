-- KEYS[1] the sweeps' watermark. ARGV[1] the new watermark (ISO, UTC, so strings order like times).
-- The watermark only moves forward. Returns 1 when it moved.
local current = redis.call('GET', KEYS[1])
if current and current >= ARGV[1] then return 0 end
redis.call('SET', KEYS[1], ARGV[1])
return 1
