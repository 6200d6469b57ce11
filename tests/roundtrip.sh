#!/bin/sh
# Round trips through every writable format: SAMPLE.csv -> FORMAT -> csv must
# give back the sample byte for byte, plain and gzipped, and the gzip output
# must be a valid gzip stream.
# Usage: roundtrip.sh PLANCONV SAMPLE.csv
set -eu
planconv=$1
sample=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for fmt in json jsonl xml tsv csv; do
    "$planconv" convert -t "$fmt" "$sample" | "$planconv" convert -f "$fmt" -t csv - > "$work/back.csv"
    cmp "$work/back.csv" "$sample" || { echo "FAIL: csv -> $fmt -> csv differs"; exit 1; }
    "$planconv" convert "$sample" -o "$work/out.$fmt.gz"
    gzip -t "$work/out.$fmt.gz"
    "$planconv" convert "$work/out.$fmt.gz" -o "$work/back.csv"
    cmp "$work/back.csv" "$sample" || { echo "FAIL: csv -> $fmt.gz -> csv differs"; exit 1; }
    echo "ok: csv -> $fmt -> csv"
done
# JSON Lines -> JSON -> JSON Lines is identical too
"$planconv" convert -t jsonl "$sample" > "$work/a.jsonl"
"$planconv" convert -f jsonl -t json "$work/a.jsonl" | "$planconv" convert -f json -t jsonl - > "$work/b.jsonl"
cmp "$work/a.jsonl" "$work/b.jsonl"
echo "ok: jsonl -> json -> jsonl"
