#!/bin/sh
# make demo: converts and validates the samples and shows the results.
set -eu
planconv=$1
out=build/demo
mkdir -p "$out"
step() { printf '\n$ %s\n' "$*"; "$@"; }
step "$planconv" validate samples/plan-items.csv samples/roadmap.csv samples/minutes.csv \
    samples/plan-items.cp932.csv samples/roadmap.bom.csv
step "$planconv" convert samples/plan-items.csv -o "$out/plan-items.json"
step "$planconv" convert samples/roadmap.csv -o "$out/roadmap.jsonl"
step "$planconv" convert samples/minutes.csv -o "$out/minutes.json.gz"
step "$planconv" convert samples/plan-items.cp932.csv -t jsonl -o "$out/plan-items-from-cp932.jsonl"
printf '\nFirst records of %s/plan-items.json:\n' "$out"
head -n 4 "$out/plan-items.json"
printf '\nFirst records of %s/roadmap.jsonl:\n' "$out"
head -n 2 "$out/roadmap.jsonl"
printf '\nThe minutes are nested (meetings > statements) and gzipped; read back:\n'
step "$planconv" validate "$out/minutes.json.gz"
printf '\nAn invalid file is refused with its line and field, and nothing is written:\n'
printf 'id,title,level\n1-1,デジタル,2\n1-1,,9\n' > "$out/bad.csv"
step "$planconv" convert "$out/bad.csv" -o "$out/bad.json" || echo "(exit status $?)"
test ! -e "$out/bad.json" && echo "$out/bad.json was not created."
