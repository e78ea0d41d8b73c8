-- A webhook's whole start in one call: recall the message or claim the transfer
-- (recall-or-claim-transfer-8.lua) and, when the claim created the transfer, store its job with
-- BullMQ's own add (addStandardJob, the script Queue.add runs). src/store/delivery-claim.ts pastes
-- the two scripts above this text as `recallOrClaim(KEYS, ARGV)` and `bullmqAdd(KEYS, ARGV)`, each
-- reading its own keys and arguments as it always does:
--
-- KEYS[1..9] and ARGV[1..3]: BullMQ's add, as BullMQ builds them (src/store/transfer-add-in-script.ts);
-- KEYS[10] the job's own key; KEYS[11..] and ARGV[4..]: the recall or claim's.
--
-- Only a transfer this call created is added here: a re-run (an earlier job may be left under the
-- same id) and a claim no run has begun yet go back to the caller, which looks the job up and adds
-- it through Queue.add. The result is recall-or-claim's, with 'added' after it when the job was
-- stored.

local function slice(list, first, last)
  local part = {}
  for i = first, last do part[#part + 1] = list[i] end
  return part
end

local result = recallOrClaim(slice(KEYS, 11, #KEYS), slice(ARGV, 4, #ARGV))
if result[1] ~= 'created' or redis.call('EXISTS', KEYS[10]) == 1 then return result end
local jobId = bullmqAdd(slice(KEYS, 1, 9), slice(ARGV, 1, 3))
if type(jobId) ~= 'string' then
  -- BullMQ's codes for an add it refused (none applies to a job without parent or delay)
  return redis.error_reply('BullMQ refused the transfer job: ' .. tostring(jobId))
end
result[#result + 1] = 'added'
return result
