#!/bin/sh
# Memory must not grow with the number of records: converting 20 000 and
# 200 000 generated roadmap rows must peak within 2 MiB of each other.
# (Kinds with unique keys hold their key sets, which grow by design.)
# Usage: memory.sh PLANCONV PEAKRSS FORMAT
set -eu
planconv=$1
peakrss=$2
fmt=$3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
gen() {
    awk -v n="$1" 'BEGIN {
        print "measure_id,measure,ministries,fiscal_year,period,milestone,status"
        for (i = 1; i <= n; i++)
            printf "R-%d,\"施策 %d, 名称\",デジタル庁;総務省,2025,2025年度末,\"工程 %d\nの説明\",予定\n", i, i, i
    }'
}
gen 20000 > "$work/small.csv"
gen 200000 > "$work/big.csv"
"$planconv" convert -t "$fmt" "$work/small.csv" -o "$work/small.$fmt"
"$planconv" convert -t "$fmt" "$work/big.csv" -o "$work/big.$fmt"
small=$("$peakrss" "$planconv" convert -t csv "$work/small.$fmt")
big=$("$peakrss" "$planconv" convert -t csv "$work/big.$fmt")
echo "peak RSS reading $fmt: 20k rows ${small} KiB, 200k rows ${big} KiB"
[ "$big" -le $((small + 2048)) ] || { echo "FAIL: memory grows with the input"; exit 1; }
