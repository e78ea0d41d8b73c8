-- KEYS[1] preview hash; ARGV field, value, field, value…: written only while the preview exists.
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
redis.call('HSET', KEYS[1], unpack(ARGV))
return 1
