#!/usr/bin/env bash
# make bench: planconv side by side with Miller, xmllint and the C ceiling.
#
# Builds a release planconv (-O2) in build-release/, generates data with
# bench/gen.c into build/bench/ (never into git), runs each task several
# times (hyperfine if installed, else its own loop), measures peak RSS and
# prints one table, also written to build/bench.md. See docs/performance.md.
#
# Knobs (environment):
#   BENCH_ROWS_SMALL  plan-item rows of the small file     (100000)
#   BENCH_ROWS        plan-item rows of the large file     (1000000, ~320 MB)
#   BENCH_ROADMAP_MB  sizes in MB of the two roadmap files (100 and 1024)
#                     for the constant-memory check: "100 1024"
#   BENCH_RUNS        runs per planconv/ceiling measurement (3)
#   BENCH_PEER_RUNS   runs per Miller measurement           (2)
#   BENCH_QUICK=1     a smoke run: 20k/100k rows, 10/40 MB roadmaps, 1 run
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
build=${BENCH_BUILD:-$root/build-release}
data=$root/build/bench
report=$root/build/bench.md
small_rows=${BENCH_ROWS_SMALL:-100000}
rows=${BENCH_ROWS:-1000000}
roadmap_mb=${BENCH_ROADMAP_MB:-100 1024}
runs=${BENCH_RUNS:-3}
peer_runs=${BENCH_PEER_RUNS:-2}
if [ "${BENCH_QUICK:-0}" = 1 ]; then
    small_rows=20000 rows=100000 roadmap_mb="10 40" runs=1 peer_runs=1
fi
started=$(date +%s)
mkdir -p "$data"

say() { printf 'bench: %s\n' "$*" >&2; }

# ---- tools ------------------------------------------------------------------
# Miller and hyperfine are the bench's own needs: installed here, not by
# `make deps`, so a plain build never pulls them in.
missing=""
command -v mlr >/dev/null || missing="$missing miller"
command -v hyperfine >/dev/null || missing="$missing hyperfine"
command -v xmllint >/dev/null || missing="$missing libxml2-utils"
[ -x /usr/bin/time ] || missing="$missing time"
if [ -n "$missing" ] && command -v apt-get >/dev/null; then
    SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO=sudo
    say "installing$missing"
    { $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq \
        $missing; } >/dev/null 2>&1 || say "could not install$missing; those columns stay empty"
fi
have() { command -v "$1" >/dev/null 2>&1; }

say "building release (-O2) in ${build#$root/}"
cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Release "-DCMAKE_C_FLAGS_RELEASE=-O2 -DNDEBUG" \
    >/dev/null
jobs=$(nproc 2>/dev/null || echo 2)
cmake --build "$build" -j "$jobs" --target planconv bench_gen bench_ceiling >/dev/null
planconv=$build/planconv
gen=$build/bench_gen
ceiling=$build/bench_ceiling

# Peak RSS of one run, in KiB: GNU time, else the wait4 helper of the tests.
if [ -x /usr/bin/time ]; then
    peak() { /usr/bin/time -f '%M' -o "$data/.rss" "$@" >/dev/null 2>"$data/.err" ||
             { cat "$data/.err" >&2; return 1; }; cat "$data/.rss"; }
else
    cc -O2 -o "$data/peakrss" "$root/tests/tools/peakrss.c"
    peak() { "$data/peakrss" "$@" 2>"$data/.err" || { cat "$data/.err" >&2; return 1; }; }
fi

