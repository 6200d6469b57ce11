#!/bin/sh
# Round trips between every pair of formats: for a canonical SAMPLE.csv,
# each format A written from it must come back byte for byte from any
# other format B (A -> B -> A), plain and with B gzipped.
# Usage: roundtrip.sh PLANCONV SAMPLE.csv
set -eu
planconv=$1
sample=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
formats="csv tsv json jsonl xml"
for a in $formats; do
    "$planconv" convert -t "$a" "$sample" -o "$work/orig.$a"
done
cmp "$work/orig.csv" "$sample" || { echo "FAIL: the sample is not in canonical form"; exit 1; }
n=0
for a in $formats; do
    for b in $formats; do
        [ "$a" = "$b" ] && continue
        "$planconv" convert "$work/orig.$a" -t "$b" | "$planconv" convert -f "$b" -t "$a" - > "$work/back"
        cmp "$work/back" "$work/orig.$a" || { echo "FAIL: $a -> $b -> $a differs"; exit 1; }
        "$planconv" convert "$work/orig.$a" -o "$work/mid.$b.gz"
        gzip -t "$work/mid.$b.gz"
        "$planconv" convert "$work/mid.$b.gz" -t "$a" > "$work/back"
        cmp "$work/back" "$work/orig.$a" || { echo "FAIL: $a -> $b.gz -> $a differs"; exit 1; }
        n=$((n + 1))
    done
done
echo "ok: $n format pairs round trip, plain and gzipped"
