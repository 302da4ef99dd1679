-- Shared by apply_event.lua, retract_event.lua and apply_incidents.lua (prepended to each
-- when loaded): apply(c, sign) adds (sign 1) or takes back (sign -1) one Contribution JSON
-- under the key prefix P = KEYS[1]. Every key it touches starts with P, so one call stays in
-- one hash slot.
local P = KEYS[1]

local function num(v)
  return string.format('%.17g', v)
end

-- Additions are merged over the script's events and written by flush(), which every script
-- calls before it returns: a counter's deltas become one HINCRBY, an index's new members
-- one ZADD. A removal (a replaced or withdrawn event) flushes first and is written at once,
-- so what it reads and takes back is the state as if every event had been applied alone.
local pending_counts = {}  -- key -> field -> delta
local count_keys = {}      -- keys in first-touched order (deterministic writes)
local pending_members = {} -- index key -> member -> score
local member_keys = {}

-- The pending table of `key` in `tables`, made (and its key put in `order`) on first use.
local function pending(tables, order, key)
  local t = tables[key]
  if not t then
    t = {}
    tables[key] = t
    order[#order + 1] = key
  end
  return t
end

local function count(key, field, delta)
  local fields = pending(pending_counts, count_keys, key)
  fields[field] = (fields[field] or 0) + delta
end

local function member(key, score, m)
  pending(pending_members, member_keys, key)[m] = score
end

local function flush()
  for _, key in ipairs(count_keys) do
    for field, delta in pairs(pending_counts[key]) do
      if delta ~= 0 and redis.call('HINCRBY', key, field, delta) <= 0 then
        redis.call('HDEL', key, field)
      end
    end
  end
  for _, key in ipairs(member_keys) do
    local args = {}
    for m, score in pairs(pending_members[key]) do
      args[#args + 1] = score
      args[#args + 1] = m
      if #args >= 1000 then
        redis.call('ZADD', key, unpack(args))
        args = {}
      end
    end
    if #args > 0 then
      redis.call('ZADD', key, unpack(args))
    end
  end
  pending_counts, count_keys, pending_members, member_keys = {}, {}, {}, {}
end

-- Take an event's `q` words (index_words.lua recorded them in `toks`: its sort key, then the
-- words) out of the word index.
local function unindex_words(id)
  local toks = redis.call('HGET', P .. 'toks', id)
  if not toks then
    return
  end
  local key
  for word in string.gmatch(toks, '%S+') do
    if key then
      redis.call('ZREM', P .. 'idx:tok:' .. word, key)
    else
      key = word
    end
  end
  redis.call('HDEL', P .. 'toks', id)
end

local function apply(c, sign)
  if sign < 0 then
    flush()
  end
  for _, pair in ipairs(c.counters) do
    local key = P .. 'count:' .. pair[1]
    if sign > 0 then
      count(key, pair[2], 1)
    elseif redis.call('HINCRBY', key, pair[2], sign) <= 0 then
      redis.call('HDEL', key, pair[2])
    end
  end
  for _, name in ipairs(c.indexes) do
    if sign > 0 then
      member(P .. 'idx:' .. name, 0, c.sort_key)
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
    if #f >= 6 then  -- an incident's figure: its range and claims summed too, and counted
      redis.call('HINCRBYFLOAT', key, '_low', num(sign * f[4]))
      redis.call('HINCRBYFLOAT', key, '_high', num(sign * f[5]))
      redis.call('HINCRBY', key, '_claims', sign * f[6])
      redis.call('HINCRBY', key, '_n', sign)
    end
    if sign > 0 then
      redis.call('SADD', P .. 'figkinds', f[1])
      member(P .. 'figidx:' .. f[1], 0, c.sort_key)
    else
      redis.call('ZREM', P .. 'figidx:' .. f[1], c.sort_key)
    end
  end
  if type(c.occurred) == 'number' then  -- the day it happened (JSON null: not known)
    if sign > 0 then
      member(P .. 'happened', c.occurred, c.sort_key)
    else
      redis.call('ZREM', P .. 'happened', c.sort_key)
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
