#!/bin/sh
# Out of memory: a validation whose unique-key set cannot fit under a
# 60 MB address-space limit (ulimit -v) ends with exit status 2 and says
# why ("out of memory"), never silently. Skipped (77) under sanitizers,
# whose shadow memory needs more address space than the limit.
# Usage: out_of_memory.sh PLANCONV
set -u
planconv=$1
if ldd "$planconv" 2>/dev/null | grep -q 'libasan\|libtsan'; then
    echo "out_of_memory: skipped under a sanitizer"
    exit 77
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work" || exit 2
awk 'BEGIN { print "id,title"; for (i = 0; i < 3000000; i++) printf "ID%07d,t\n", i }' >ids.csv
(ulimit -v 60000; "$planconv" validate -q -k plan-items ids.csv) >out 2>err
status=$?
if [ $status -ne 2 ] || ! grep -q "^planconv: ids.csv: out of memory; the run stopped.$" err; then
    echo "out_of_memory: exit status $status, expected 2 with a message; stderr:"
    head -5 err
    exit 1
fi
echo "out_of_memory: exit 2 and the reason"