# ---- data -------------------------------------------------------------------
# Regenerated only when the generator changed; all deterministic.
fresh() { [ -s "$1" ] && [ "$1" -nt "$gen" ] && [ "$1" -nt "$planconv" ]; }
make_data() { # FILE COMMAND...: FILE from the command's stdout
    local f=$1; shift
    if ! fresh "$f"; then "$@" >"$f.tmp" && mv "$f.tmp" "$f"; fi
}
say "generating data in ${data#$root/}"
P_SMALL=$data/plan-items-$small_rows.csv
P=$data/plan-items-$rows.csv
make_data "$P_SMALL" "$gen" plan-items "$small_rows"
make_data "$P" "$gen" plan-items "$rows"
PA=$data/plan-items-as-written-$rows.csv
make_data "$PA" "$gen" plan-items-as-written "$rows"
make_data "$P.jsonl" "$planconv" convert -t jsonl "$P"
make_data "$P.json" "$planconv" convert -t json "$P"
make_data "$P.xml" "$planconv" convert -t xml "$P"
make_data "$data/plan-items-$rows.cp932.csv" iconv -f UTF-8 -t CP932 "$P"
make_data "$P.gz" gzip -6 -c "$P"
# roadmap rows are ~191 bytes
read -r rm_small rm_big <<<"$roadmap_mb"
R=$data/roadmap-${rm_small}MB.csv
R_BIG=$data/roadmap-${rm_big}MB.csv
make_data "$R" "$gen" roadmap $((rm_small * 1000000 / 191))
make_data "$R_BIG" "$gen" roadmap $((rm_big * 1000000 / 191))
# a header of 100,000 distinct columns and one row, and its schema
WIDE=$data/wide-100000.csv
if [ ! -s "$WIDE" ]; then
    awk 'BEGIN { for (i = 0; i < 100000; i++) printf "%sc%d", i ? "," : "", i; print ""
                 for (i = 0; i < 100000; i++) printf "%s%d", i ? "," : "", i; print "" }' >"$WIDE"
    awk 'BEGIN { printf "{\"fields\": ["
                 for (i = 0; i < 100000; i++) printf "%s{\"name\": \"c%d\", \"type\": \"integer\"}", i ? ", " : "", i
                 print "]}" }' >"$WIDE.schema.json"
fi

size() { stat -c %s "$1"; }

# ---- measuring --------------------------------------------------------------
# measure TASK TOOL INPUT_BYTES RUNS COMMAND: appends one row to $rows_tsv.
rows_tsv=$data/results.tsv
: >"$rows_tsv"
measure() {
    local task=$1 tool=$2 bytes=$3 n=$4 cmd=$5
    say "$task: $tool"
    local rss; rss=$(peak sh -c "$cmd") || { say "FAILED: $cmd"; return 0; } # doubles as warm-up
    local min med
    if have hyperfine; then
        hyperfine -S sh --runs "$n" --export-csv "$data/.hf.csv" --style none "$cmd" \
            >/dev/null 2>&1 || { say "FAILED: $cmd"; return 0; }
        IFS=, read -r min med < <(awk -F, 'NR == 2 { print $7 "," $4 }' "$data/.hf.csv")
    else
        local times=() i t0 t1
        for ((i = 0; i < n; i++)); do
            t0=$(date +%s.%N); sh -c "$cmd"; t1=$(date +%s.%N)
            times+=("$(awk -v a="$t1" -v b="$t0" 'BEGIN { print a - b }')")
        done
        IFS=, read -r min med < <(printf '%s\n' "${times[@]}" | sort -g |
            awk '{ t[NR] = $1 } END { m = NR % 2 ? t[(NR + 1) / 2] : (t[NR / 2] + t[NR / 2 + 1]) / 2;
                                      print t[1] "," m }')
    fi
    printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$task" "$tool" "$min" "$med" "$bytes" "$rss" >>"$rows_tsv"
}

out=/dev/null
PC=$planconv
pbytes=$(size "$P")
sbytes=$(size "$P_SMALL")

T="CSV->JSONL plan-items ${small_rows} rows"
measure "$T" "planconv convert" "$sbytes" $((runs + 2)) "$PC convert -t jsonl $P_SMALL >$out"
measure "$T" "ceiling: libcsv + direct JSONL" "$sbytes" $((runs + 2)) "$ceiling jsonl $P_SMALL >$out"
have mlr && measure "$T" "Miller" "$sbytes" "$peer_runs" "mlr --icsv --ojsonl cat $P_SMALL >$out"

