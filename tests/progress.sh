#!/bin/sh
# The progress bar: drawn on a terminal (a pty from script(1)) for an input
# over 4 MiB; absent with --no-progress, when standard error is not a
# terminal, and for a small input; --progress forces it.
# Usage: progress.sh PLANCONV
set -u
planconv=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
awk 'BEGIN { print "a,b"; for (i = 0; i < 300000; i++) printf "%d,値%d\n", i, i }' > big.csv
printf 'a,b\n1,2\n' > small.csv
fail=0
bar() { grep -q 'records/s  ETA' "$1"; }
check() { # what file: expect "bar" or "none"
    if bar "$2"; then got=bar; else got=none; fi
    if [ "$got" != "$3" ]; then echo "$1: expected $3, got $got:"; head -c 300 "$2"; echo; fail=1; fi
}
if command -v script >/dev/null; then
    script -qec "$planconv convert -k table -t jsonl big.csv -o big.jsonl" /dev/null > tty.txt 2>&1
    check "terminal, 6 MB" tty.txt bar
    grep -q "$(printf '\033\\[K')" tty.txt || { echo "terminal: the bar is not erased"; fail=1; }
    script -qec "$planconv convert -k table -t jsonl --no-progress big.csv -o big.jsonl" /dev/null > tty-off.txt 2>&1
    check "terminal, --no-progress" tty-off.txt none
    script -qec "$planconv convert -k table -t jsonl small.csv -o small.jsonl" /dev/null > tty-small.txt 2>&1
    check "terminal, small input" tty-small.txt none
    script -qec "$planconv convert -k table -t jsonl -O out --jobs 2 big.csv small.csv" /dev/null > tty-batch.txt 2>&1
    check "terminal, batch" tty-batch.txt bar
    # the summary table ends up on a clean line, after the bar is erased
    grep -q '^FILE ' tty-batch.txt || grep -q "$(printf '\033\\[K')FILE " tty-batch.txt ||
        { echo "batch: no summary table"; fail=1; }
else
    echo "script(1) is missing: the terminal cases are skipped"
fi
"$planconv" convert -k table -t jsonl big.csv -o big.jsonl 2> pipe.txt
check "not a terminal" pipe.txt none
"$planconv" convert -k table -t jsonl --progress big.csv -o big.jsonl 2> forced.txt
check "not a terminal, --progress" forced.txt bar
cmp -s big.jsonl out/big.jsonl 2>/dev/null || [ ! -d out ] || { echo "batch output differs"; fail=1; }
[ $fail -eq 0 ] && echo ok
exit $fail
