/**
 * The Lua scripts of the Redis story state (./redis-state.ts explains the keys): the lock
 * release, the lookup (one round trip) and the commit (one round trip). The band and key
 * indexes are hashes per time bucket, read with one HMGET per bucket and written with
 * HMGET + HSET + PEXPIREAT (issue 17).
 */

/** Index buckets read by a lookup: the current one and the ones before it. */
export const INDEX_BUCKETS = 3;

export const RELEASE = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end`;

// Reads the ids filed under `fields` in the index buckets KEYS[from..to] (newest bucket first):
// per field, at most `per` ids, newest first, each once; returns the per-field id lists.
const INDEX_READ = `
local function indexRead(from, to, fields, per)
  local out = {}
  if #fields == 0 then return out end
  local rows = {}
  for b = from, to do rows[#rows + 1] = redis.call('hmget', KEYS[b], unpack(fields)) end
  for i = 1, #fields do
    local ids, seen = {}, {}
    for _, row in ipairs(rows) do
      local v = row[i]
      if v then
        for id in string.gmatch(v, '%S+') do
          if #ids >= per then break end
          if not seen[id] then seen[id] = true; ids[#ids + 1] = id end
        end
      end
      if #ids >= per then break end
    end
    out[i] = ids
  end
  return out
end`;

// One round trip for the lookups: KEYS = assignment, INDEX_BUCKETS band buckets, INDEX_BUCKETS
// key buckets (newest first), the lock. ARGV: token (take the lock SET NX PX when not ''),
// lock ms, per band, per key, fingerprint key prefix, article id, language ('~': none),
// published ms ('': none), copy window ms, story key prefix, candidates scored, number of
// bands, then the bands, then the keys. Returns {0} when another holds the lock; {assignment}
// when grouped before, else {false, prints, stories, profiles}: prints = flat id/fingerprint
// pairs of the band hits in first-seen order, without the article itself and without
// fingerprints of another language or outside the copy window (the same test groupArticle
// applies; a legacy JSON fingerprint is passed through for it to test); stories = flat id/count
// pairs of the `candidates` stories sharing most keys (ties: lower id; ids are ASCII, so Lua's
// comparison orders them as JavaScript's does); profiles = their JSON.
export const READ = `${INDEX_READ}
local nbk = ${INDEX_BUCKETS}
if ARGV[1] ~= '' and not redis.call('set', KEYS[#KEYS], ARGV[1], 'PX', ARGV[2], 'NX') then return {0} end
local a = redis.call('get', KEYS[1])
if a then return {a} end
local nb = tonumber(ARGV[12])
local bands, keys = {}, {}
for i = 13, 12 + nb do bands[#bands + 1] = ARGV[i] end
for i = 13 + nb, #ARGV do keys[#keys + 1] = ARGV[i] end
local seen, ids = {}, {}
for _, list in ipairs(indexRead(2, 1 + nbk, bands, tonumber(ARGV[3]))) do
  for _, id in ipairs(list) do
    if not seen[id] and id ~= ARGV[6] then seen[id] = true; ids[#ids + 1] = id end
  end
end
local prints = {}
if #ids > 0 then
  local fk = {}
  for i, id in ipairs(ids) do fk[i] = ARGV[5] .. id end
  local t0, win = tonumber(ARGV[8]), tonumber(ARGV[9])
  for i, raw in ipairs(redis.call('mget', unpack(fk))) do
    if raw then
      local keep = true
      if string.byte(raw, 1) ~= 123 then
        local t, l = string.match(raw, '^([^|]*)|([^|]*)|')
        if l ~= ARGV[7] then keep = false
        elseif t ~= '' and t0 and math.abs(tonumber(t) - t0) > win then keep = false end
      end
      if keep then prints[#prints + 1] = ids[i]; prints[#prints + 1] = raw end
    end
  end
end
local count, order = {}, {}
for _, list in ipairs(indexRead(2 + nbk, 1 + 2 * nbk, keys, tonumber(ARGV[4]))) do
  for _, s in ipairs(list) do
    if not count[s] then count[s] = 0; order[#order + 1] = s end
    count[s] = count[s] + 1
  end
end
table.sort(order, function(x, y) if count[x] ~= count[y] then return count[x] > count[y] end return x < y end)
local stories, sk = {}, {}
for i = 1, math.min(#order, tonumber(ARGV[11])) do
  stories[#stories + 1] = order[i]; stories[#stories + 1] = count[order[i]]
  sk[#sk + 1] = ARGV[10] .. order[i]
end
local profiles = {}
if #sk > 0 then profiles = redis.call('mget', unpack(sk)) end
return {false, prints, stories, profiles}`;

// Files `id` first under each of `fields` in the index bucket KEYS[k] (an earlier occurrence
// of it moves to the front; at most `keep` ids a field), and sets the bucket's expiry.
const INDEX_PUSH = `
local function indexPush(k, fields, id, keep, expireAt)
  if #fields == 0 then return end
  local cur = redis.call('hmget', KEYS[k], unpack(fields))
  local args = {}
  for i, f in ipairs(fields) do
    local out = {id}
    if cur[i] then
      for x in string.gmatch(cur[i], '%S+') do
        if #out >= keep then break end
        if x ~= id then out[#out + 1] = x end
      end
    end
    args[#args + 1] = f; args[#args + 1] = table.concat(out, ' ')
  end
  redis.call('hset', KEYS[k], unpack(args))
  redis.call('pexpireat', KEYS[k], expireAt)
end`;

// One round trip for the writes: KEYS = assignment, fingerprint, story, current band bucket,
// current key bucket, lock. ARGV: assignment, fingerprint, story JSON, ttl, print ttl, keep,
// article id, story id, lock token to release ('' none), band bucket expiry (epoch ms), key
// bucket expiry, number of bands, then the bands, then the story keys.
export const COMMIT = `${INDEX_PUSH}
local ttl, pttl, keep = tonumber(ARGV[4]), tonumber(ARGV[5]), tonumber(ARGV[6])
redis.call('set', KEYS[1], ARGV[1], 'PX', ttl)
redis.call('set', KEYS[2], ARGV[2], 'PX', pttl)
redis.call('set', KEYS[3], ARGV[3], 'PX', ttl)
local nb = tonumber(ARGV[12])
local bands, keys = {}, {}
for i = 13, 12 + nb do bands[#bands + 1] = ARGV[i] end
for i = 13 + nb, #ARGV do keys[#keys + 1] = ARGV[i] end
indexPush(4, bands, ARGV[7], keep, ARGV[10])
indexPush(5, keys, ARGV[8], keep, ARGV[11])
if ARGV[9] ~= '' and redis.call('get', KEYS[6]) == ARGV[9] then redis.call('del', KEYS[6]) end
return 1`;
