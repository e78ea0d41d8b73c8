-- KEYS[1..7] and ARGV[1..6] as claimTransfer (includes/claim-transfer.lua) reads them; KEYS[8] the
-- message's record. ARGV[7] the record of a queued answer, ARGV[8] of a duplicate one, ARGV[9] its
-- lifetime (seconds); the rerunnable reasons from ARGV[10].
--
-- A message answered before is answered again from its record, except this message's own claim
-- whose transfer no run has begun yet (`unstarted`, or given back): the request that claimed may
-- have died before its job was stored, so the claim goes on and the caller makes sure the job
-- exists. The record of a claim is written with the claim, before its job is added: it never
-- answers a 2xx by itself (see above). A duplicate of an `unstarted` transfer is recorded by the
-- caller once the job is certainly stored.
--- @include "includes/claim-transfer.lua"

local remembered = redis.call('GET', KEYS[8])
if remembered then
  local state = transferState()
  local unconfirmed = remembered == ARGV[7] and (not state or state == 'unstarted')
  if not unconfirmed then return {'remembered', remembered} end
end
local claim = claimTransfer(10)
if claim[1] ~= 'duplicate' then
  redis.call('SET', KEYS[8], ARGV[7], 'EX', ARGV[9], 'NX')
  return {claim[1], 'recorded'}
end
if claim[2] == 'unstarted' then return {'duplicate', claim[2], claim[3] or '', remembered and 'recorded' or ''} end
redis.call('SET', KEYS[8], ARGV[8], 'EX', ARGV[9], 'NX')
return {'duplicate', claim[2], claim[3] or '', 'recorded'}
