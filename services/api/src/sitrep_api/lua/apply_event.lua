-- Apply a batch of tagged events of one partition to that partition's shard, atomically,
-- each event with the offset guard: the script and the offsets it records are one step.
--
-- KEYS[1]  shard prefix, e.g. "sitrep:{p3}:" (every key below shares its hash slot, so
--          the same script runs on Redis Cluster)
-- ARGV[1]  source topic, then per event 6 values:
--          record offset, event_id, TaggedEvent JSON, Contribution JSON,
--          latest-bulletin JSON for the event's source, event time key (ms, zero-padded)
--
-- Returns one status per event: 0 offset already applied (replay), 1 applied,
-- 2 same or newer classifier version already counted (duplicate), 3 replaced an older one.
local P = KEYS[1]
local topic = ARGV[1]

local function num(v)
  return string.format('%.17g', v)
end

local function apply(c, sign)
  for _, pair in ipairs(c.counters) do
    local key = P .. 'count:' .. pair[1]
    if redis.call('HINCRBY', key, pair[2], sign) <= 0 then
      redis.call('HDEL', key, pair[2])
    end
  end
  for _, name in ipairs(c.indexes) do
    if sign > 0 then
      redis.call('ZADD', P .. 'idx:' .. name, 0, c.sort_key)
    else
      redis.call('ZREM', P .. 'idx:' .. name, c.sort_key)
    end
  end
  for _, f in ipairs(c.figures) do
    local key = P .. 'fig:' .. f[1]
    redis.call('HINCRBYFLOAT', key, '_total', num(sign * f[3]))
    if f[2] ~= '' then
      redis.call('HINCRBYFLOAT', key, f[2], num(sign * f[3]))
    end
    if sign > 0 then
      redis.call('SADD', P .. 'figkinds', f[1])
      redis.call('ZADD', P .. 'figidx:' .. f[1], 0, c.sort_key)
    else
      redis.call('ZREM', P .. 'figidx:' .. f[1], c.sort_key)
    end
  end
  for pid, props in pairs(c.places) do
    if sign > 0 then
      redis.call('HSET', P .. 'places', pid, cjson.encode(props))
      local latest = redis.call('HGET', P .. 'place_latest', pid)
      if not latest or c.sort_key > latest then
        redis.call('HSET', P .. 'place_latest', pid, c.sort_key)
      end
    elseif redis.call('HGET', P .. 'place_latest', pid) == c.sort_key then
      -- The latest event of the place was re-tagged away from it: fall back to the newest left.
      local left = redis.call('ZREVRANGEBYLEX', P .. 'idx:place:' .. pid, '+', '-', 'LIMIT', 0, 1)
      if left[1] then
        redis.call('HSET', P .. 'place_latest', pid, left[1])
      else
        redis.call('HDEL', P .. 'place_latest', pid)
      end
    end
  end
end

local function apply_one(offset_arg, id, event_json, contrib_json, latest_json, when)
  local applied = redis.call('HGET', P .. 'offsets', topic)
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
for i = 2, #ARGV, 6 do
  statuses[#statuses + 1] = apply_one(ARGV[i], ARGV[i + 1], ARGV[i + 2], ARGV[i + 3], ARGV[i + 4], ARGV[i + 5])
end
return statuses
