-- KEYS: transfer hash, completed index, failed index, the organisation's completed and failed
-- indexes, and the bases of the reason indexes (every organisation's, the organisation's). ARGV[1] transferId, ARGV[2] now (ISO), ARGV[3] the re-opened records (built by the
-- caller from the ledger), then the rerunnable reasons from ARGV[4].
-- Re-opens a failed transfer, or one completed out of scope. Returns {'requeued'}, {'missing'} or
-- {'refused', state, reason} (the state as transferState() reads it).
--- @include "includes/reopen-transfer.lua"

local state, reason = transferState()
if not state then return {'missing'} end
reason = reason or ''
if state ~= 'failed' and not completedOutOfScope(state, reason, 4) then return {'refused', state, reason} end
reopenTransfer(ARGV[1], ARGV[2], ARGV[3], reason)
return {'requeued'}
