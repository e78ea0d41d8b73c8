-- KEYS[1..7] and ARGV[1..6] as claimTransfer (includes/claim-transfer.lua) reads them; the
-- rerunnable reasons from ARGV[7].
--- @include "includes/claim-transfer.lua"

return claimTransfer(7)
