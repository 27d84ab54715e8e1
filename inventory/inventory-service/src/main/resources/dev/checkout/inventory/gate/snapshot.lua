-- Counters as reconciliation sees them, read atomically: whether each is loaded, its value, and the holds in flight
-- on it. KEYS[1 .. n] available counters, KEYS[n+1 .. 2n] their in-flight hashes.
-- Replies, for each counter in turn: loaded (0/1), available, m, then m pairs of reservation id and units.
local n = #KEYS / 2
local reply = {}
for i = 1, n do
  local value = redis.call('GET', KEYS[i])
  local held = redis.call('HGETALL', KEYS[n + i])
  reply[#reply + 1] = value and 1 or 0
  reply[#reply + 1] = tonumber(value or '0')
  reply[#reply + 1] = #held / 2
  for j = 1, #held, 2 do
    reply[#reply + 1] = held[j]
    reply[#reply + 1] = tonumber(held[j + 1])
  end
end
return reply
