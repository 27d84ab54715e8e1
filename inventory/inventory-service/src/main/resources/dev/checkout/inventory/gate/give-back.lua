-- Undoes a hold that is still in flight: its PostgreSQL step refused, rolled back, or died with its process.
-- KEYS[1] the owner's hold, KEYS[2] owners in flight, KEYS[3 .. 2+n] the hold's available counters,
-- KEYS[3+n .. 2+2n] their in-flight hashes
-- ARGV[1] owner id, ARGV[2] the reservation the hold must be for (another attempt's hold is left alone),
-- ARGV[2+i] '1' to give line i's units back, '0' to keep them off the counter (PostgreSQL just proved that counter
-- too high: lower is the safe side until reconciliation sets it right)
-- Replies 1 when the hold was undone, 0 when there was none in flight for that reservation.
if not redis.call('ZSCORE', KEYS[2], ARGV[1]) or redis.call('HGET', KEYS[1], '@reservation') ~= ARGV[2] then
  return 0
end
local n = (#KEYS - 2) / 2
for i = 1, n do
  local units = redis.call('HGET', KEYS[2 + n + i], ARGV[2])
  if units then
    -- A counter that vanished (flushed) is not recreated here: loading reads PostgreSQL.
    if ARGV[2 + i] == '1' and redis.call('EXISTS', KEYS[2 + i]) == 1 then
      redis.call('INCRBY', KEYS[2 + i], units)
    end
    redis.call('HDEL', KEYS[2 + n + i], ARGV[2])
  end
end
redis.call('DEL', KEYS[1])
redis.call('ZREM', KEYS[2], ARGV[1])
return 1
