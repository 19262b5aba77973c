-- GET one path with the session cookie; prints the latency percentiles.
request = function()
  return wrk.format("GET", os.getenv("PATHQ"), { ["Cookie"] = os.getenv("COOKIE") })
end
done = function(summary, latency, requests)
  io.write(string.format("RESULT p50=%.2f p99=%.2f rps=%.0f errors=%d\n",
    latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    summary.requests / (summary.duration / 1e6),
    summary.errors.status + summary.errors.connect + summary.errors.read +
    summary.errors.write + summary.errors.timeout))
end
