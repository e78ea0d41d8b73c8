-- The claim of a transfer, shared by the store's claim (claim-transfer-7.lua) and the receiver's
-- recall-or-claim (recall-or-claim-transfer-8.lua), so that "one transfer per applicant" is
-- written once.
--
-- claimTransfer(firstReason) reads KEYS[1..7]: the transfer hash, the completed and failed indexes,
-- the organisation's completed and failed indexes, and the bases of the reason indexes (every
-- organisation's, the organisation's); and ARGV[1..6]: transferId,
-- organisationCode, applicantId, now (ISO), records (all NOT_SENT), the first trigger; then the
-- rerunnable reasons from ARGV[firstReason] to the end. It returns {'created'}, {'rerun'} (an
-- out-of-scope completed transfer re-opened, keeping its first trigger and creation time) or
-- {'duplicate', state, updatedAt} (the state as transferState() reads it). A new claim stores no
-- state: the transfer has no outcome yet.
--- @include "includes/reopen-transfer.lua"

local function claimTransfer(firstReason)
  local state, reason, updatedAt = transferState()
  if state then
    if not completedOutOfScope(state, reason, firstReason) then
      return {'duplicate', state, updatedAt}
    end
    reopenTransfer(ARGV[1], ARGV[4], ARGV[5], reason)
    return {'rerun'}
  end
  redis.call('HSET', KEYS[1], 'organisationCode', ARGV[2], 'applicantId', ARGV[3],
    'records', ARGV[5], 'attempts', 0, 'trigger', ARGV[6], 'createdAt', ARGV[4], 'updatedAt', ARGV[4])
  return {'created'}
end
