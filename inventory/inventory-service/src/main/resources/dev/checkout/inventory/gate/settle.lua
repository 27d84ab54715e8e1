-- The PostgreSQL step committed: PostgreSQL now counts the hold's units as reserved, so they leave the in-flight
-- records, and the owner is remembered for a while so that a repeated reserve is answered from PostgreSQL.
-- KEYS[1] the owner's hold, KEYS[2] owners in flight, KEYS[3 ..] the in-flight hashes of the hold's counters
-- ARGV[1] owner id, ARGV[2] the reservation the hold must be for, ARGV[3] how long to remember the owner (ms)
-- Replies 1 when that hold was in flight, 0 when it was gone (given back as an orphan, or lost with a flushed Redis).
if redis.call('HGET', KEYS[1], '@reservation') ~= ARGV[2] then
  return 0
end
local settled = redis.call('ZREM', KEYS[2], ARGV[1])
for i = 3, #KEYS do
  redis.call('HDEL', KEYS[i], ARGV[2])
end
redis.call('PEXPIRE', KEYS[1], ARGV[3])
return settled
