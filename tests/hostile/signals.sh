#!/bin/sh
# Signals where O_TMPFILE is not available (NFS, SMB, vfat; simulated by
# an LD_PRELOAD shim): SIGINT, SIGTERM or SIGHUP during a conversion
# removes its .planconv-PID-* temporary file, and during --all-or-nothing
# its .planconv-batch-PID-* staging folder; the run ends by that signal
# and the target is never created. A staging folder left by a run killed
# with SIGKILL is removed by the next --all-or-nothing run into the
# folder; one of a process still running is left alone.
# Usage: signals.sh PLANCONV NO_TMPFILE_SHIM
set -u
planconv=$1
shim=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work" || exit 2
fail() { echo "signals: $*"; exit 1; }
export ASAN_OPTIONS="${ASAN_OPTIONS:-}:verify_asan_link_order=0"
awk 'BEGIN { print "id,title"; for (i = 0; i < 1500000; i++) printf "P-%07d,重点計画の項目 %d\n", i, i }' >big.csv
head -100 big.csv >small.csv

# waits (up to 20 s) until a name matching $2 appears in folder $1
appears() {
    i=0
    while [ $i -lt 200 ]; do
        ls -A "$1" 2>/dev/null | grep -q "$2" && return 0
        sleep 0.1
        i=$((i + 1))
    done
    return 1
}

for sig in INT TERM HUP; do
    rm -rf out && mkdir out
    # background jobs of sh ignore SIGINT: env gives each signal its default back
    env --default-signal=INT LD_PRELOAD="$shim" "$planconv" convert -k table -t jsonl big.csv \
        -o out/big.jsonl &
    pid=$!
    appears out '^\.planconv-[0-9]' || fail "SIG$sig: no temporary file appeared"
    kill -s "$sig" $pid
    wait $pid
    status=$?
    [ $status -gt 128 ] || fail "SIG$sig: exit status $status, expected death by the signal"
    left=$(ls -A out)
    [ -z "$left" ] || fail "SIG$sig: left behind: $left"
done

rm -rf out && mkdir out
env --default-signal=INT LD_PRELOAD="$shim" "$planconv" convert -k table -t jsonl -O out \
    --all-or-nothing big.csv small.csv &
pid=$!
appears out '^\.planconv-batch-' || fail "no staging folder appeared"
kill -s TERM $pid
wait $pid
left=$(ls -A out)
[ -z "$left" ] || fail "SIGTERM in --all-or-nothing: left behind: $left"

# stale: a dead process's staging folder goes, a live one's stays
sleep 0 & dead=$!
wait $dead
mkdir -p out/.planconv-batch-$dead-abcdef out/.planconv-batch-$$-abcdef
: >out/.planconv-batch-$dead-abcdef/big.jsonl
"$planconv" convert -k table -t jsonl -O out --all-or-nothing small.csv 2>/dev/null ||
    fail "the run after a killed one failed"
[ -e out/.planconv-batch-$dead-abcdef ] && fail "a dead run's staging folder was left"
[ -d out/.planconv-batch-$$-abcdef ] || fail "a running process's staging folder was removed"
[ -s out/small.jsonl ] || fail "the run after a killed one wrote nothing"
echo "signals: no temporary file or staging folder left"
