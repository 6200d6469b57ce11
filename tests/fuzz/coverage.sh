#!/bin/sh
# Every format that `planconv formats` lists as readable has a fuzz target
# (replayed by ctest, run by make fuzz): a new reader without one fails.
# Usage: coverage.sh PLANCONV FUZZ_BUILD_DIR
set -u
missing=""
for name in $("$1" formats | awk 'NR > 1 && $2 == "yes" { print $1 }'); do
    [ -x "$2/replay_$name" ] || missing="$missing $name"
done
if [ -n "$missing" ]; then
    echo "fuzz coverage: no fuzz target for the reader(s):$missing (add them to FUZZ_READERS in tests/fuzz/CMakeLists.txt)"
    exit 1
fi
echo "fuzz coverage: every reader has a fuzz target"
