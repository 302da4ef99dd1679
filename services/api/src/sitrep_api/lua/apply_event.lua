-- Apply a batch of tagged events of one partition to that partition's shard, atomically,
-- each event with the offset guard: the script and the offsets it records are one step.
--
-- KEYS[1]  shard prefix, e.g. "sitrep:{p3}:" (every key below shares its hash slot, so
--          the same script runs on Redis Cluster)
-- ARGV[1]  source topic, then per event 6 values:
--          record offset, event_id, TaggedEvent JSON, Contribution JSON,
--          latest-bulletin JSON for the event's source, event time key (ms, zero-padded)
--
-- `P` (KEYS[1]), apply(c, sign) and unindex_words(id) come first, from contribution.lua
-- (see keyspace.lua_script).
--
-- Returns one status per event: 0 offset already applied (replay), 1 applied,
-- 2 same or newer classifier version already counted (duplicate), 3 replaced an older one,
-- 4 withdrawn by its source (retract_event.lua left a tombstone): never counted.
local topic = ARGV[1]

-- Read once and written once per call: the topic's applied offset and the shard's last
-- update, which each event of the batch advances. The offset is written back as the record
-- gave it (a Lua number would print a large offset in exponent form).
local applied_arg = redis.call('HGET', P .. 'offsets', topic)
local applied = applied_arg and tonumber(applied_arg)
local offset_moved = false
local last = redis.call('HGET', P .. 'meta', 'last_update')
local last_moved = false

-- Events stored by this call, queued in order for the word indexer (`q` is indexed off this
-- path: index_words.lua).
local unindexed = {}

local function advance(offset, offset_arg)
  if not applied or offset > applied then
    applied, applied_arg = offset, offset_arg
    offset_moved = true
  end
end

local function apply_one(offset_arg, id, event_json, contrib_json, latest_json, when)
  local offset = tonumber(offset_arg)
  local tombstone = redis.call('HGET', P .. 'retracted', id)
  if tombstone and cjson.decode(tombstone).source == cjson.decode(contrib_json).source then
    advance(offset, offset_arg)
    return 4
  end
  if applied and offset <= applied then
    return 0
  end
  local new = cjson.decode(contrib_json)
  local status = 1
  local old_json = redis.call('HGET', P .. 'contrib', id)
  if old_json then
    local old = cjson.decode(old_json)
    if old.rank >= new.rank then
      advance(offset, offset_arg)
      return 2
    end
    apply(old, -1)
    unindex_words(id)  -- its words are indexed again from the new version (index_words.lua)
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
  if not last or when > last then
    last = when
    last_moved = true
  end
  -- The live stream: one entry per applied event, capped; readers resume by entry id.
  redis.call('XADD', P .. 'stream', 'MAXLEN', '~', 10000, '*', 'event_id', id, 'sort_key', new.sort_key)
  unindexed[#unindexed + 1] = id
  advance(offset, offset_arg)
  return status
end

local statuses = {}
local changed = false
for i = 2, #ARGV, 6 do
  local status = apply_one(ARGV[i], ARGV[i + 1], ARGV[i + 2], ARGV[i + 3], ARGV[i + 4], ARGV[i + 5])
  statuses[#statuses + 1] = status
  changed = changed or status == 1 or status == 3
end
flush()
for first = 1, #unindexed, 1000 do
  redis.call('RPUSH', P .. 'unindexed', unpack(unindexed, first, math.min(first + 999, #unindexed)))
end
if offset_moved then
  redis.call('HSET', P .. 'offsets', topic, applied_arg)
end
if last_moved then
  redis.call('HSET', P .. 'meta', 'last_update', last)
end
-- The shard's version: readers may keep an answer while it stays the same (conditional.py).
if changed then
  redis.call('INCR', P .. 'version')
end
return statuses
