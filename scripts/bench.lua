-- wrk reporter for scripts/bench: one JSON line with throughput, latency percentiles (ms) and errors.
-- The run's length is read from the monotonic clock: wrk's own is the wall clock's, which this
-- machine's clock adjustments have stretched by a third.
local ffi = require("ffi")
ffi.cdef[[
typedef struct { long tv_sec; long tv_nsec; } rapport_timespec;
int clock_gettime(int clock, rapport_timespec *now);
]]
local timespec = ffi.new("rapport_timespec")
function monotonic_milliseconds()
  ffi.C.clock_gettime(1, timespec) -- CLOCK_MONOTONIC
  return tonumber(timespec.tv_sec) * 1000 + tonumber(timespec.tv_nsec) / 1e6
end

local started = nil
setup = function(thread)
  started = started or monotonic_milliseconds()
end

done = function(summary, latency, requests)
  local seconds = (monotonic_milliseconds() - started) / 1000
  local errors = summary.errors
  io.write(string.format(
    '{"requests": %d, "rps": %.1f, "p50": %.3f, "p95": %.3f, "p99": %.3f, "non2xx": %d, "socket_errors": %d}\n',
    summary.requests, summary.requests / seconds,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000,
    errors.status, errors.connect + errors.read + errors.write + errors.timeout))
end
