-- Withdraw events from one shard, atomically and exactly once.
--
-- KEYS[1]  shard prefix, e.g. "sitrep:{p3}:"
-- ARGV     per retraction 3 values: event_id, source, Retraction JSON
--
-- A retraction leaves a tombstone (P..'retracted'), so it counts once however often it is
-- delivered, and an event that arrives after its retraction (apply_event.lua checks the
-- tombstone) is never counted. Only the event's own source may withdraw it.
-- `P`, apply(c, sign) and unindex_words(id) come first, from contribution.lua.
--
-- Returns one status per retraction: 0 already withdrawn, 1 withdrawn (its contribution
-- taken back), 2 recorded before its event arrived, -1 refused (another source's event).
local function retract_one(id, source, retraction)
  if redis.call('HEXISTS', P .. 'retracted', id) == 1 then
    return 0
  end
  local event_json = redis.call('HGET', P .. 'events', id)
  local status = 2
  if event_json then
    local old = cjson.decode(redis.call('HGET', P .. 'contrib', id))
    if old.source ~= source then
      return -1
    end
    apply(old, -1)
    unindex_words(id)
    redis.call('HDEL', P .. 'events', id)
    redis.call('HDEL', P .. 'contrib', id)
    status = 1
  end
  redis.call('HSET', P .. 'retracted', id, retraction)
  return status
end

local statuses = {}
local changed = false
for i = 1, #ARGV, 3 do
  local status = retract_one(ARGV[i], ARGV[i + 1], ARGV[i + 2])
  statuses[#statuses + 1] = status
  changed = changed or status == 1 or status == 2
end
flush()
if changed then
  redis.call('INCR', P .. 'version')  -- see apply_event.lua
end
return statuses
