-- What a start reads of a transfer (KEYS[1] the transfer hash). The record keeps a transfer's
-- outcome only; while it has none, BullMQ's job says what the transfer is doing.
--
-- transferState() returns the state: 'completed' or 'failed' (the outcome), 'started' (a run
-- began: its job runs, or waits to run again), 'unstarted' (claimed and no run began yet: its job
-- waits, or was lost before it was stored), or false when there is no record; then the reason and
-- the time of the last change. A record of an earlier release that kept 'waiting', 'active' or
-- 'delayed' reads the same way (its attempts say whether a run began).
local function transferState()
  local h = redis.call('HMGET', KEYS[1], 'organisationCode', 'state', 'attempts', 'reason', 'updatedAt')
  if not h[1] and not h[2] then return false, h[4], h[5] end
  if h[2] == 'completed' or h[2] == 'failed' then return h[2], h[4], h[5] end
  if (tonumber(h[3]) or 0) > 0 then return 'started', h[4], h[5] end
  return 'unstarted', h[4], h[5]
end
