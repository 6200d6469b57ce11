#!/bin/sh
# Output atomicity: a conversion of a large generated file (200 MB by
# default) killed with SIGKILL at random points leaves at the target path
# either nothing (no earlier file) or the earlier complete file, never a
# partial one; a run that finishes leaves the whole new output.
# Usage: atomic_output.sh PLANCONV [MEGABYTES] [KILLS]
set -u
planconv=$1
mb=${2:-200}
kills=${3:-4}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work" || exit 2
fail() { echo "atomic_output: $*"; exit 1; }

# one 1 MB block of rows, repeated
awk 'BEGIN { print "id,title,note"; for (i = 0; i < 20000; i++) printf "P-%06d,重点計画の項目 %d,備考 abc\n", i, i }' >block.csv
{ cat block.csv; i=1; while [ $i -lt "$mb" ]; do tail -n +2 block.csv; i=$((i + 1)); done; } >big.csv
head -100 block.csv >small.csv

# the reference: what a finished run writes
"$planconv" convert -k table -t jsonl small.csv -o old.jsonl || fail "small conversion failed"
"$planconv" convert -k table -t jsonl big.csv -o full.jsonl || fail "big conversion failed"
full_size=$(wc -c <full.jsonl)

check() { # what: the target must be absent, old.jsonl or full.jsonl
    if [ ! -e out.jsonl ]; then
        [ "$1" = none ] && return 0
        fail "round $round: out.jsonl vanished"
    fi
    cmp -s out.jsonl old.jsonl && [ "$1" = old ] && return 0
    cmp -s out.jsonl full.jsonl && return 0
    fail "round $round: out.jsonl is partial ($(wc -c <out.jsonl) of $full_size bytes)"
}

round=0
while [ $round -lt "$kills" ]; do
    round=$((round + 1))
    rm -f out.jsonl .planconv-*
    expect=none
    if [ $((round % 2)) -eq 0 ]; then cp old.jsonl out.jsonl; expect=old; fi
    "$planconv" convert -k table -t jsonl big.csv -o out.jsonl &
    pid=$!
    # a random point in the first ~1.5 s
    delay=$(awk -v seed="$$$round" 'BEGIN { srand(seed); printf "%.2f", 0.05 + rand() * 1.5 }')
    sleep "$delay"
    kill -9 $pid 2>/dev/null
    wait $pid 2>/dev/null
    check $expect
    echo "round $round: killed after ${delay}s; out.jsonl is $( [ -e out.jsonl ] && wc -c <out.jsonl || echo absent)"
done
echo "atomic_output: $kills kills, never a partial file"
