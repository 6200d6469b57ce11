#!/bin/sh
# The progress bar: drawn on a terminal (a pty from script(1)) for an input
# over 4 MiB; absent with --no-progress, when standard error is not a
# terminal, and for a small input; --progress forces it. It stays on screen
# from start to end of a large conversion that normalizes every row (和暦
# years and periods, as officers write them): erased only to print a
# message, drawn again right after it, and erased for good at the end.
# Usage: progress.sh PLANCONV [MB]
# MB: the size of that conversion's input, generated here and deleted
# afterwards; 300 by default (the sanitizer build passes a small one).
# Measured here (2 cores shared by other jobs, load average about 16): a
# 30 MB input converts in 10.5 s of wall time (2.9 MB/s; 2.5 s of CPU, so
# 12 MB/s on a quiet core); this whole test at 300 MB took 134 s.
set -u
planconv=$1
mb=${2:-300}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
awk 'BEGIN { print "a,b"; for (i = 0; i < 300000; i++) printf "%d,値%d\n", i, i }' > big.csv
printf 'a,b\n1,2\n' > small.csv
# MB of roadmap rows (65 bytes each), each with three values to normalize;
# five rows spread over the file lack their required 施策ID, so a few
# errors are printed along the way
awk -v rows="$((mb * 1000000 / 65))" 'BEGIN { print "施策ID,施策名,年度,時期,工程"; step = int(rows / 5)
             for (i = 0; i < rows; i++)
                 printf "%s,施策%d,令和%d年度,令和%d年度末,工程%d\n", (i % step == step - 1 ? "" : "M-" i),
                        i, i % 5 + 1, i % 5 + 1, i }' > era.csv
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
    # The screen, as the pieces between carriage returns: a frame of the bar
    # ("... ETA"), or an erasure (ESC[K) with the message printed after it.
    # Every erasure but the last is followed by a frame: the bar is back.
    # While it runs, the screen is looked at once a second: the last frame
    # drawn (or the one before, if a message was just printed) is the bar,
    # at the start, in the middle and at the end of the run.
    script -qec "$planconv convert -k roadmap -t jsonl era.csv -o /dev/null" /dev/null > tty-era.txt 2>&1 &
    pid=$!
    : > samples.txt
    while kill -0 $pid 2>/dev/null; do
        sleep 1
        seen=$(tail -c 600 tty-era.txt | tr '\r' '\n' | grep -v '^$' | tail -n 2 | grep -c 'ETA')
        kill -0 $pid 2>/dev/null && echo "$seen" >> samples.txt
    done
    wait $pid
    check "terminal, normalizing every row" tty-era.txt bar
    n=$(wc -l < samples.txt)
    if [ "$n" -lt 3 ]; then
        echo "normalizing: the run took under 3 s ($n samples), too short to look at"; fail=1
    else
        # the first look may come before the first frame on a busy machine
        first=1
        [ "$n" -ge 4 ] && first=2
        for at in $first $(((n + 1) / 2)) "$n"; do
            [ "$(sed -n "${at}p" samples.txt)" -gt 0 ] ||
                { echo "normalizing: no bar on screen at second $at of $n"; fail=1; }
        done
    fi
    awk -v esc="$(printf '\033')" 'BEGIN { RS = "\r" }
        $0 == "" || $0 == "\n" { next }
        index($0, esc "[K") == 1 { erased++; if (gone) lost++; gone = 1; next }
        /ETA/ { frames++; gone = 0 }
        END { if (frames < 5 || erased != 6 || lost) {
                  printf "normalizing: %d frames, %d erasures (6 expected: 5 errors and the end), %d not drawn again\n", frames, erased, lost
                  exit 1 } }' tty-era.txt || fail=1
    [ "$(grep -c 'constraint-error' tty-era.txt)" -eq 5 ] || { echo "normalizing: the 5 errors are not all shown"; fail=1; }
    grep -q 'values normalized' tty-era.txt || { echo "normalizing: no summary line"; fail=1; }
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
