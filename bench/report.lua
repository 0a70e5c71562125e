-- wrk reporter: requests/s, latency percentiles and every kind of error, as JSON after a "JSON" marker.
-- With a file argument (wrk ... -s report.lua URL -- paths.txt) each request takes the next path of
-- the file in turn (a query mix); without one, every request asks for the URL's path.
local paths, next_path = nil, 0

init = function(args)
  if args[1] then
    paths = {}
    for line in io.lines(args[1]) do
      if line ~= "" then paths[#paths + 1] = line end
    end
  end
end

request = function()
  if not paths then return wrk.request() end
  next_path = next_path % #paths + 1
  return wrk.format("GET", paths[next_path])
end

done = function(summary, latency, requests)
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write
    + summary.errors.status + summary.errors.timeout
  io.write("JSON")
  io.write(string.format(
    '{"requests": %d, "rps": %.1f, "p50_ms": %.3f, "p95_ms": %.3f, "p99_ms": %.3f, "max_ms": %.3f, ' ..
    '"errors": %d, "non_2xx": %d, "socket_errors": %d}\n',
    summary.requests, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000,
    latency.max / 1000, errors, summary.errors.status,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
