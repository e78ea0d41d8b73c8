/**
 * The claim of a transfer as a Lua function, shared by the store's claim script (transfer-store.ts)
 * and the receiver's recall-or-claim script (delivery-claim.ts), so that "one transfer per
 * applicant" is written once.
 *
 * `claimTransfer(firstReason)` reads KEYS[1..5]: the transfer hash, the completed and failed
 * indexes, and the organisation's completed and failed indexes; and ARGV[1..6]: transferId,
 * organisationCode, applicantId, now (ISO), records (all NOT_SENT), the first trigger; then the
 * rerunnable reasons from ARGV[firstReason] to the end. It returns `{'created'}`, `{'rerun'}` (an
 * out-of-scope completed transfer re-opened, keeping its first trigger and creation time) or
 * `{'duplicate', state, updatedAt}`.
 */
export const CLAIM_TRANSFER_LUA = `
local function claimTransfer(firstReason)
  local state = redis.call('HGET', KEYS[1], 'state')
  local rerun = false
  if state then
    local reason = redis.call('HGET', KEYS[1], 'reason')
    for i = firstReason, #ARGV do
      if state == 'completed' and reason == ARGV[i] then rerun = true end
    end
    if not rerun then return {'duplicate', state, redis.call('HGET', KEYS[1], 'updatedAt')} end
    redis.call('ZREM', KEYS[2], ARGV[1])
    redis.call('ZREM', KEYS[4], ARGV[1])
    redis.call('HSET', KEYS[1], 'state', 'waiting', 'reason', '', 'message', '', 'records', ARGV[5],
      'attempts', 0, 'updatedAt', ARGV[4], 'finishedAt', '')
    if redis.call('HDEL', KEYS[1], 'archivedAt') == 1 then redis.call('HSETNX', KEYS[1], 'createdAt', ARGV[4]) end
    return {'rerun'}
  end
  redis.call('HSET', KEYS[1], 'organisationCode', ARGV[2], 'applicantId', ARGV[3], 'state', 'waiting',
    'records', ARGV[5], 'attempts', 0, 'trigger', ARGV[6], 'createdAt', ARGV[4], 'updatedAt', ARGV[4])
  return {'created'}
end
`;
