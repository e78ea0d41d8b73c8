-- KEYS[1] transfer hash. ARGV[1] now (ISO). Notes an HR admin's request to send the outstanding
-- records of a transfer that completed with reason null and has some.
-- Returns 'requested', 'missing' or 'nothing_outstanding'.
local h = redis.call('HMGET', KEYS[1], 'state', 'reason', 'outstanding', 'esrApplicantId', 'organisationCode')
if not h[1] and not h[5] then return 'missing' end
if h[1] ~= 'completed' or (h[2] or '') ~= '' or (h[3] or '') == '' or (h[4] or '') == '' then
  return 'nothing_outstanding'
end
redis.call('HSET', KEYS[1], 'outstandingRequestedAt', ARGV[1])
return 'requested'
