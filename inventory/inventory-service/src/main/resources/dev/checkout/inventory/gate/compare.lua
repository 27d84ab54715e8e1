-- Many counters at once, for reconciliation's first, cheap pass: for each, whether it is loaded, its value, and the
-- units held in flight on it. KEYS[1 .. n] available counters, KEYS[n+1 .. 2n] their in-flight hashes.
-- Replies {loaded, available, in_flight, loaded, available, in_flight, ...}
local n = #KEYS / 2
local reply = {}
for i = 1, n do
  local value = redis.call('GET', KEYS[i])
  local held = redis.call('HVALS', KEYS[n + i])
  local units = 0
  for j = 1, #held do
    units = units + tonumber(held[j])
  end
  reply[#reply + 1] = value and 1 or 0
  reply[#reply + 1] = tonumber(value or '0')
  reply[#reply + 1] = units
end
return reply
