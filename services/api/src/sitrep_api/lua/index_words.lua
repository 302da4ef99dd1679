-- Add the `q` search words of stored events to one shard's word index (`idx:tok:<word>`),
-- off the projector's path: the word indexer (`word_index.py`) reads the ids apply_event.lua
-- queued (`unindexed`, in order), tokenises the stored events and calls this script.
--
-- KEYS[1]  shard prefix, e.g. "sitrep:{p3}:"
-- ARGV     per event 3 values: event_id, the rank of the stored event the words were read
--          from, its words (space-separated)
--
-- Each id is taken off the head of the queue here, in the same atomic step that indexes it,
-- so a crash between reading and indexing redoes the batch and two indexers never skip one.
-- An event is indexed once (`toks` records its sort key and words, which retract_event.lua
-- and a replacement in apply_event.lua take back), and only while it is stored at the rank
-- the words were read at: one withdrawn since is skipped, one replaced since was queued again.
-- `P`, member() and flush() come first, from contribution.lua.
--
-- Returns the number of events indexed.
local indexed = 0
for i = 1, #ARGV, 3 do
  local id, rank, words = ARGV[i], ARGV[i + 1], ARGV[i + 2]
  if redis.call('LINDEX', P .. 'unindexed', 0) == id then
    redis.call('LPOP', P .. 'unindexed')
  end
  if redis.call('HEXISTS', P .. 'toks', id) == 0 then
    local contrib = redis.call('HGET', P .. 'contrib', id)
    local c = contrib and cjson.decode(contrib)
    if c and c.rank == rank then
      for word in string.gmatch(words, '%S+') do
        member(P .. 'idx:tok:' .. word, 0, c.sort_key)
      end
      redis.call('HSET', P .. 'toks', id, c.sort_key .. ' ' .. words)
      indexed = indexed + 1
    end
  end
end
flush()
if indexed > 0 then
  redis.call('INCR', P .. 'version')  -- see apply_event.lua
end
return indexed
