#!/bin/sh
# The reader thread changes nothing a run shows: on inputs of many chunks,
# --threads 1 and --threads 2 give the same standard output, standard
# error, output files and exit status. Valid data, errors past
# --limit-errors, a reader error in the middle of the file, a full disk,
# CP932, gzip, JSON Lines and XML input; and infer, which stops after its
# sample, returns at once although the pipe it reads says nothing more.
# Usage: threads.sh PLANCONV
set -u
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
src=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
producer=
trap '[ -n "$producer" ] && kill "$producer" 2>/dev/null; rm -rf "$work"' EXIT
cd "$work" || exit 1
unset LC_ALL LC_MESSAGES LANGUAGE
export LANG=C.UTF-8

# 50,000 rows of the plan-items sample, the ids made unique (parents too)
awk -F, -v OFS=, 'NR == 1 { print; next } { rows[++n] = $0 }
    END { for (k = 0; k * n < 50000; k++) for (i = 1; i <= n; i++) {
        $0 = rows[i]; $1 = "r" k "-" $1; if ($5 != "") $5 = "r" k "-" $5; print } }' \
    "$src/samples/plan-items.csv" >big.csv
# a bad level every 1,000 rows, a total row every 3,000 (a reader warning)
awk -F, -v OFS=, 'NR > 1 && NR % 1000 == 0 { $4 = "x" } NR > 1 && NR % 3000 == 0 { $7 = "合計" } { print }' \
    big.csv >bad.csv
# a misplaced quote in row 40,000: the reader stops there
awk 'NR == 40001 { sub(/,/, ",a\"b") } { print }' big.csv >quote.csv
iconv -f UTF-8 -t CP932 big.csv >big.cp932.csv
gzip -c big.csv >big.csv.gz
"$bin" convert --threads 1 -t jsonl big.csv -o big.jsonl
"$bin" convert --threads 1 -t xml big.csv -o big.xml

fail=0
n=0
# run_with T COMMAND ARGS...: the run with --threads T; "OUT" in ARGS is a
# file named for the run
run_with() {
    t=$1
    cmd=$2
    shift 2
    for a in "$@"; do
        shift
        [ "$a" = OUT ] && a="out$n-$t"
        set -- "$@" "$a"
    done
    "$bin" "$cmd" --threads "$t" "$@" >"stdout$n-$t" 2>"stderr$n-$t"
    echo $? >"status$n-$t"
    # a report's time is the one thing that may differ
    [ -f "out$n-$t" ] && sed -i 's/"seconds": [0-9.e+-]*/"seconds": 0/' "out$n-$t"
}
# same COMMAND ARGS...: with --threads 1 and 2, the same bytes
same() {
    n=$((n + 1))
    run_with 1 "$@"
    run_with 2 "$@"
    for f in stdout stderr status out; do
        [ -e "$f$n-1" ] || continue
        if ! cmp -s "$f$n-1" "$f$n-2"; then
            echo "threads: $*: $f differs between --threads 1 and 2:"
            diff "$f$n-1" "$f$n-2" | head -10
            fail=1
        fi
    done
}

same convert -t jsonl big.csv -o OUT
same convert -t json --report OUT big.csv
same validate --limit-errors 5 -v bad.csv
same convert --keep-invalid -t csv bad.csv
same convert -t jsonl quote.csv
same convert -t jsonl big.csv -o /dev/full
same convert -t jsonl big.cp932.csv
same convert -t jsonl big.csv.gz
same convert -t csv big.jsonl
same convert -t csv big.xml
same infer --sample-rows 100 big.csv
grep -q 'quote.csv:40001: format-error' stderr5-2 || { echo "threads: no format error at line 40001"; fail=1; }
grep -q 'No space left' stderr6-2 || { echo "threads: no write error on /dev/full"; fail=1; }

# infer takes its 500 records from a pipe that then says nothing for a
# minute (the thread is waiting on the pipe by the time the sample is done)
mkfifo pipe
for t in 1 2; do
    (head -c 300000 big.csv; exec sleep 60) >pipe &
    producer=$!
    start=$(date +%s)
    "$bin" infer --threads $t --sample-rows 500 -f csv pipe >"infer-$t" 2>&1
    took=$(($(date +%s) - start))
    kill "$producer" 2>/dev/null
    wait "$producer" 2>/dev/null
    producer=
    if [ "$took" -gt 10 ]; then
        echo "threads: infer --threads $t waited $took s for a pipe it needed nothing more from"
        fail=1
    fi
done
cmp -s infer-1 infer-2 || { echo "threads: infer from a pipe differs"; fail=1; }
[ $fail -eq 0 ] && echo "threads: $n runs the same with --threads 1 and 2"
exit $fail
