-- Commit one resolver decision to the incident keyspace, atomically, if nothing it read
-- has changed since (optimistic concurrency: several resolvers may run at once).
--
-- KEYS[1]  incident prefix, e.g. "sitrep:{inc}:" (one hash slot)
-- ARGV[1]  JSON: {
--   "blocks":    {block: version read}        -- candidate lists the decision looked at
--   "incidents": {incident_id: version read}  -- incidents it merges, dissolves or rewrites
--   "retire":    [incident_id, ...]           -- their tallies are taken back first
--   "dissolve":  [incident_id, ...]           -- member lists emptied (members re-join below)
--   "moves":     [[from_id, to_id], ...]      -- every member of `from` now belongs to `to`
--   "joins":     [[event_id, incident_id], ...]
--   "put":       [[incident_id, view JSON, Contribution JSON, summary JSON], ...]
--   "drop":      [incident_id, ...]           -- incidents that no longer exist
--   "forget":    [event_id, ...]               -- withdrawn reports, gone from every map
--   "withdraw":  {event_id: source}            -- withdrawals to remember
--   "fresh":     {event_id: source}            -- reports joining (checked against withdrawals)
--   "early":     [event_id, ...]               -- withdrawn before they came (checked not stored)
--   "reports":   {event_id: Report JSON}, "occurred": {event_id: occurred-on JSON}
--   "block_add": {block: [entry, ...]}, "block_remove": {block: [entry, ...]}
-- }
-- `apply(c, sign)` comes first, from contribution.lua (see store.lua_script).
-- Every incident written or dropped gets an entry in P..'stream' (incident_id, op, and on a
-- drop the incident its members moved `into`): the outbox `incident_feed` publishes.
-- Returns 0 when a version moved (nothing written: read again and retry), else 1.
local d = cjson.decode(ARGV[1])

for block, version in pairs(d.blocks) do
  if tonumber(redis.call('HGET', P .. 'blockver', block) or '0') ~= version then
    return 0
  end
end
for id, version in pairs(d.incidents) do
  if tonumber(redis.call('HGET', P .. 'ver', id) or '0') ~= version then
    return 0
  end
end
-- a report about to join that its source withdrew meanwhile, or a withdrawal of a report
-- that was stored meanwhile: decide again
for id, source in pairs(d.fresh) do
  if redis.call('HGET', P .. 'withdrawn', id) == source then
    return 0
  end
end
for _, id in ipairs(d.early) do
  if redis.call('HEXISTS', P .. 'report', id) == 1 then
    return 0
  end
end

for _, id in ipairs(d.retire) do
  local old = redis.call('HGET', P .. 'contrib', id)
  if old then
    apply(cjson.decode(old), -1)
    redis.call('HDEL', P .. 'contrib', id)
  end
end
for _, id in ipairs(d.dissolve) do
  redis.call('DEL', P .. 'members:' .. id)
end
for _, move in ipairs(d.moves) do
  local from, to = move[1], move[2]
  if from ~= to then
    local ids = redis.call('SMEMBERS', P .. 'members:' .. from)
    for _, eid in ipairs(ids) do
      redis.call('HSET', P .. 'member', eid, to)
      redis.call('SADD', P .. 'members:' .. to, eid)
    end
    redis.call('DEL', P .. 'members:' .. from)
  end
end
for _, join in ipairs(d.joins) do
  redis.call('HSET', P .. 'member', join[1], join[2])
  redis.call('SADD', P .. 'members:' .. join[2], join[1])
end
local into = {}
for _, move in ipairs(d.moves) do
  into[move[1]] = move[2]
end
for _, id in ipairs(d.drop) do
  redis.call('HDEL', P .. 'incident', id)
  redis.call('HDEL', P .. 'summary', id)
  redis.call('HINCRBY', P .. 'ver', id, 1)
  redis.call('XADD', P .. 'stream', 'MAXLEN', '~', 10000, '*', 'incident_id', id, 'op', 'drop',
    'into', into[id] or '')
end
for _, item in ipairs(d.put) do
  local id = item[1]
  apply(cjson.decode(item[3]), 1)
  redis.call('HSET', P .. 'incident', id, item[2])
  redis.call('HSET', P .. 'contrib', id, item[3])
  redis.call('HSET', P .. 'summary', id, item[4])
  redis.call('HINCRBY', P .. 'ver', id, 1)
  redis.call('XADD', P .. 'stream', 'MAXLEN', '~', 10000, '*', 'incident_id', id, 'op', 'put')
end
for id, source in pairs(d.withdraw) do
  redis.call('HSET', P .. 'withdrawn', id, source)
end
for _, id in ipairs(d.forget) do
  redis.call('HDEL', P .. 'report', id)
  redis.call('HDEL', P .. 'member', id)
  redis.call('HDEL', P .. 'occurred', id)
end
for id, report in pairs(d.reports) do
  redis.call('HSET', P .. 'report', id, report)
end
for id, occurred in pairs(d.occurred) do
  redis.call('HSET', P .. 'occurred', id, occurred)
end
for block, entries in pairs(d.block_remove) do
  for _, entry in ipairs(entries) do
    redis.call('SREM', P .. 'block:' .. block, entry)
  end
  redis.call('HINCRBY', P .. 'blockver', block, 1)
end
for block, entries in pairs(d.block_add) do
  for _, entry in ipairs(entries) do
    redis.call('SADD', P .. 'block:' .. block, entry)
  end
  redis.call('HINCRBY', P .. 'blockver', block, 1)
end
flush()
redis.call('INCR', P .. 'version')  -- the keyspace's version: see apply_event.lua
return 1
