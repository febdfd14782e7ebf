-- wrk script of the SecopPortal benchmark: counts responses that are not 200 (a redirect to the sign-in page
-- counts too) and prints one machine-readable line that SecopPortal.Bench parses.
local threads = {}

function setup(thread)
    table.insert(threads, thread)
end

function init(args)
    non200 = 0
end

function response(status, headers, body)
    if status ~= 200 then
        non200 = non200 + 1
    end
end

function done(summary, latency, requests)
    local bad = 0
    for _, thread in ipairs(threads) do
        bad = bad + (thread:get("non200") or 0)
    end
    io.write(string.format(
        "WRKRESULT requests=%d duration_us=%d non200=%d connect_errors=%d read_errors=%d write_errors=%d timeouts=%d p50_us=%d p90_us=%d p99_us=%d max_us=%d\n",
        summary.requests, summary.duration, bad, summary.errors.connect, summary.errors.read, summary.errors.write,
        summary.errors.timeout, latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max))
end
