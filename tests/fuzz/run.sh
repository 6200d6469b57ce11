#!/bin/sh
# make fuzz: runs every libFuzzer target for SECONDS, seeded from samples/
# and the inputs of tests/cases/. A crash, leak, timeout or out-of-memory
# is copied to tests/fuzz/regress/TARGET/ (replayed by ctest in every
# build) and fails the run.
# Usage: [FUZZ_SEED=N] run.sh BUILD_DIR SECONDS [TARGET...]
set -u
build=$(cd "$1" && pwd)
seconds=$2
shift 2
src=$(cd "$(dirname "$0")/../.." && pwd)
targets=${*:-csv tsv json jsonl xml ndl minutes-text outline-text xlsx discussnet voices csv_plain encoding roundtrip reshape user_schema dialect schema report serve_query serve_http}
planconv=$build/planconv
work=$build/fuzz
mkdir -p "$work/tmp"
# libFuzzer ends without atexit handlers: scratch files stay in the build
export TMPDIR="$work/tmp"

# seeds/TARGET: samples and case inputs of the target's format, and the
# samples converted by planconv itself to it.
seed() { # target, files...
    t=$1; shift
    mkdir -p "$work/seeds/$t"
    for f in "$@"; do [ -f "$f" ] && cp "$f" "$work/seeds/$t/$(echo "$f" | tr / _)"; done
    return 0
}
rm -rf "$work/seeds"
for fmt in csv tsv json jsonl xml; do
    seed "$fmt" "$src"/tests/cases/*/*."$fmt" "$src"/tests/cases/*/*."$fmt".gz
    for s in "$src"/samples/*.csv; do
        "$planconv" convert -t "$fmt" "$s" -o "$work/seeds/$fmt/$(basename "$s" .csv).$fmt" \
            2>/dev/null || true
    done
done
seed csv "$src"/samples/*.csv
# csv_plain: a byte choosing the dialect and chunks, then a CSV file
mkdir -p "$work/seeds/csv_plain"
for s in "$src"/samples/*.csv "$src"/tests/cases/*/*.csv; do
    [ -f "$s" ] || continue
    { printf ','; head -c 8192 "$s"; } >"$work/seeds/csv_plain/$(echo "$s" | tr / _)"
done
# the minutes readers: the real minutes (tests/real/minutes) and the cases
seed ndl "$src"/tests/real/minutes/*/*.json "$src"/tests/real/minutes/*/*.xml
seed minutes-text "$src"/tests/real/minutes/*/*.txt "$src"/tests/cases/text-minutes*/*.txt
seed outline-text "$src"/tests/cases/text-outline-*/*.txt "$src"/tests/cases/*outline*/*.txt
seed xlsx "$src"/samples/*.xlsx "$src"/tests/cases/*/*.xlsx
seed reshape "$src"/samples/roadmap-wide*.csv "$src"/tests/cases/pivot-*/*.csv
# user_schema: a descriptor, a NUL byte, then a table (see user_schema.c)
mkdir -p "$work/seeds/user_schema"
for s in "$src"/schemas/*.json "$src"/tests/cases/user-schema-*/*.json; do
    [ -f "$s" ] || continue
    kind=$(basename "$s" .json)
    table="$src/samples/$kind.csv"
    [ -f "$table" ] || table="$(dirname "$s")/$(ls "$(dirname "$s")" | grep '\.csv$' | head -1)"
    { cat "$s"; printf '\000'; head -c 4096 "$table" 2>/dev/null; } >"$work/seeds/user_schema/$(echo "$s" | tr / _)"
