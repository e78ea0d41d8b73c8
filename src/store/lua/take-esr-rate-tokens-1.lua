-- KEYS[1] the window's counter; ARGV[1] the limit, ARGV[2] the counter's lifetime (ms), ARGV[3] the
-- tokens wanted. Returns {granted, waitMs}: the tokens granted (at most those wanted), or 0 and the
-- milliseconds until the window ends.
local wanted = tonumber(ARGV[3])
local count = redis.call('INCRBY', KEYS[1], wanted)
if count == wanted then redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
local granted = math.min(wanted, tonumber(ARGV[1]) - (count - wanted))
if granted > 0 then return {granted, 0} end
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then ttl = tonumber(ARGV[2]) end
return {0, ttl}
