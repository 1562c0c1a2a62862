"""The frontier's atomic steps, as Redis Lua scripts: each reads and writes several keys of one crawl with
no other client in between (``newsbot.frontier.keys`` names the keys). A request is always in the queue
or in exactly one worker's in-flight hash, never in neither: that is what lets the end of the run and a
dead worker's recovery be decided from Redis alone.
"""

# KEYS: lock, meta, heartbeats, members. ARGV: run, worker, now, lease, started timestamp.
# -> {"locked", holder run} | {"busy", last heartbeat} | {"joined", the run's started timestamp}
JOIN = """
local holder = redis.call('GET', KEYS[1])
if holder and holder ~= ARGV[1] then return {'locked', holder} end
local beat = redis.call('ZSCORE', KEYS[3], ARGV[2])
if beat and tonumber(beat) > tonumber(ARGV[3]) - tonumber(ARGV[4]) then return {'busy', beat} end
redis.call('SET', KEYS[1], ARGV[1])
redis.call('HSETNX', KEYS[2], 'started', ARGV[5])
redis.call('ZADD', KEYS[3], ARGV[3], ARGV[2])
redis.call('SADD', KEYS[4], ARGV[2])
return {'joined', redis.call('HGET', KEYS[2], 'started')}
"""

# KEYS: queue, in-flight hash of this worker. -> the serialized request, now in flight, or nil
POP = """
local head = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
if #head == 0 then return false end
redis.call('ZREM', KEYS[1], head[1])
redis.call('HSET', KEYS[2], head[1], head[2])
return head[1]
"""

# KEYS: in-flight hash, queue. -> how many requests went back to the queue (with their scores)
REQUEUE = """
local entries = redis.call('HGETALL', KEYS[1])
for i = 1, #entries, 2 do redis.call('ZADD', KEYS[2], entries[i + 1], entries[i]) end
redis.call('DEL', KEYS[1])
return #entries / 2
"""

# KEYS: heartbeats. ARGV: worker, cutoff. -> 1 when this caller took the dead worker over (its heartbeat older
# than the cutoff is removed, so one live worker only recovers it, and never one that beat again meanwhile)
CLAIM_DEAD = """
local beat = redis.call('ZSCORE', KEYS[1], ARGV[1])
if beat and tonumber(beat) < tonumber(ARGV[2]) then
  redis.call('ZREM', KEYS[1], ARGV[1])
  return 1
end
return 0
"""

# KEYS: queue, meta, members. ARGV: key prefix, now. -> 1 when the run is over (marked done now or before):
# the start requests all scheduled, the queue empty and no worker with a request in flight
END_OF_RUN = """
if redis.call('HGET', KEYS[2], 'done') then return 1 end
if not redis.call('HGET', KEYS[2], 'start_done') then return 0 end
if redis.call('ZCARD', KEYS[1]) > 0 then return 0 end
for _, worker in ipairs(redis.call('SMEMBERS', KEYS[3])) do
  if redis.call('HLEN', ARGV[1] .. 'inflight:' .. worker) > 0 then return 0 end
end
redis.call('HSET', KEYS[2], 'done', ARGV[2])
return 1
"""

# KEYS: heartbeats, results, meta, in-flight hash of this worker, queue. ARGV: worker, its result (JSON).
# -> the results of every worker when this one was the last to leave a finished run (the caller then
# deletes the crawl's keys), else an empty list. Anything still in flight goes back to the queue.
LEAVE = """
local entries = redis.call('HGETALL', KEYS[4])
for i = 1, #entries, 2 do redis.call('ZADD', KEYS[5], entries[i + 1], entries[i]) end
redis.call('DEL', KEYS[4])
redis.call('ZREM', KEYS[1], ARGV[1])
redis.call('HSET', KEYS[2], ARGV[1], ARGV[2])
if redis.call('HGET', KEYS[3], 'done') and redis.call('ZCARD', KEYS[1]) == 0 then
  return redis.call('HGETALL', KEYS[2])
end
return {}
"""

# KEYS: tokens of one domain. ARGV: token, now, lease expiry, limit. -> 1 when the token was granted
ACQUIRE = """
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[2])
if redis.call('ZCARD', KEYS[1]) < tonumber(ARGV[4]) then
  redis.call('ZADD', KEYS[1], ARGV[3], ARGV[1])
  return 1
end
return 0
"""