done
# dialect: a Table Dialect, a NUL byte, then a table (see dialect.c)
mkdir -p "$work/seeds/dialect"
for d in "$src"/tests/cases/dialect-*/*.json "$src"/tests/conformance/*/dialect.json; do
    [ -f "$d" ] || continue
    table=$(ls "$(dirname "$d")"/*.csv 2>/dev/null | head -1)
    { cat "$d"; printf '\000'; [ -n "$table" ] && head -c 4096 "$table"; } >"$work/seeds/dialect/$(echo "$d" | tr / _)"
done
# report: errors as bytes (see report.c): the samples' lines as fields
mkdir -p "$work/seeds/report"
for s in "$src"/samples/*.csv; do
    { printf '\040'; head -c 2048 "$s" | tr ',\n' '\377\377'; } >"$work/seeds/report/$(basename "$s")"
done
seed discussnet "$src"/tests/real/minutes/sumida-*/*.json
seed voices "$src"/tests/real/minutes/tsukuba-*/*.html "$src"/tests/cases/voices-*/*.html
# a meeting: the header frame and the statement frame one after the other
cat "$src"/tests/real/minutes/tsukuba-*/header.html "$src"/tests/real/minutes/tsukuba-*/speech.html \
    >"$work/seeds/voices/tsukuba-meeting.html" 2>/dev/null || true
gzip -c "$src/samples/roadmap.csv" >"$work/seeds/csv/roadmap.csv.gz"
# encoding: the first byte picks the --encoding (see encoding.c)
mkdir -p "$work/seeds/encoding"
i=0
for f in "$src"/samples/* "$src"/tests/cases/encoding-*/*.csv "$src"/tests/cases/euc-jp*/*.csv \
         "$src"/tests/cases/gzip-*/*.gz; do
    [ -f "$f" ] || continue
    for b in 000 001 002 003; do
        { printf "\\$b"; head -c 8192 "$f"; } >"$work/seeds/encoding/$i-$b"
    done
    i=$((i + 1))
done
# round trip: cells end in 0xFF, the first byte gives the columns (see roundtrip.c)
mkdir -p "$work/seeds/roundtrip"
for s in "$src"/samples/*.csv; do
    { printf '\003'; head -c 4096 "$s" | tr ',\n' '\377\377'; } >"$work/seeds/roundtrip/$(basename "$s")"
done
printf '\000a"b\\c\377\t x \r\n\377' >"$work/seeds/roundtrip/escapes"

# schema: the bundled descriptors and the conformance cases' schemas
seed schema "$src"/schemas/*.json "$src"/tests/conformance/*/schema.json

# every crash reproducer seeds its target again
for t in $targets; do
    mkdir -p "$work/seeds/$t"
    for f in "$src"/tests/fuzz/regress/"$t"/*; do
        [ -f "$f" ] && cp "$f" "$work/seeds/$t/regress-$(basename "$f")"
    done
done

fail=0
for t in $targets; do
    bin=$build/tests/fuzz/fuzz_$t
    corpus=$work/corpus/$t
    artifacts=$work/artifacts/$t
    mkdir -p "$corpus" "$artifacts"
    rm -f "$artifacts"/*
    echo "fuzz: $t for ${seconds}s"
    # shellcheck disable=SC2086 # FUZZ_SEED set (CI): the same mutations each run
    "$bin" -max_total_time="$seconds" ${FUZZ_SEED:+-seed=$FUZZ_SEED} -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
        -print_final_stats=1 -artifact_prefix="$artifacts/" "$corpus" "$work/seeds/$t" \
        >"$work/$t.log" 2>&1
    status=$?
    grep -E '^stat::number_of_executed_units|^stat::new_units_added' "$work/$t.log" | tr '\n' ' '
    echo
    found=$(ls "$artifacts" 2>/dev/null)
    if [ $status -ne 0 ] || [ -n "$found" ]; then
        echo "fuzz: $t FAILED (exit $status); log: $work/$t.log"
        grep -E -A12 '^==[0-9]+==ERROR|runtime error|^fuzz: ' "$work/$t.log" | head -40
        mkdir -p "$src/tests/fuzz/regress/$t"
        for a in $found; do
            cp "$artifacts/$a" "$src/tests/fuzz/regress/$t/$a"
            echo "fuzz: saved tests/fuzz/regress/$t/$a"
        done
        fail=1
    fi
done
exit $fail