T_BIG="CSV->JSONL plan-items ${rows} rows"; T=$T_BIG
measure "$T" "planconv convert" "$pbytes" "$runs" "$PC convert -t jsonl $P >$out"
measure "$T" "ceiling: libcsv parse only" "$pbytes" "$runs" "$ceiling parse $P"
measure "$T" "ceiling: libcsv + direct JSONL" "$pbytes" "$runs" "$ceiling jsonl $P >$out"
have mlr && measure "$T" "Miller" "$pbytes" "$peer_runs" "mlr --icsv --ojsonl cat $P >$out"

T_AW="CSV->JSONL plan-items as written ${rows} rows"; T=$T_AW
abytes=$(size "$PA")
measure "$T" "planconv convert" "$abytes" "$runs" "$PC convert -q -t jsonl $PA >$out"
measure "$T" "ceiling: libcsv + direct JSONL" "$abytes" "$runs" "$ceiling jsonl $PA >$out"
have mlr && measure "$T" "Miller" "$abytes" "$peer_runs" "mlr --icsv --ojsonl cat $PA >$out"

T_VAL="validate-only plan-items ${rows} rows"; T=$T_VAL
measure "$T" "planconv validate" "$pbytes" "$runs" "$PC validate $P >$out"

T="CSV->JSONL roadmap ${rm_small} MB"
rbytes=$(size "$R")
measure "$T" "planconv convert" "$rbytes" "$runs" "$PC convert -t jsonl $R >$out"
measure "$T" "ceiling: libcsv + direct JSONL" "$rbytes" "$runs" "$ceiling jsonl $R >$out"
have mlr && measure "$T" "Miller" "$rbytes" "$peer_runs" "mlr --icsv --ojsonl cat $R >$out"

# planconv reading FILE back to CSV, as row T; sets T and b (FILE's size)
# for the peers measured after it.
to_csv() {
    T=$1
    b=$(size "$2")
    measure "$T" "planconv convert" "$b" "$runs" "$PC convert -t csv $2 >$out"
}
T_JL="JSONL->CSV plan-items ${rows} rows"; to_csv "$T_JL" "$P.jsonl"
have mlr && measure "$T" "Miller" "$b" "$peer_runs" "mlr --ijsonl --ocsv cat $P.jsonl >$out"
T_JS="JSON->CSV plan-items ${rows} rows"; to_csv "$T_JS" "$P.json"
T_XML="XML->CSV plan-items ${rows} rows"; to_csv "$T_XML" "$P.xml"
have xmllint && measure "$T" "xmllint --stream --noout" "$b" "$runs" "xmllint --stream --noout $P.xml"

T_CP="CP932 CSV->JSONL plan-items ${rows} rows"; T=$T_CP
b=$(size "$data/plan-items-$rows.cp932.csv")
measure "$T" "planconv convert" "$b" "$runs" \
    "$PC convert -t jsonl $data/plan-items-$rows.cp932.csv >$out"

T_GZ=".csv.gz->.jsonl.gz plan-items ${rows} rows (MB/s of the uncompressed CSV)"; T=$T_GZ
measure "$T" "planconv convert" "$pbytes" "$peer_runs" \
    "$PC convert $P.gz -o $data/out.jsonl.gz"
measure "$T" "planconv convert --gzip-level 1" "$pbytes" "$peer_runs" \
    "$PC convert --gzip-level 1 $P.gz -o $data/out.jsonl.gz"
have mlr && measure "$T" "Miller (--gzin, gzip -6 pipe)" "$pbytes" "$peer_runs" \
    "mlr --gzin --icsv --ojsonl cat $P.gz | gzip -6 >$data/out-mlr.jsonl.gz"
