-- GET the paths of PATHS (space-separated, in turn; else PATHQ) with the
-- session cookie; prints the latency percentiles.
local paths = {}
for p in string.gmatch(os.getenv("PATHS") or os.getenv("PATHQ"), "%S+") do
  paths[#paths + 1] = p
end
local i = 0
request = function()
  i = i + 1
  return wrk.format("GET", paths[(i % #paths) + 1], { ["Cookie"] = os.getenv("COOKIE") })
end
done = function(summary, latency, requests)
  io.write(string.format("RESULT p50=%.2f p99=%.2f rps=%.0f errors=%d\n",
    latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    summary.requests / (summary.duration / 1e6),
    summary.errors.status + summary.errors.connect + summary.errors.read +
    summary.errors.write + summary.errors.timeout))
end
