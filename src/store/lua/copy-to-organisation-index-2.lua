-- KEYS[1] the index of every organisation, KEYS[2] the index of one. ARGV: transfer ids of that
-- organisation. Copies each id with its score, if it is still in the first: a transfer re-queued
-- or compacted since it was read is not copied back. Returns how many it copied.
local copied = 0
for i = 1, #ARGV do
  local score = redis.call('ZSCORE', KEYS[1], ARGV[i])
  if score then copied = copied + redis.call('ZADD', KEYS[2], score, ARGV[i]) end
end
return copied
