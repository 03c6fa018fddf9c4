-- One entry of the stream, numbered. The epoch changes when Redis loses its data (the hash is
-- gone, so the next caller's candidate wins); seq counts every entry of that epoch.
-- KEYS: the meta hash, the stream.
-- ARGV: max length, node id, epoch candidate, field (d: an envelope, l: how many were lost), value.
redis.call('HSETNX', KEYS[1], 'epoch', ARGV[3])
local epoch = redis.call('HGET', KEYS[1], 'epoch')
local seq = redis.call('HINCRBY', KEYS[1], 'seq', 1)
redis.call('XADD', KEYS[2], 'MAXLEN', '~', ARGV[1], '*', 'n', ARGV[2], 's', seq, 'e', epoch, ARGV[4], ARGV[5])
return seq
