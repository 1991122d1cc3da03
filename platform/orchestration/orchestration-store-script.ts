/**
 * Saves an orchestration's state if it is still at the version the caller read (compare-and-set), and
 * moves the order between the index sets in the same atomic step, so that the stuck index and the
 * active index can never disagree with the state.
 *
 * KEYS[1] the state hash, KEYS[2] the active index, KEYS[3..] one sorted set per phase.
 * ARGV: expected version (-1: must not exist yet), state JSON, order number, index into KEYS of the
 * phase set to join (0: none), the phase's start (ms), whether active (1/0), the save time (ms).
 */
export const SAVE_STATE_SCRIPT = `
local current = redis.call('HGET', KEYS[1], 'version')
if ARGV[1] == '-1' then
  if current then return 0 end
elseif current ~= ARGV[1] then
  return 0
end
redis.call('HSET', KEYS[1], 'version', tostring(tonumber(ARGV[1]) + 1), 'state', ARGV[2])
for i = 3, #KEYS do redis.call('ZREM', KEYS[i], ARGV[3]) end
local phase = tonumber(ARGV[4])
if phase > 0 then redis.call('ZADD', KEYS[phase], ARGV[5], ARGV[3]) end
if ARGV[6] == '1' then
  redis.call('ZADD', KEYS[2], ARGV[7], ARGV[3])
else
  redis.call('ZREM', KEYS[2], ARGV[3])
end
return 1
`;
