-- wrk script: POSTs one GraphQL operation (BODY) with a bearer token (TOKEN), both from the environment.
-- Counts answers that carry GraphQL errors, so a fast failure never passes for a fast success.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Accept"] = "application/graphql-response+json"
local token = os.getenv("TOKEN")
if token ~= nil and token ~= "" then wrk.headers["Authorization"] = "Bearer " .. token end
wrk.body = os.getenv("BODY")

local errors = 0
function response(status, headers, body)
  if status ~= 200 or string.find(body, '"errors":%[{', 1, false) then errors = errors + 1 end
end

function done(summary, latency, requests)
  io.write(string.format("RESULT requests=%d seconds=%.2f rps=%.1f p50_ms=%.2f p99_ms=%.2f errors=%d\n",
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.status + summary.errors.timeout))
end
