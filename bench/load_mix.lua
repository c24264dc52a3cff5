-- wrk script for bench/load_bench.py: cycles through the requests of one file and counts statuses.
-- Usage: wrk ... -s bench/load_mix.lua URL -- REQUESTS_FILE TOKEN RUN_ID
-- Each line of REQUESTS_FILE: "GET<TAB>path[<TAB>Header: value]..." or "SALE<TAB>path<TAB>merchant_id"
-- (a POST of one sale with a unique Idempotency-Key).
local threads = {}

function setup(thread)
  thread:set("tid", #threads + 1)
  table.insert(threads, thread)
end

local function split(line)
  local fields = {}
  for field in string.gmatch(line, "[^\t]+") do table.insert(fields, field) end
  return fields
end

function init(args)
  reqs, statuses, n = {}, {}, 0
  token, run = args[2], args[3]
  for line in io.lines(args[1]) do
    local f = split(line)
    local headers = {}
    for i = 3, #f do
      local name, value = string.match(f[i], "^([^:]+):%s*(.*)$")
      if name then headers[name] = value end
    end
    table.insert(reqs, {kind = f[1], path = f[2], headers = headers, merchant = f[3]})
  end
end

function request()
  n = n + 1
  local r = reqs[(n % #reqs) + 1]
  if r.kind == "SALE" then
    local body = '{"merchant_id": ' .. r.merchant .. ', "amount": ' .. (1000 + n) .. ', "method": "vietqr"}'
    local headers = {["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. token,
                     ["Idempotency-Key"] = "load-" .. run .. "-" .. tid .. "-" .. n}
    return wrk.format("POST", r.path, headers, body)
  end
  return wrk.format(r.kind, r.path, r.headers)
end

function response(status, headers, body)
  local key = tostring(status)
  statuses[key] = (statuses[key] or 0) + 1
end

function done(summary, latency, requests)
  local total, parts = {}, {}
  for _, thread in ipairs(threads) do
    for status, count in pairs(thread:get("statuses")) do total[status] = (total[status] or 0) + count end
  end
  for status, count in pairs(total) do table.insert(parts, '"' .. status .. '": ' .. count) end
  local e = summary.errors
  io.write(string.format('RESULT {"requests": %d, "duration_us": %d, "p50_us": %d, "p99_us": %d, ' ..
    '"socket_errors": %d, "statuses": {%s}}\n', summary.requests, summary.duration, latency:percentile(50),
    latency:percentile(99), e.connect + e.read + e.write + e.timeout, table.concat(parts, ", ")))
end
