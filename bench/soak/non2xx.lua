-- Shared by every soak endpoint (run.sh appends the request): counts the answers outside 200-299 in each thread
-- and prints "non2xx <n>" at the end (wrk's own "Non-2xx or 3xx" line counts only >= 400).
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args) bad = 0 end
function response(status, headers, body) if status < 200 or status > 299 then bad = bad + 1 end end
function done(summary, latency, requests)
  local n = 0
  for _, t in ipairs(threads) do n = n + t:get("bad") end
  io.write(string.format("non2xx %d\n", n))
end
