-- The fast gate: holds every line of a reservation, or none of them (seed 002, Q12).
-- KEYS[1]            the owner's hold: hash of counter id -> units, and '@reservation' -> the reservation's id
-- KEYS[2]            owners whose hold is in flight (sorted set, scored by the hold's time)
-- KEYS[3 .. 2+n]     the available counter of each line
-- KEYS[3+n .. 2+2n]  the in-flight hash of each line's counter (reservation id -> units)
-- ARGV[1] owner id, ARGV[2] now (ms), ARGV[3] reservation id,
-- ARGV[4 .. 3+n] counter ids, ARGV[4+n .. 3+2n] units wanted
-- Replies {'known'}: the owner went through the gate before (PostgreSQL has the answer);
--         {'missing', i, ...}: counters not loaded (nothing changed);
--         {'short', i, available, ...}: lines that cannot be met (nothing changed);
--         {'held'}: every counter decremented, the hold recorded as in flight.
if redis.call('EXISTS', KEYS[1]) == 1 then
  return {'known'}
end
local n = (#KEYS - 2) / 2
local missing = {}
local available = {}
for i = 1, n do
  local value = redis.call('GET', KEYS[2 + i])
  if value then
    available[i] = tonumber(value)
  else
    missing[#missing + 1] = i
  end
end
if #missing > 0 then
  return {'missing', unpack(missing)}
end
-- Check every line first, then decrement every line: one short line leaves every counter as it was.
local short = {}
for i = 1, n do
  if available[i] < tonumber(ARGV[3 + n + i]) then
    short[#short + 1] = i
    short[#short + 1] = available[i]
  end
end
if #short > 0 then
  return {'short', unpack(short)}
end
for i = 1, n do
  local units = ARGV[3 + n + i]
  redis.call('DECRBY', KEYS[2 + i], units)
  redis.call('HSET', KEYS[2 + n + i], ARGV[3], units)
  redis.call('HSET', KEYS[1], ARGV[3 + i], units)
end
redis.call('HSET', KEYS[1], '@reservation', ARGV[3])
redis.call('ZADD', KEYS[2], ARGV[2], ARGV[1])
return {'held'}
