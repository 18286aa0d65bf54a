-- wrk script for scripts/bench's mixed load: each request is the next line of the file named after
-- `--` (METHOD, path, bearer token and JSON body, tab-separated; the body may be empty), each
-- thread starting at its own place; an optional second argument spaces a connection's requests by
-- that many milliseconds; an optional third sends them at that many a second instead, on a fixed
-- schedule whatever the answers' latency (a request whose time has come while every connection is
-- still waiting goes as soon as one is free). Reports as scripts/bench.lua does.
dofile("scripts/bench.lua")

local interval = nil
local due = nil

local requests = {}
local index = 0
local pause = 0

init = function(args)
  for line in io.lines(args[1]) do
    local method, path, token, body = line:match("^(%S+)\t([^\t]+)\t([^\t]+)\t?(.*)$")
    local headers = { ["Authorization"] = "Bearer " .. token }
    if body ~= "" then headers["Content-Type"] = "application/json" else body = nil end
    requests[#requests + 1] = wrk.format(method, path, headers, body)
  end
  pause = tonumber(args[2] or "0")
  local rate = tonumber(args[3] or "0")
  if rate > 0 then interval = 1000 / rate end
  math.randomseed(os.time() + #requests + tonumber(tostring({}):match("0x(%x+)") or "0", 16))
  index = math.random(#requests) - 1
end

request = function()
  index = index % #requests + 1
  return requests[index]
end

delay = function()
  if not interval then return pause end
  local now = monotonic_milliseconds()
  due = due or now
  local wait = due - now
  due = due + interval
  if wait < 0 then return 0 end
  return math.floor(wait)
end
