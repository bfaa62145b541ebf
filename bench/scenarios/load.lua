-- wrk script for every benchmark scenario. Settings come from the environment:
--   METHOD  GET or POST (POST)            URL_PATH   request path; "{{v}}" takes the line's value
--   BODY    request body; "{{v}}" takes the line's value, "{{n}}" a number unique to this request
--   TOKEN   a bearer token for every request
--   LINES   a file of lines "value" or "token<TAB>value": each request takes the next line of its
--           thread's share (lines OFFSET+t, OFFSET+t+THREADS, ... wrapping at the end of the file), so no
--           line is used twice before the file is used up
--   THREADS the -t given to wrk;  OFFSET lines used by earlier runs (0);  RUN a value unique to this run
-- A response counts as an error when its status is not 200 or it carries GraphQL or user errors,
-- so a fast failure never passes for a fast success.
local threads = {}

function setup(thread)
  thread:set("tid", #threads)
  table.insert(threads, thread)
end

local method = os.getenv("METHOD") or "POST"
local path_template = os.getenv("URL_PATH") or "/graphql"
local body_template = os.getenv("BODY") or ""
local token = os.getenv("TOKEN")
local lines = {}
index = 0 -- lines taken, including requests still in flight when wrk stops
local step = 1
local counter = 0
local run = os.getenv("RUN") or tostring(os.time())
errors = 0
served = 0

local function escape(s) return (s:gsub("%%", "%%%%")) end

function init(args)
  local file = os.getenv("LINES")
  step = tonumber(os.getenv("THREADS") or "1")
  local offset = tonumber(os.getenv("OFFSET") or "0")
  if file ~= nil and file ~= "" then
    local all = {}
    for line in io.lines(file) do table.insert(all, line) end
    -- Values that may repeat (slugs) wrap around; a file of single-use lines is made long enough not to.
    local start = offset % #all
    for n = start + tid, start + #all - 1, step do table.insert(lines, all[(n % #all) + 1]) end
  end
end

function request()
  local value, line_token = "", token
  if #lines > 0 then
    index = index + 1
    local line = lines[((index - 1) % #lines) + 1]
    local tab = line:find("\t", 1, true)
    if tab then line_token, value = line:sub(1, tab - 1), line:sub(tab + 1) else value = line end
  end
  counter = counter + 1
  local headers = { ["Content-Type"] = "application/json", ["Accept"] = "application/graphql-response+json, application/json" }
  if line_token ~= nil and line_token ~= "" then headers["Authorization"] = "Bearer " .. line_token end
  local unique = string.format("%s-%d-%d", run, tid, counter)
  local body = body_template:gsub("{{v}}", escape(value)):gsub("{{n}}", unique)
  local path = path_template:gsub("{{v}}", escape(value))
  if method == "GET" then body = nil end
  return wrk.format(method, path, headers, body)
end

codes = {}

function response(status, headers, body)
  served = served + 1
  if status ~= 200 or string.find(body, '"errors":%[{', 1, false) then
    errors = errors + 1
    local code = string.match(body, '"code":"([%w_]+)"') or ("HTTP" .. status)
    codes[code] = (codes[code] or 0) + 1
  end
end

function done(summary, latency, requests)
  -- Lines used: each thread takes every THREADS-th line, so the next run starts after the busiest thread's share.
  local failed, answered, used, by_code = 0, 0, 0, {}
  for _, thread in ipairs(threads) do
    failed = failed + thread:get("errors")
    for code, n in pairs(thread:get("codes")) do by_code[code] = (by_code[code] or 0) + n end
    answered = answered + thread:get("served")
    used = math.max(used, thread:get("index") * #threads)
  end
  local transport = summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout
  local listed = {}
  for code, n in pairs(by_code) do listed[#listed + 1] = code .. ":" .. n end
  if transport > 0 then listed[#listed + 1] = "TRANSPORT:" .. transport end
  table.sort(listed)
  -- codes: the error codes seen and how often (CODE:n,...; "-" when none)
  io.write(string.format("RESULT requests=%d seconds=%.2f rps=%.1f p50_ms=%.2f p99_ms=%.2f max_ms=%.2f errors=%d answered=%d lines_used=%d codes=%s\n",
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000, failed + transport, answered, used,
    #listed > 0 and table.concat(listed, ",") or "-"))
end
