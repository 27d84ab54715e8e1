-- Reconciliation's writes, one per counter: 'load' sets a counter that is not loaded, 'shift' moves a loaded counter
-- by a delta, 'none' leaves it. Each applies only if the counter is still in the state the snapshot saw (loaded or
-- not), so a flush in between is never papered over.
-- KEYS[1 .. n] available counters; ARGV[2i-1] the operation for counter i, ARGV[2i] its value or delta.
-- Replies, per counter, 1 if applied (or nothing to do), 0 if the counter changed state meanwhile.
local applied = {}
for i = 1, #KEYS do
  local operation = ARGV[2 * i - 1]
  if operation == 'load' then
    applied[i] = redis.call('SET', KEYS[i], ARGV[2 * i], 'NX') and 1 or 0
  elseif operation == 'shift' then
    if redis.call('EXISTS', KEYS[i]) == 1 then
      redis.call('INCRBY', KEYS[i], ARGV[2 * i])
      applied[i] = 1
    else
      applied[i] = 0
    end
  else
    applied[i] = 1
  end
end
return applied
