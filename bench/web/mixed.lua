-- A team lead's and the phones' traffic: API reads, the week, feeds,
-- pages and scripts, in turn. The session cookie comes from the caller.
local paths = {
  "/api/data/places", "/api/shifts?from=2026-01-05&days=7", "/api/data/workers",
  "/api/feeds", "/api/alerts", "/", "/static/app.js", "/vendor/leaflet/leaflet.js",
  "/api/data/pairs", "/api/shifts?from=2026-01-12&days=7",
}
local i = 0
request = function()
  i = i + 1
  local p = paths[(i % #paths) + 1]
  if p == "/feeds" then p = os.getenv("FEED") end
  return wrk.format("GET", p, { ["Cookie"] = os.getenv("COOKIE") })
end
local errors = 0
response = function(status, headers, body)
  if status >= 400 then errors = errors + 1 end
end
done = function(summary, latency, requests)
  io.write(string.format("non-2xx responses: %d, socket errors: %d\n",
    summary.errors.status, summary.errors.connect + summary.errors.read +
    summary.errors.write + summary.errors.timeout))
end