rm -f "$data/out.jsonl.gz" "$data/out-mlr.jsonl.gz"

T_W="100,000-column header, 1 row"; T=$T_W
wbytes=$(size "$WIDE")
measure "$T" "planconv convert -k table" "$wbytes" "$runs" "$PC convert -k table -t jsonl $WIDE >$out"
measure "$T" "planconv convert --schema (100,000 fields)" "$wbytes" "$runs" \
    "$PC convert --schema $WIDE.schema.json -t jsonl $WIDE >$out"
measure "$T" "planconv infer" "$wbytes" "$runs" "$PC infer $WIDE >$out"

# ---- memory -----------------------------------------------------------------
say "memory: roadmap ${rm_small} MB and ${rm_big} MB, plan-items key sets"
rss_r_small=$(peak "$PC" convert -t jsonl "$R")
rss_r_big=$(peak "$PC" convert -t jsonl "$R_BIG")
rss_p_small=$(peak "$PC" validate "$P_SMALL")
rss_p_big=$(peak "$PC" validate "$P")

# ---- the table --------------------------------------------------------------
{
    echo "# planconv benchmark"
    echo
    echo "$(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, $(uname -m); $("$PC" --version) built -O2" \
         "(Release); $(have mlr && mlr --version || echo 'Miller missing');" \
         "$(have hyperfine && hyperfine --version || echo 'own timing loop')."
    echo "Runs: $runs per planconv/ceiling/xmllint measurement ($((runs + 2)) on the small file)," \
         "$peer_runs per Miller and gzip measurement. Seconds are wall time, min / median;" \
         "MB/s = input bytes / median (10^6 bytes); x Miller = Miller's median / this tool's" \
         "median on the same task (higher is faster); peak RSS of one run (max over the processes" \
         "of a pipeline)."
    echo
    echo "| task | tool | seconds (min / median) | MB/s | x Miller | peak RSS |"
    echo "|---|---|---|---|---|---|"
    awk -F'\t' '
        { task[NR] = $1; tool[NR] = $2; min[NR] = $3; med[NR] = $4; bytes[NR] = $5; rss[NR] = $6
          if ($2 ~ /^Miller/) miller[$1] = $4 }
        END { for (i = 1; i <= NR; i++) {
                r = (task[i] in miller) ? sprintf("%.2f", miller[task[i]] / med[i]) : "-"
                printf "| %s | %s | %.3f / %.3f | %.0f | %s | %.1f MB |\n", task[i], tool[i], min[i],
                       med[i], bytes[i] / med[i] / 1e6, r, rss[i] / 1024 } }' "$rows_tsv"
    echo
    echo "## Targets (issues 11 and 21), on this run"
    echo
    echo "| target | required | measured | met |"
    echo "|---|---|---|---|"
    awk -F'\t' -v big="$T_BIG" -v aw="$T_AW" -v val="$T_VAL" -v jl="$T_JL" -v js="$T_JS" -v xm="$T_XML" \
        -v cp="$T_CP" -v gz="$T_GZ" -v wide="$T_W" -v rs="$rss_r_small" -v rb="$rss_r_big" -v ps="$rss_p_small" \
        -v pb="$rss_p_big" -v rows="$rows" -v srows="$small_rows" -v rms="$rm_small" -v rmb="$rm_big" '
        { med[$1, $2] = $4; mbs[$1, $2] = $5 / $4 / 1e6 }
        function row(name, req, got, ok) { printf "| %s | %s | %s | %s |\n", name, req, got, ok ? "yes" : "**no**" }
        # a/b, both times (b faster when > 1) or both speeds
        function ratio(name, req, a, b, need, unit) {
            if (!a || !b) { printf "| %s | %s | not measured | - |\n", name, req; return }
            row(name, req, sprintf("%.2fx (%.*f vs %.*f %s)", a / b, unit == "s" ? 2 : 0, a,
                                   unit == "s" ? 2 : 0, b, unit), a / b >= need) }
        function under(name, req, t, limit) {
            if (!t) { printf "| %s | %s | not measured | - |\n", name, req; return }
            row(name, req, sprintf("%.2f s", t), t <= limit) }
        END {
            pc = med[big, "planconv convert"]; pa = med[aw, "planconv convert"]
            ratio("(21) CSV->JSONL as written: Miller time / planconv time", ">= 2.5x", med[aw, "Miller"], pa, 2.5, "s")
            ratio("(21) CSV->JSONL as written: ceiling time / planconv time", ">= 0.5x", med[aw, "ceiling: libcsv + direct JSONL"], pa, 0.5, "s")
            ratio("(21) CSV->JSONL pre-normalized: ceiling time / planconv time", ">= 0.6x", med[big, "ceiling: libcsv + direct JSONL"], pc, 0.6, "s")
            ratio("(11) CSV->JSONL pre-normalized: Miller time / planconv time", ">= 2.5x", med[big, "Miller"], pc, 2.5, "s")
            ratio("(11, 21) JSONL->CSV: Miller time / planconv time", ">= 6x", med[jl, "Miller"], med[jl, "planconv convert"], 6, "s")
            ratio("(11) JSON->CSV speed / xmllint --stream speed", ">= 0.5x", mbs[js, "planconv convert"], mbs[xm, "xmllint --stream --noout"], 0.5, "MB/s")
            ratio("(11, 21) XML->CSV speed / xmllint --stream speed", ">= 0.5x", mbs[xm, "planconv convert"], mbs[xm, "xmllint --stream --noout"], 0.5, "MB/s")
            ratio("(11) validate speed / convert speed, same file", ">= 1.5x", pc, med[val, "planconv validate"], 1.5, "s")
            # the same records in both encodings: time against time (per input byte, CP932
            # has 0.73x the bytes, so even a free decoder would stay under 0.8x)
            ratio("(21) CP932 vs UTF-8, CSV->JSONL, same records: UTF-8 time / CP932 time", ">= 0.8x", pc, med[cp, "planconv convert"], 0.8, "s")
            ratio("(11) CP932 speed / UTF-8 speed per input byte, CSV->JSONL", ">= 0.6x", mbs[cp, "planconv convert"], mbs[big, "planconv convert"], 0.6, "MB/s")
            under("(21) 100,000-column header: convert -k table", "<= 0.5 s", med[wide, "planconv convert -k table"], 0.5)
            under("(21) 100,000-column header: convert --schema of 100,000 fields", "<= 0.5 s", med[wide, "planconv convert --schema (100,000 fields)"], 0.5)
            under("(21) 100,000-column header: infer", "<= 1 s", med[wide, "planconv infer"], 1.0)
            g = mbs[gz, "planconv convert"]; g1 = mbs[gz, "planconv convert --gzip-level 1"]
            printf "| .csv.gz -> .jsonl.gz (zlib level 6, the default; --gzip-level 1) | report | %.0f MB/s of CSV (level 1: %.0f) | - |\n", g, g1
            row("(11, 21) peak RSS, roadmap " rms " MB vs " rmb " MB (convert to JSONL)", "<= 16 MB, equal +- 2 MB",
                sprintf("%.1f MB vs %.1f MB", rs / 1024, rb / 1024),
                rb - rs <= 2048 && rs - rb <= 2048 && rb <= 16384 && rs <= 16384)
            per = (pb - ps) * 1024 / (rows - srows)
            row("(11, 21) plan-items unique/foreign-key sets, bytes per distinct id", "<= 64",
                sprintf("%.0f (validate: peak RSS %.1f MB at %d rows, %.1f MB at %d)", per, ps / 1024, srows, pb / 1024, rows),
                per <= 64)
        }' "$rows_tsv"
    echo
    echo "Total bench time: $(( $(date +%s) - started )) s."
} >"$report"
cat "$report"
say "table written to ${report#$root/}"
