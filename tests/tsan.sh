#!/bin/sh
# make tsan: under ThreadSanitizer, the threads test (conversions in
# parallel threads) and convert --jobs 4 over many files; any data race
# report fails (exit 66).
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
echo "tsan: no data race (threads test, convert --jobs 4; exit status $status)"
