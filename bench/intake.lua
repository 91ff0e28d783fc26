-- wrk script for bench/intake.sh: POST bodies that vary per request, and one machine-readable result line.
--
--   wrk -t2 -c32 -d20s -s bench/intake.lua URL -- <mode> <tag> <events per request> [repeat keys]
--
-- modes:
--   v2-distinct  PagerDuty Events API v2 trigger (POST /v2/enqueue), a new dedup_key on every request
--   v2-repeat    the same, dedup_key drawn from a small set ([repeat keys], default 100)
--   am-webhook   Alertmanager webhook body, version 4 (Firewatch's /api/v1/integrations/alertmanager/{key}),
--                <events per request> alerts, each with labels no other request uses
--   am-api       Alertmanager's own API (POST /api/v2/alerts): a list of <events per request> alerts,
--                each with labels no other request uses
-- <tag> keeps warm-up and measurement keys apart. Bodies are assembled from pieces made once in init(),
-- so the generator spends its share of the two cores on sending, not on building strings.

local threads = {}

function setup(thread)
  table.insert(threads, thread)
  thread:set("id", #threads)
end

local mode, tag, batch, keys
local counter = 0
local parts, slots = {}, {}

-- Appends a literal piece, or a slot filled with the request's unique prefix when piece is nil.
local function add(piece)
  if piece == nil then
    table.insert(parts, "")
    table.insert(slots, #parts)
  else
    table.insert(parts, piece)
  end
end

local function firing_webhook_alert(i, now)
  add('{"status":"firing","labels":{"alertname":"BenchLatencyHigh","job":"api","severity":"critical","team":"core","instance":"')
  add(nil)
  add('-' .. i .. '"},"annotations":{"summary":"p99 latency above 500 ms on ')
  add(nil)
  add('-' .. i .. '","runbook_url":"https://runbooks.example.com/latency"},"startsAt":"' .. now ..
      '","endsAt":"0001-01-01T00:00:00Z","generatorURL":"http://prometheus.example.com:9090/graph?g0.expr=latency",' ..
      '"fingerprint":"' .. string.format("%016x", i) .. '"}')
end

local function api_alert(i, now)
  add('{"labels":{"alertname":"BenchLatencyHigh","job":"api","severity":"critical","team":"core","instance":"')
  add(nil)
  add('-' .. i .. '"},"annotations":{"summary":"p99 latency above 500 ms on ')
  add(nil)
  add('-' .. i .. '","runbook_url":"https://runbooks.example.com/latency"},"startsAt":"' .. now ..
      '","generatorURL":"http://prometheus.example.com:9090/graph?g0.expr=latency"}')
end

function init(args)
  mode = args[1] or "v2-distinct"
  tag = args[2] or "run"
  batch = tonumber(args[3] or "1")
  keys = tonumber(args[4] or "100")
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/json"
  local now = os.date("!%Y-%m-%dT%H:%M:%SZ")
  if mode == "am-webhook" then
    add('{"version":"4","groupKey":"{}:{alertname=\\"BenchLatencyHigh\\"}","truncatedAlerts":0,"status":"firing",' ..
        '"receiver":"firewatch","groupLabels":{"alertname":"BenchLatencyHigh"},' ..
        '"commonLabels":{"alertname":"BenchLatencyHigh","job":"api","severity":"critical","team":"core"},' ..
        '"commonAnnotations":{},"externalURL":"http://alertmanager.example.com:9093","alerts":[')
    for i = 1, batch do
      if i > 1 then add(",") end
      firing_webhook_alert(i, now)
    end
    add("]}")
  elseif mode == "am-api" then
    add("[")
    for i = 1, batch do
      if i > 1 then add(",") end
      api_alert(i, now)
    end
    add("]")
  elseif mode ~= "v2-distinct" and mode ~= "v2-repeat" then
    error("unknown mode " .. mode)
  end
end

function request()
  counter = counter + 1
  if mode == "v2-distinct" or mode == "v2-repeat" then
    local key
    if mode == "v2-repeat" then
      key = "bench-repeat-" .. (counter % keys)
    else
      key = "bench-" .. tag .. "-" .. id .. "-" .. counter
    end
    return wrk.format(nil, nil, nil,
      '{"routing_key":"demo-key","event_action":"trigger","dedup_key":"' .. key ..
      '","payload":{"summary":"Disk almost full on ' .. key .. '","source":"host-' .. (counter % 500) ..
      '","severity":"critical","component":"disk","group":"storage","class":"capacity",' ..
      '"custom_details":{"free_percent":3.5,"mount":"/var"}}}')
  end
  local unique = "host-" .. tag .. "-" .. id .. "-" .. counter
  for _, slot in ipairs(slots) do
    parts[slot] = unique
  end
  return wrk.format(nil, nil, nil, table.concat(parts))
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'WRK-RESULT requests=%d duration_us=%d connect=%d read=%d write=%d status=%d timeout=%d ' ..
    'p50_us=%d p90_us=%d p99_us=%d p999_us=%d max_us=%d mean_us=%d\n',
    summary.requests, summary.duration, e.connect, e.read, e.write, e.status, e.timeout,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency:percentile(99.9),
    latency.max, latency.mean))
end
