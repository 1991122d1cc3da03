/**
 * Writes values back only where no eviction happened since the read that produced them.
 * KEYS: value key and generation key, pair after pair. ARGV[1]: PX in ms; then per pair the generation
 * seen before the read ('' for none) and the value. Returns 1 or 0 per pair (written or refused).
 */
export const WRITE_IF_GENERATION_SCRIPT = `
local written = {}
for i = 1, #KEYS, 2 do
  local pair = (i + 1) / 2
  local current = redis.call('GET', KEYS[i + 1]) or ''
  if current == ARGV[2 * pair] then
    redis.call('SET', KEYS[i], ARGV[2 * pair + 1], 'PX', ARGV[1])
    written[pair] = 1
  else
    written[pair] = 0
  end
end
return written
`;

/**
 * Evicts entries: deletes each value and bumps its generation, so that a read already under way cannot
 * write an answer it got before the change. KEYS: value key and generation key pairs. ARGV[1]: how long
 * the generation is kept, in ms.
 */
export const EVICT_SCRIPT = `
for i = 1, #KEYS, 2 do
  redis.call('DEL', KEYS[i])
  redis.call('INCR', KEYS[i + 1])
  redis.call('PEXPIRE', KEYS[i + 1], ARGV[1])
end
return #KEYS / 2
`;
