#!/bin/sh
# The GNU parallel example of docs/scaling.md: a CSV split into blocks with the
# header repeated, converted in parallel, gives the same JSON Lines as one process.
# Usage: scaling.sh PLANCONV
set -eu
planconv=$1
command -v parallel > /dev/null || { echo "GNU parallel is missing (make deps installs it)"; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
awk 'BEGIN {
    print "measure_id,measure,ministries,fiscal_year,period,milestone,status"
    for (i = 1; i <= 30000; i++)
        printf "R-%d,\"施策 %d, 名称\",デジタル庁;総務省,2025,2025年度末,\"工程 %d, 説明\",予定\n", i, i, i
}' > "$work/big.csv"
"$planconv" convert -f csv -t jsonl -k roadmap - < "$work/big.csv" > "$work/one.jsonl"
parallel --pipe --header 1 --block 300k --keep-order \
    "$planconv convert -f csv -t jsonl -k roadmap -" < "$work/big.csv" > "$work/many.jsonl"
cmp "$work/one.jsonl" "$work/many.jsonl"
echo "parallel blocks give the same $(wc -l < "$work/one.jsonl") records"
