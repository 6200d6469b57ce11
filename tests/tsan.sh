#!/bin/sh
# make tsan: under ThreadSanitizer, the threads test (conversions in
# parallel threads), convert --jobs 4 over many files and the reader
# thread (--threads 2) on big inputs; any data race report fails (exit 66).
# Usage: tsan.sh TSAN_BUILD_DIR
set -u
build=$(cd "$1" && pwd)
src=$(cd "$(dirname "$0")/.." && pwd)
export TSAN_OPTIONS="halt_on_error=1 exitcode=66 second_deadlock_stack=1"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$build/tests/test_threads" || { echo "tsan: the threads test failed"; exit 1; }
i=0
for s in "$src"/samples/*.csv; do
    for k in 1 2 3; do cp "$s" "$work/$i-$k-$(basename "$s")"; done
    i=$((i + 1))
done
"$build/planconv" convert -q -t jsonl --jobs 4 -O "$work/out" "$work"/*.csv
status=$?
[ $status -eq 66 ] && { echo "tsan: a data race in convert --jobs 4"; exit 1; }
"$build/planconv" convert -q -t jsonl --jobs 4 --all-or-nothing -O "$work/out2" "$work"/*.csv
[ $? -eq 66 ] && { echo "tsan: a data race in convert --jobs 4 --all-or-nothing"; exit 1; }
# the reader thread: a table, a tree, gzip and CP932, stopped early (infer's
# sample, a full disk) and at a reader error
"$build/tests/test_reader_thread" || { echo "tsan: the reader thread test failed"; exit 1; }
awk -F, -v OFS=, 'NR == 1 { print; next } { rows[++n] = $0 }
    END { for (k = 0; k * n < 20000; k++) for (i = 1; i <= n; i++) {
        $0 = rows[i]; $1 = "r" k "-" $1; if ($5 != "") $5 = "r" k "-" $5; print } }' \
    "$src/samples/plan-items.csv" >"$work/big.csv"
gzip -c "$work/big.csv" >"$work/big.csv.gz"
iconv -f UTF-8 -t CP932 "$work/big.csv" >"$work/big.cp932.csv"
awk 'NR == 15001 { sub(/,/, ",a\"b") } { print }' "$work/big.csv" >"$work/quote.csv"
for run in "convert -t jsonl -o $work/big.jsonl $work/big.csv" "convert -t xml -o $work/big.xml $work/big.csv" \
    "convert -t csv $work/big.jsonl" "convert -t csv $work/big.xml" "convert -t jsonl $work/big.csv.gz" \
    "convert -t jsonl $work/big.cp932.csv" "convert -t jsonl $work/quote.csv" \
    "convert -t jsonl -o /dev/full $work/big.csv" "infer --sample-rows 10 $work/big.csv"; do
    # shellcheck disable=SC2086
    "$build/planconv" $run --threads 2 >/dev/null 2>&1
    [ $? -eq 66 ] && { echo "tsan: a data race in planconv $run --threads 2"; exit 1; }
done
echo "tsan: no data race (threads test, convert --jobs 4, the reader thread; exit status $status)"
