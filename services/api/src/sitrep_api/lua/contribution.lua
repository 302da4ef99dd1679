-- Shared by apply_event.lua and apply_incidents.lua (prepended to each when loaded):
-- apply(c, sign) adds (sign 1) or takes back (sign -1) one Contribution JSON under the key
-- prefix P = KEYS[1]. Every key it touches starts with P, so one call stays in one hash slot.
local P = KEYS[1]

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
  if type(c.occurred) == 'number' then  -- the day it happened (JSON null: not known)
    if sign > 0 then
      redis.call('ZADD', P .. 'happened', c.occurred, c.sort_key)
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
