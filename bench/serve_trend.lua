-- bench/serve_trend.lua - wrk's script for bench/serve_load.sh: every
-- request is GET /api/query with the trend of one series of nightly-10y
-- (its last 30 runs: what a dashboard's chart or sparkline asks for), the
-- series picked at random among the 200 in SERIES_FILE (one "POINT\tBACKEND\tDTYPE"
-- a line). done() prints one line the script parses:
--   serve-load: requests=N duration_us=N p50_us=N p99_us=N errors=N non2xx=N
local paths = {}

local function urlencode(s)
	return (s:gsub("[^%w%-%._~]", function(c)
		return string.format("%%%02X", string.byte(c))
	end))
end

function init(args)
	local file = assert(io.open(os.getenv("SERIES_FILE"), "r"))
	for line in file:lines() do
		local point, backend, dtype = line:match("^([^\t]+)\t([^\t]+)\t([^\t]+)$")
		if point then
			local q = string.format(
				'trend time of "%s" where backend = "%s" and dtype = "%s" last 30',
				point, backend, dtype)
			paths[#paths + 1] = "/api/query?q=" .. urlencode(q)
		end
	end
	file:close()
	math.randomseed(os.time() + (tonumber(tostring({}):match("0x(%x+)"), 16) or 0))
end

function request()
	return wrk.format("GET", paths[math.random(#paths)])
end

function done(summary, latency, requests)
	local e = summary.errors
	io.write(string.format(
		"serve-load: requests=%d duration_us=%d p50_us=%d p99_us=%d errors=%d non2xx=%d\n",
		summary.requests, summary.duration, latency:percentile(50), latency:percentile(99),
		e.connect + e.read + e.write + e.timeout, e.status))
end
