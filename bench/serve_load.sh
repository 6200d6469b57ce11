#!/bin/sh
# The load figure of planconv serve (docs/performance.md): requests per
# second and p99 latency for POST /api/validate of a 1 MB plan-items CSV
# (bench/gen, realistic Japanese text) at 1, 8 and 32 concurrent clients,
# with ab (apache2-utils), and the server's peak RSS. Traffic goes to
# 127.0.0.1 only; each level sends a bounded number of requests.
# Usage: serve_load.sh BUILD_DIR [REQUESTS_PER_LEVEL]
set -eu
build=$(cd "$1" && pwd)
n=${2:-200}
work=$(mktemp -d)
trap 'kill "$pid" 2>/dev/null; rm -rf "$work"' EXIT
cmake --build "$build" --target planconv bench_gen >/dev/null
"$build/bench_gen" plan-items 3300 > "$work/plan-items.csv"
size=$(wc -c < "$work/plan-items.csv")
TMPDIR=$work "$build/planconv" serve --port 0 --jobs "$(nproc)" --queue 64 > "$work/url" &
pid=$!
while [ ! -s "$work/url" ]; do sleep 0.1; done
url=$(cat "$work/url")
# the file is valid: every answer must be 200 with "valid": true
curl -s --data-binary @"$work/plan-items.csv" "${url}api/validate?name=plan-items.csv" |
    grep -q '"valid": true' || { echo "the benchmark file is not valid"; exit 1; }
echo "planconv serve --jobs $(nproc), POST /api/validate of a $size-byte CSV, $n requests per level"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
# the same check on the command line, for what the server adds
start=$(date +%s%N)
"$build/planconv" validate -q "$work/plan-items.csv"
echo "planconv validate of the same file: $((($(date +%s%N) - start) / 1000000)) ms"
printf '%-8s %12s %10s %10s\n' clients requests/s p50_ms p99_ms
for c in 1 8 32; do
    ab -q -n "$n" -c "$c" -p "$work/plan-items.csv" -T text/csv \
        "${url}api/validate?name=plan-items.csv" > "$work/ab.$c"
    # ab counts a body of another length as failed: the report's "seconds" varies in length
    if grep -q '^Non-2xx responses' "$work/ab.$c" ||
        grep -Eq '^ *\(Connect: [1-9]|Receive: [1-9]|Exceptions: [1-9]' "$work/ab.$c" ||
        ! grep -q "^Complete requests: *$n\$" "$work/ab.$c"; then
        echo "failed or non-2xx answers at $c clients:"; cat "$work/ab.$c"; exit 1
    fi
    rps=$(awk '/^Requests per second/ { print $4 }' "$work/ab.$c")
    p50=$(awk '$1 == "50%" { print $2 }' "$work/ab.$c")
    p99=$(awk '$1 == "99%" { print $2 }' "$work/ab.$c")
    printf '%-8s %12s %10s %10s\n' "$c" "$rps" "$p50" "$p99"
done
echo "peak RSS of the server: $(awk '/^VmHWM/ { print $2, $3 }' "/proc/$pid/status")"
kill -TERM "$pid"
wait "$pid"
left=$(ls -A "$work" | grep -c planconv-serve || true)
echo "temporary folders left: $left"
