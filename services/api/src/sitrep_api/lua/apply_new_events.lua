-- Apply a chunk of one partition's events that are all new to the shard, with the writes
-- merged by the projector (`batch_apply.py`): one command per key instead of ~40 per event.
-- The chunk is applied only if it is what the projector assumed, checked here atomically:
-- every offset is past the applied one, and no event id is stored or withdrawn on the shard
-- (the projector sends no chunk that names an id twice). Otherwise nothing is written and
-- the projector applies the chunk event by event (apply_event.lua), which decides each
-- event's fate; so both paths leave the same state.
--
-- KEYS[1]  shard prefix, e.g. "sitrep:{p3}:"
-- ARGV     topic, lowest offset, highest offset (as the record gave it), newest event time
--          key, then sections, each a count and its items:
--          events     id, TaggedEvent JSON, Contribution JSON, sort key
--          counters   key suffix, field, increment
--          indexes    key suffix, pair count, then (score, member) pairs
--          figures    key suffix, field, increment (a float, as text)
--          kinds      figure kind
--          places     place id, GeoJSON properties JSON, newest sort key in the chunk
--          sources    source, latest-bulletin JSON, its time key
--
-- Returns 1 when applied (every event status 1 of apply_event.lua), nil when not.
local topic = ARGV[1]
local applied = redis.call('HGET', P .. 'offsets', topic)
if applied and tonumber(applied) >= tonumber(ARGV[2]) then
  return false
end
local at = 5

-- The next section: its item count, advancing past it.
local function section()
  local n = tonumber(ARGV[at])
  at = at + 1
  return n
end

local n = section()
local ids, events, contribs = {}, {}, {}
for i = 0, n - 1 do
  local id = ARGV[at + 4 * i]
  ids[#ids + 1] = id
  events[#events + 1] = id
  events[#events + 1] = ARGV[at + 4 * i + 1]
  contribs[#contribs + 1] = id
  contribs[#contribs + 1] = ARGV[at + 4 * i + 2]
end
for _, hash in ipairs({'contrib', 'retracted'}) do
  for _, held in ipairs(redis.call('HMGET', P .. hash, unpack(ids))) do
    if held then
      return false
    end
  end
end
redis.call('HSET', P .. 'events', unpack(events))
redis.call('HSET', P .. 'contrib', unpack(contribs))
for i = 0, n - 1 do
  -- The live stream: one entry per applied event, capped (as apply_event.lua writes it).
  redis.call('XADD', P .. 'stream', 'MAXLEN', '~', 10000, '*',
    'event_id', ARGV[at + 4 * i], 'sort_key', ARGV[at + 4 * i + 3])
end
redis.call('RPUSH', P .. 'unindexed', unpack(ids))  -- for the word indexer (index_words.lua)
at = at + 4 * n

for _ = 1, section() do
  redis.call('HINCRBY', P .. ARGV[at], ARGV[at + 1], ARGV[at + 2])
  at = at + 3
end
for _ = 1, section() do
  local key, pairs_n = P .. ARGV[at], tonumber(ARGV[at + 1])
  at = at + 2
  for first = 0, pairs_n - 1, 500 do
    local last = math.min(first + 499, pairs_n - 1)
    redis.call('ZADD', key, unpack(ARGV, at + 2 * first, at + 2 * last + 1))
  end
  at = at + 2 * pairs_n
end
for _ = 1, section() do
  redis.call('HINCRBYFLOAT', P .. ARGV[at], ARGV[at + 1], ARGV[at + 2])
  at = at + 3
end
local kinds = section()
if kinds > 0 then
  redis.call('SADD', P .. 'figkinds', unpack(ARGV, at, at + kinds - 1))
  at = at + kinds
end

local places = section()
if places > 0 then
  local props, pids = {}, {}
  for i = 0, places - 1 do
    pids[#pids + 1] = ARGV[at + 3 * i]
    props[#props + 1] = ARGV[at + 3 * i]
    props[#props + 1] = ARGV[at + 3 * i + 1]
  end
  redis.call('HSET', P .. 'places', unpack(props))
  local held = redis.call('HMGET', P .. 'place_latest', unpack(pids))
  local newer = {}
  for i = 0, places - 1 do
    local newest = ARGV[at + 3 * i + 2]
    if not held[i + 1] or newest > held[i + 1] then
      newer[#newer + 1] = pids[i + 1]
      newer[#newer + 1] = newest
    end
  end
  if #newer > 0 then
    redis.call('HSET', P .. 'place_latest', unpack(newer))
  end
  at = at + 3 * places
end

for _ = 1, section() do
  local source, latest, when = ARGV[at], ARGV[at + 1], ARGV[at + 2]
  local rank = redis.call('HGET', P .. 'latest_rank', source)
  if not rank or when >= rank then
    redis.call('HSET', P .. 'latest', source, latest)
    redis.call('HSET', P .. 'latest_rank', source, when)
  end
  at = at + 3
end

local last = redis.call('HGET', P .. 'meta', 'last_update')
if not last or ARGV[4] > last then
  redis.call('HSET', P .. 'meta', 'last_update', ARGV[4])
end
redis.call('HSET', P .. 'offsets', topic, ARGV[3])
redis.call('INCR', P .. 'version')  -- see apply_event.lua
return 1
