-- Apply a batch of tagged events of one partition to that partition's shard, atomically,
-- each event with the offset guard: the script and the offsets it records are one step.
--
-- KEYS[1]  shard prefix, e.g. "sitrep:{p3}:" (every key below shares its hash slot, so
--          the same script runs on Redis Cluster)
-- ARGV[1]  source topic, then per event 6 values:
--          record offset, event_id, TaggedEvent JSON, Contribution JSON,
--          latest-bulletin JSON for the event's source, event time key (ms, zero-padded)
--
-- `P` (KEYS[1]) and apply(c, sign) come first, from contribution.lua (see store.lua_script).
--
-- Returns one status per event: 0 offset already applied (replay), 1 applied,
-- 2 same or newer classifier version already counted (duplicate), 3 replaced an older one,
-- 4 withdrawn by its source (retract_event.lua left a tombstone): never counted.
local topic = ARGV[1]

local function apply_one(offset_arg, id, event_json, contrib_json, latest_json, when)
  local applied = redis.call('HGET', P .. 'offsets', topic)
  local tombstone = redis.call('HGET', P .. 'retracted', id)
  if tombstone and cjson.decode(tombstone).source == cjson.decode(contrib_json).source then
    if not applied or tonumber(offset_arg) > tonumber(applied) then
      redis.call('HSET', P .. 'offsets', topic, offset_arg)
    end
    return 4
  end
  if applied and tonumber(offset_arg) <= tonumber(applied) then
    return 0
  end
  local new = cjson.decode(contrib_json)
  local status = 1
  local old_json = redis.call('HGET', P .. 'contrib', id)
  if old_json then
    local old = cjson.decode(old_json)
    if old.rank >= new.rank then
      redis.call('HSET', P .. 'offsets', topic, offset_arg)
      return 2
    end
    apply(old, -1)
    status = 3
  end

  apply(new, 1)
  redis.call('HSET', P .. 'events', id, event_json)
  redis.call('HSET', P .. 'contrib', id, contrib_json)

  local latest_rank = redis.call('HGET', P .. 'latest_rank', new.source)
  if not latest_rank or when >= latest_rank then
    redis.call('HSET', P .. 'latest', new.source, latest_json)
    redis.call('HSET', P .. 'latest_rank', new.source, when)
  end
  local last = redis.call('HGET', P .. 'meta', 'last_update')
  if not last or when > last then
    redis.call('HSET', P .. 'meta', 'last_update', when)
  end
  -- The live stream: one entry per applied event, capped; readers resume by entry id.
  redis.call('XADD', P .. 'stream', 'MAXLEN', '~', 10000, '*', 'event_id', id, 'sort_key', new.sort_key)
  redis.call('HSET', P .. 'offsets', topic, offset_arg)
  return status
end

local statuses = {}
local changed = false
for i = 2, #ARGV, 6 do
  local status = apply_one(ARGV[i], ARGV[i + 1], ARGV[i + 2], ARGV[i + 3], ARGV[i + 4], ARGV[i + 5])
  statuses[#statuses + 1] = status
  changed = changed or status == 1 or status == 3
end
-- The shard's version: readers may keep an answer while it stays the same (store.version_tag).
if changed then
  redis.call('INCR', P .. 'version')
end
return statuses
