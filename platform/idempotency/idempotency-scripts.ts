/**
 * The idempotency record is one Redis hash: `fp` (the request's fingerprint), `state` (`running` or
 * `done`), `token` (the running attempt's), `outcome` (JSON, once done), `startedAt`, `completedAt`.
 * While running it lives as long as the attempt's lease; once done, as long as the retention.
 */

/**
 * KEYS[1] the record; ARGV fingerprint, token, lease ms, now (ISO). Creates a running record and answers
 * {'started'}; else {'mismatch'} for another fingerprint, {'done', outcome, completedAt} or {'running'}.
 */
export const BEGIN_SCRIPT = `
if redis.call('EXISTS', KEYS[1]) == 0 then
  redis.call('HSET', KEYS[1], 'fp', ARGV[1], 'state', 'running', 'token', ARGV[2], 'startedAt', ARGV[4])
  redis.call('PEXPIRE', KEYS[1], ARGV[3])
  return {'started'}
end
local r = redis.call('HMGET', KEYS[1], 'fp', 'state', 'outcome', 'completedAt')
if r[1] ~= ARGV[1] then return {'mismatch'} end
if r[2] == 'done' then return {'done', r[3], r[4]} end
return {'running'}
`;

/**
 * KEYS[1]; ARGV token, fingerprint, outcome JSON, retention ms, now. Records the outcome when the record
 * is still this attempt's, or gone (its lease ran out and nobody took over); never over another
 * attempt's. Answers 1 when recorded.
 */
export const COMPLETE_SCRIPT = `
local token = redis.call('HGET', KEYS[1], 'token')
if token and token ~= ARGV[1] then return 0 end
redis.call('HSET', KEYS[1], 'fp', ARGV[2], 'state', 'done', 'token', ARGV[1], 'outcome', ARGV[3], 'completedAt', ARGV[5])
redis.call('PEXPIRE', KEYS[1], ARGV[4])
return 1
`;

/** KEYS[1]; ARGV token, lease ms. Extends a running record's lease while it is this attempt's. */
export const RENEW_SCRIPT = `
local r = redis.call('HMGET', KEYS[1], 'token', 'state')
if r[1] ~= ARGV[1] or r[2] ~= 'running' then return 0 end
return redis.call('PEXPIRE', KEYS[1], ARGV[2])
`;

/** KEYS[1]; ARGV token. Forgets a running record of this attempt, so a retry runs afresh. */
export const RELEASE_SCRIPT = `
local r = redis.call('HMGET', KEYS[1], 'token', 'state')
if r[1] ~= ARGV[1] or r[2] ~= 'running' then return 0 end
return redis.call('DEL', KEYS[1])
`;
