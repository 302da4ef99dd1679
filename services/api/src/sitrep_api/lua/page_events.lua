-- One page of events, newest first, over every shard, with each event's incident and the
-- day it happened: what GET /v1/events answers, in one round trip. One server only: the
-- shards' keys are in different hash slots (a cluster reads them with pipelines instead).
--
-- KEYS[1]  the set of shard prefixes, e.g. "sitrep:shards"
-- KEYS[2]  the incident prefix, e.g. "sitrep:{inc}:"
-- ARGV     index suffix ("idx:all", "idx:category:military"), upper and lower bounds
--          (ZREVRANGEBYLEX), page size
--
-- Returns {sort keys (up to size + 1: one more says there is a next page), event JSON,
-- incident ids, occurred-on JSON}, the last three for the first `size` keys.
local index, upper, lower = ARGV[1], ARGV[2], ARGV[3]
local size = tonumber(ARGV[4])
local found, shard_of = {}, {}
for _, shard in ipairs(redis.call('SMEMBERS', KEYS[1])) do
  local keys = redis.call('ZREVRANGEBYLEX', shard .. index, upper, lower, 'LIMIT', 0, size + 1)
  for _, k in ipairs(keys) do
    found[#found + 1] = k
    shard_of[k] = shard
  end
end
table.sort(found, function(a, b) return a > b end)
local page, events, members, occurred = {}, {}, {}, {}
for j = 1, math.min(size + 1, #found) do
  local k = found[j]
  page[j] = k
  if j <= size then
    local id = string.match(k, '[^|]+$')
    events[j] = redis.call('HGET', shard_of[k] .. 'events', id) or false
    members[j] = redis.call('HGET', KEYS[2] .. 'member', id) or false
    occurred[j] = redis.call('HGET', KEYS[2] .. 'occurred', id) or false
  end
end
return {page, events, members, occurred}
