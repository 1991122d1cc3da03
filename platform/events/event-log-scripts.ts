/**
 * Append once per de-duplication key, atomically. KEYS[1] the stream, KEYS[2] the dedup key; ARGV dedup
 * TTL ms, retention ms, max length, then the entry's field/value pairs. Entries older than the retention
 * (by Redis's clock, so every instance agrees) are trimmed with `MINID ~`, then the length with
 * `MAXLEN ~`. Returns {id, 1} for a key already seen (nothing appended), else {new id, 0}.
 */
export const APPEND_SCRIPT = `
local seen = redis.call('GET', KEYS[2])
if seen then return {seen, 1} end
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local minId = string.format('%d', math.max(0, now - tonumber(ARGV[2])))
local id = redis.call('XADD', KEYS[1], 'MINID', '~', minId, '*', unpack(ARGV, 4))
redis.call('XTRIM', KEYS[1], 'MAXLEN', '~', ARGV[3])
redis.call('SET', KEYS[2], id, 'PX', ARGV[1])
return {id, 0}
`;

/**
 * A page after a cursor and what retention has removed, read together so they agree. KEYS[1] the
 * stream; ARGV exclusive start id, count. Returns {entries trimmed so far (entries-added - length), first
 * entry id or '', last generated id or '', entries}. Needs Redis 7 (entries-added); before that every
 * stream counts as trimmed.
 */
export const READ_AFTER_SCRIPT = `
if redis.call('EXISTS', KEYS[1]) == 0 then return {'0', '', '', {}} end
local info = redis.call('XINFO', 'STREAM', KEYS[1])
local fields = {}
for i = 1, #info, 2 do fields[info[i]] = info[i + 1] end
local trimmed = '1'
if fields['entries-added'] then
  trimmed = string.format('%d', fields['entries-added'] - fields['length'])
end
local first = ''
if fields['first-entry'] then first = fields['first-entry'][1] end
local entries = redis.call('XRANGE', KEYS[1], '(' .. ARGV[1], '+', 'COUNT', ARGV[2])
return {trimmed, first, fields['last-generated-id'] or '', entries}
`;
