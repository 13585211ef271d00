-- wrk script: spreads requests over many tokens (one per line in TOKENS_FILE), round robin, so the per-token rate
-- limit (50 requests/s each by default) does not cap a throughput benchmark; every request is still authenticated
-- and rate-limited as usual. PATHS_FILE holds the request paths, one per line, also used round robin.
local tokens, paths = {}, {}
for line in io.lines(os.getenv("TOKENS_FILE")) do tokens[#tokens + 1] = line end
for line in io.lines(os.getenv("PATHS_FILE")) do paths[#paths + 1] = line end
local counter = 0

function setup(thread)
  thread:set("id", counter)
  counter = counter + 1
end

function init(args)
  n = id * 7919
end

-- wrk prints "Non-2xx or 3xx responses: N" itself; no response() hook, so bodies are not handed to Lua.
function request()
  n = n + 1
  return wrk.format("GET", paths[(n % #paths) + 1], { ["Authorization"] = "Bearer " .. tokens[(n % #tokens) + 1] })
end
