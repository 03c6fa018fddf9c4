-- Where a reader stands, in one step: the epoch (set if Redis has none yet), the last seq and
-- the id of the last entry, so that the next entry read is exactly seq + 1.
-- KEYS: the meta hash, the stream. ARGV: epoch candidate.
redis.call('HSETNX', KEYS[1], 'epoch', ARGV[1])
local epoch = redis.call('HGET', KEYS[1], 'epoch')
local seq = redis.call('HGET', KEYS[1], 'seq') or '0'
local last = redis.call('XREVRANGE', KEYS[2], '+', '-', 'COUNT', 1)
local id = '0-0'
if #last > 0 then
  id = last[1][1]
end
return {epoch, seq, id}
