-- One entry of the stream, numbered. The epoch changes when Redis loses its data (the hash is
-- gone, so the next caller's candidate wins); seq counts every entry of that epoch.
-- KEYS: the meta hash, the stream.
-- ARGV: max length, node id, epoch candidate, then the entry's own fields and values: d (an
-- envelope) or l (how many were lost), p (the node's publish number), and h = 1 when the node
-- delivered the envelope to its own clients already (it skips it on reading).
redis.call('HSETNX', KEYS[1], 'epoch', ARGV[3])
local epoch = redis.call('HGET', KEYS[1], 'epoch')
local seq = redis.call('HINCRBY', KEYS[1], 'seq', 1)
redis.call('XADD', KEYS[2], 'MAXLEN', '~', ARGV[1], '*', 'n', ARGV[2], 's', seq, 'e', epoch, unpack(ARGV, 4))
return seq
