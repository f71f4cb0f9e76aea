-- wrk script: each request asks for one of KEYS keys chosen uniformly at random.
-- The request strings are built once in init(), so wrk spends no time formatting per request.
--   KEYS=1000 KEY_PREFIX=/products/ wrk -t1 -c64 -d10s --latency -s random-keys.lua http://127.0.0.1:18080
local n = tonumber(os.getenv("KEYS") or "1000")
local prefix = os.getenv("KEY_PREFIX") or "/products/"
local reqs = {}

function init(args)
  for i = 1, n do
    reqs[i] = wrk.format("GET", prefix .. i)
  end
  math.randomseed(os.time())
end

function request()
  return reqs[math.random(n)]
end
