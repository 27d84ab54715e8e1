-- Moves loaded counters by the units PostgreSQL just freed (positive) or took (negative), inside the transaction
-- that does it and while it holds the stock rows. A counter that is not loaded is left alone: loading reads PostgreSQL.
-- KEYS the available counters, ARGV the signed units for each. Replies, per counter, 1 if it moved, 0 if not loaded.
local moved = {}
for i = 1, #KEYS do
  if redis.call('EXISTS', KEYS[i]) == 1 then
    redis.call('INCRBY', KEYS[i], ARGV[i])
    moved[i] = 1
  else
    moved[i] = 0
  end
end
return moved
