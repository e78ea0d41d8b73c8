-- KEYS[1] the (slot, organisation) pair, KEYS[2] the organisation's "now" window. ARGV[1] now (ms),
-- ARGV[2] now (ISO), ARGV[3] the pair's TTL (s), ARGV[4] the window (ms), ARGV[5] '1' for a
-- "send now" (only then is the window read and written). The window holds the time of the last
-- "now" e-mail: it is compared with the caller's clock and expires on Redis's.
-- Returns 'claimed', 'sent' (the pair is recorded) or 'recent' (the window is not over).
if redis.call('EXISTS', KEYS[1]) == 1 then return 'sent' end
if ARGV[5] == '1' then
  local last = tonumber(redis.call('GET', KEYS[2]))
  if last and tonumber(ARGV[1]) - last < tonumber(ARGV[4]) then return 'recent' end
  redis.call('SET', KEYS[2], ARGV[1], 'PX', ARGV[4])
end
redis.call('SET', KEYS[1], ARGV[2], 'EX', ARGV[3])
return 'claimed'
