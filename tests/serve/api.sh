#!/bin/bash
# planconv serve, checked over HTTP with curl on a free loopback port:
# valid and invalid files of every format (the API's report must say what
# the command line's says, a conversion must be byte for byte the command
# line's), 400/404/405/413/415/422/503, 60 requests at once, the hostile
# corpus, slow clients, and no temporary file left at any point.
# Usage: api.sh PLANCONV SOURCE_DIR
set -u
planconv=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
src=$(cd "$2" && pwd)
samples=$src/samples
here=$src/tests/serve
work=$(mktemp -d)
pids=""
cleanup() {
    for p in $pids; do kill "$p" 2>/dev/null; done
    rm -rf "$work"
}
trap cleanup EXIT
cd "$work" || exit 2
export LC_ALL=C.UTF-8 LANGUAGE=
failures=0 checks=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
ok() { checks=$((checks + 1)); }

# start NAME ARGS...: a server with its own TMPDIR; sets url_NAME, pid_NAME, tmp_NAME
start() {
    name=$1; shift
    mkdir -p "tmp-$name"
    TMPDIR=$work/tmp-$name "$planconv" serve --port 0 "$@" > "url-$name" 2> "err-$name" &
    p=$!
    pids="$pids $p"
    eval "pid_$name=$p tmp_$name=$work/tmp-$name"
    for _ in $(seq 100); do [ -s "url-$name" ] && break; sleep 0.05; done
    [ -s "url-$name" ] || { echo "server $name did not start: $(cat "err-$name")"; exit 1; }
    eval "url_$name=$(cat "url-$name")"
}

# post URL FILE [CURL ARGS...]: sets $code; body in ./body, headers in ./headers
post() {
    u=$1 f=$2; shift 2
    code=$(curl -s -o body -D headers -w '%{http_code}' --data-binary @"$f" "$@" "$u")
}
header() { grep -i "^$1:" headers | head -1 | cut -d' ' -f2- | tr -d '\r'; }
expect_code() { # CODE WHAT
    if [ "$code" = "$1" ]; then ok; else fail "$2: HTTP $code, expected $1: $(head -c 300 body)"; fi
}
# no file in the server's private folder (it exists while it runs)
no_temp_files() { # NAME WHEN
    eval "t=\$tmp_$1"
    left=$(find "$t" -mindepth 2 | head -5)
    if [ -z "$left" ]; then ok; else fail "temporary files left $2: $left"; fi
}

start a --jobs 2 --max-upload 32M
A=$url_a

# ---- the page and the description ----
code=$(curl -s -o body -D headers -w '%{http_code}' "$A")
expect_code 200 "GET /"
grep -q '<html lang="en">' body && ok || fail "GET / without Accept-Language is not English"
code=$(curl -s -o body -D headers -w '%{http_code}' -H 'Accept-Language: ja-JP,ja;q=0.9,en;q=0.8' "$A")
grep -q '<html lang="ja">' body && [ "$(header Content-Language)" = ja ] && ok ||
    fail "GET / with Accept-Language ja is not Japanese"
grep -Eiq '<(script|link|img|iframe)[^>]+(src|href)=' body && fail "the page loads something" || ok
grep -q 'url(' body && fail "the page's style loads something" || ok
code=$(curl -s -o body -w '%{http_code}' "${A}api/openapi.json")
expect_code 200 "GET /api/openapi.json"
python3 -c 'import json,sys; d=json.load(open("body")); assert d["openapi"].startswith("3."); assert "/api/validate" in d["paths"] and "/api/convert" in d["paths"]' &&
    ok || fail "openapi.json is not an OpenAPI description of both routes"

# ---- valid files of every format: the report and the conversion are the CLI's ----
cp "$samples/plan-items.csv" "$samples/roadmap.csv" "$samples/minutes.csv" \
   "$samples/plan-items.cp932.csv" "$samples/roadmap-wide.xlsx" .
cp "$src/tests/cases/text-minutes-seed-csv/minutes-4th-digital-society-council.txt" minutes.txt
"$planconv" convert -t tsv plan-items.csv -o plan-items.tsv
"$planconv" convert -t json roadmap.csv -o roadmap.json
"$planconv" convert -t jsonl minutes.csv -o minutes.jsonl
"$planconv" convert -t xml plan-items.csv -o plan-items.xml
gzip -c roadmap.csv > roadmap.csv.gz
# FILE QUERY (without name) CLI-OPTIONS
valid_cases="plan-items.csv||
roadmap.csv||
minutes.csv||
plan-items.cp932.csv||
roadmap-wide.xlsx||
plan-items.tsv||
roadmap.json||
minutes.jsonl||
plan-items.xml||
roadmap.csv.gz||
minutes.txt|&kind=minutes|-k minutes"
check_same() { # FILE QUERY CLI-OPTS EXPECTED-VALID
    f=$1 q=$2 o=$3 v=$4
    post "${A}api/validate?name=$f$q" "$f"
    expect_code 200 "validate $f"
    # shellcheck disable=SC2086
    "$planconv" validate --format json $o "$f" > cli.json 2>/dev/null
    python3 "$here/same_report.py" body cli.json "$v" > diff.txt && ok ||
        fail "validate $f: the API's report is not the CLI's: $(cat diff.txt)"
}
while IFS='|' read -r f q o; do
    check_same "$f" "$q" "$o" true
    # shellcheck disable=SC2086
    "$planconv" convert -t json $o "$f" -o cli.out 2>/dev/null
    post "${A}api/convert?name=$f&to=json$q" "$f"
    expect_code 200 "convert $f"
    cmp -s body cli.out && ok || fail "convert $f: the API's JSON is not the CLI's"
    [ "$(header Content-Type)" = "application/json; charset=utf-8" ] && ok ||
        fail "convert $f: Content-Type $(header Content-Type)"
done <<EOF
$valid_cases
EOF
# every output format, and CSV for Excel, byte for byte
for t in csv tsv json jsonl xml; do
    "$planconv" convert -t $t plan-items.cp932.csv -o "cli.$t"
    post "${A}api/convert?name=plan-items.cp932.csv&to=$t" plan-items.cp932.csv
    expect_code 200 "convert to $t"
    cmp -s body "cli.$t" && ok || fail "convert to $t: not the CLI's output"
done
"$planconv" convert -t csv --excel roadmap.csv -o cli-excel.csv
post "${A}api/convert?name=roadmap.csv&to=csv&excel=true" roadmap.csv
cmp -s body cli-excel.csv && ok || fail "convert to CSV for Excel: not the CLI's output"
# a Data Package: the CLI's JSON as data.json, described with its hash, size and rows
post "${A}api/convert?name=roadmap.csv&to=datapackage" roadmap.csv
expect_code 200 "convert to a Data Package"
"$planconv" convert -t json roadmap.csv -o cli-dp.json
python3 - cli-dp.json <<'PY' && ok || fail "the Data Package zip: $(head -c 300 body)"
import hashlib, json, sys, zipfile
z = zipfile.ZipFile("body")
assert sorted(z.namelist()) == ["data.json", "datapackage.json"], z.namelist()
data = z.read("data.json")
assert data == open(sys.argv[1], "rb").read(), "data.json is not the CLI's JSON"
dp = json.loads(z.read("datapackage.json"))
r = dp["resources"][0]
assert r["path"] == "data.json" and r["bytes"] == len(data), r
assert r["hash"] == "sha256:" + hashlib.sha256(data).hexdigest(), r
assert r["schema"]["fields"], "no schema"
PY
[ "$(header Content-Disposition)" = "attachment; filename=\"roadmap.zip\"; filename*=UTF-8''roadmap.zip" ] &&
    ok || fail "Data Package Content-Disposition: $(header Content-Disposition)"
printf 'id,title\n1,a\n1,\n' > dup.csv
post "${A}api/convert?name=dup.csv&kind=plan-items&to=datapackage" dup.csv
expect_code 422 "an invalid file to a Data Package"
# the download's name: ASCII form and the UTF-8 one
post "${A}api/convert?name=%E5%B7%A5%E7%A8%8B%E8%A1%A8.csv&to=xml" roadmap.csv
[ "$(header Content-Disposition)" = "attachment; filename=\"_________.xml\"; filename*=UTF-8''%E5%B7%A5%E7%A8%8B%E8%A1%A8.xml" ] &&
    ok || fail "Content-Disposition: $(header Content-Disposition)"
[ "$(header Content-Type)" = "application/xml; charset=utf-8" ] && ok || fail "XML Content-Type: $(header Content-Type)"
# multipart: the file, a small field and a user's schema
printf 'id,title\n1,a\n2,b\n' > small.csv
printf '{"fields":[{"name":"id","type":"integer"},{"name":"title","type":"string","constraints":{"maxLength":1}}]}' > schema.json
code=$(curl -s -o body -w '%{http_code}' -F file=@small.csv -F schema=@schema.json "${A}api/validate")
expect_code 200 "multipart validate with a schema"
"$planconv" validate --format json --schema schema.json small.csv > cli.json 2>/dev/null
python3 "$here/same_report.py" body cli.json true > diff.txt && ok || fail "multipart with schema: $(cat diff.txt)"
printf 'id,title\n1,ab\n' > long.csv
code=$(curl -s -o body -w '%{http_code}' -F file=@long.csv -F schema=@schema.json -F to=json "${A}api/convert")
expect_code 422 "multipart convert with a schema the file breaks"
no_temp_files a "after the valid files"

# ---- invalid files of every format: the same errors as the CLI ----
printf 'id,title\n1,a\n1,\n' > bad.csv
"$planconv" convert -k table -t tsv bad.csv -o bad.tsv
printf '[{"id":"1","title":"a"},{"id":"1","title":""}]\n' > bad.json
printf '{"id":"1","title":"a"}\n{"id":"1","title":""}\n' > bad.jsonl
"$planconv" convert -k table -t xml bad.csv -o table.xml
sed -e 's/records>/planItems>/g; s/record>/planItem>/g' table.xml > bad.xml
gzip -c bad.csv > bad.csv.gz
cp "$src/tests/cases/hostile-xlsx-doctype/evil.xlsx" bad.xlsx
# real minutes with an impossible date (令和5年2月30日) in their header
LC_ALL=C.UTF-8 sed '7s/6月6日/2月30日/' minutes.txt > bad.txt
for f in bad.csv bad.tsv bad.json bad.jsonl bad.xml bad.csv.gz; do
    check_same "$f" "&kind=plan-items" "-k plan-items" false
    post "${A}api/convert?name=$f&kind=plan-items&to=json" "$f"
    expect_code 422 "convert invalid $f"
    python3 -c 'import json; d=json.load(open("body")); assert d["valid"] is False and d["tasks"][0]["errors"]' &&
        ok || fail "convert invalid $f: no report with errors"
done
check_same bad.xlsx "" "" false
check_same bad.txt "&kind=minutes" "-k minutes" false
# Japanese messages by Accept-Language
printf 'id,title\n1,\202\240\n2,\202\n' > bad-cp932.csv
post "${A}api/validate?name=bad-cp932.csv&kind=plan-items&encoding=cp932" bad-cp932.csv -H 'Accept-Language: ja'
LC_ALL=ja_JP.UTF-8 "$planconv" validate --format json -k plan-items --encoding cp932 bad-cp932.csv > cli.json 2>/dev/null
python3 "$here/same_report.py" body cli.json false > diff.txt && ok || fail "Japanese report: $(cat diff.txt)"
grep -q 'CP932 として不正' body && ok || fail "Accept-Language ja: the message is not Japanese: $(cat body)"
# 2400 normalizations: the report lists the first 1000, as the command line's, and counts all
awk 'BEGIN { print "measure_id,measure,ministries,fiscal_year,period,milestone,status"
             for (i = 1; i <= 1200; i++) printf "R-%d,施策,デジタル庁,2025,令和7年度末,工程,予定\n", i }' > periods.csv
post "${A}api/validate?name=periods.csv" periods.csv
"$planconv" validate --format json periods.csv > cli.json 2>/dev/null
python3 "$here/same_report.py" body cli.json true > diff.txt && ok || fail "normalizations past the limit: $(cat diff.txt)"
python3 -c 'import json, sys; d = json.load(open("body")); sys.exit(0 if len(d["normalizations"]) == 1000 and d["stats"]["normalizations"] == 2400 else 1)' &&
    ok || fail "normalizations past the limit: not 1000 listed of 2400: $(head -c 300 body)"
no_temp_files a "after the invalid files"

# ---- requests refused by cause ----
# DNS rebinding: a page elsewhere naming this port by a name of its own
for h in evil.example 127.0.0.1.evil.example '[::2]'; do
    code=$(curl -s -o body -w '%{http_code}' -H "Host: $h" "$A")
    expect_code 400 "Host: $h"
done
for h in localhost localhost:8080 127.0.0.1 127.0.0.2:1 '[::1]:80'; do
    code=$(curl -s -o body -w '%{http_code}' -H "Host: $h" "$A")
    expect_code 200 "Host: $h"
done
code=$(curl -s -o body -w '%{http_code}' "${A}nothing")
expect_code 404 "an unknown address"
code=$(curl -s -o body -w '%{http_code}' "${A}api/validate")
expect_code 405 "GET /api/validate"
for q in "kind=budget" "to=json" "colour=red" "name=.." "strict=maybe" "encoding=latin9"; do
    post "${A}api/validate?$q" small.csv
    expect_code 400 "validate ?$q"
done
post "${A}api/validate?kind=budget" small.csv -H 'Accept-Language: ja'
grep -q '"message": "パラメーター kind の値は同梱の種類' body && ok || fail "a 400 in Japanese: $(cat body)"
post "${A}api/convert?name=small.csv" small.csv
expect_code 400 "convert without to"
post "${A}api/convert?name=small.csv&to=xlsx" small.csv
expect_code 400 "convert to a format planconv does not write"
python3 -c 'import json; e=json.load(open("body"))["error"]; assert e["status"] == 400 and e["message"]' &&
    ok || fail "a 400 is not a JSON error: $(cat body)"
head -c 33554433 /dev/zero > big.bin
post "${A}api/validate?name=big.csv" big.bin
expect_code 413 "one byte over --max-upload"
code=$(curl -s -o body -w '%{http_code}' -F file=@big.bin "${A}api/validate")
expect_code 413 "multipart over --max-upload"
code=$(curl -s -o body -w '%{http_code}' -H 'Content-Type: multipart/form-data' --data-binary @small.csv "${A}api/validate")
expect_code 415 "multipart without a boundary"
code=$(curl -s -o body -w '%{http_code}' -H 'Content-Type: multipart/mixed; boundary=x' --data-binary @small.csv "${A}api/validate")
expect_code 415 "multipart/mixed"
printf '\211PNG\r\n\032\n\0\0\0\rIHDR' > image.png
post "${A}api/validate?name=image.png" image.png
expect_code 415 "a PNG"
code=$(curl -s -o body -w '%{http_code}' -F other=@small.csv "${A}api/validate")
expect_code 400 "a form without a file field"
no_temp_files a "after the refused requests"

# ---- 60 requests at once, all answered right ----
"$planconv" convert -t jsonl roadmap.csv -o want.jsonl
seq 60 | xargs -P 60 -I{} sh -c '
    if [ $(({} % 3)) = 0 ]; then f=bad.csv; q="kind=plan-items&"; else f=roadmap.csv; q=""; fi
    curl -s -o out.{} -w "%{http_code}" --data-binary @$f "$0api/convert?${q}name=$f&to=jsonl" > code.{}' "$A"
for i in $(seq 60); do
    if [ $((i % 3)) = 0 ]; then
        [ "$(cat code.$i)" = 422 ] && grep -q '"valid": false' out.$i && ok || fail "concurrent invalid $i: $(cat code.$i)"
    else
        [ "$(cat code.$i)" = 200 ] && cmp -s out.$i want.jsonl && ok || fail "concurrent valid $i: $(cat code.$i)"
    fi
done
no_temp_files a "after 60 requests at once"

# ---- the hostile corpus: refused as on the command line, never 500 ----
cases=$src/tests/cases
i=0; while [ $i -lt 12 ]; do head -c 8388608 /dev/zero | tr '\0' ' '; echo '{"a":1}'; i=$((i + 1)); done | gzip -9 > m.gz
for i in 1 2 3 4 5 6 7 8 9 10 11 12; do cat m.gz; done > bomb.jsonl.gz
head -c 2000 roadmap.csv.gz > truncated.csv.gz
cp "$cases/hostile-xlsx-doctype/evil.xlsx" doctype.xlsx
cp "$cases/hostile-xlsx-path-traversal/evil.xlsx" traversal.xlsx
(cd "$cases/hostile-xlsx-zip-bomb" && python3 make_bomb.py >/dev/null && mv bomb.xlsx "$work/zipbomb.xlsx")
cp "$cases/xml-xxe-refused/xxe.xml" "$cases/xml-billion-laughs/lol.xml" .
awk 'BEGIN { printf "["; for (i = 0; i < 100000; i++) printf "{\"a\":"; printf "1"; for (i = 0; i < 100000; i++) printf "}"; print "]" }' > deep.json
awk 'BEGIN { printf "<r><x>"; for (i = 0; i < 100000; i++) printf "<a>"; for (i = 0; i < 100000; i++) printf "</a>"; print "</x></r>" }' > deep.xml
{ printf '<?xml version="1.0"?>\n<!DOCTYPE r [<!ENTITY a "%s">]>\n<roadmap><milestone><measure_id>' "$(head -c 100000 /dev/zero | tr '\0' a)"
  i=0; while [ $i -lt 1000 ]; do printf '&a;%.0s' $(seq 100); i=$((i + 1)); done
  printf '</measure_id></milestone></roadmap>\n'; } > quadratic.xml
printf 'id,title\n1,a\0b\n' > nul.csv
printf '\357\273\277' > bom.csv
: > empty.csv
printf 'id,title\n1,計画\n' | iconv -f utf-8 -t utf-16le > utf16.csv
{ echo id,title; printf '1,'; head -c 17000000 /dev/zero | tr '\0' x; echo; } > hugefield.csv
printf 'id,title\n1,=cmd|calc\n' > formula.csv
# FILE|QUERY|CLI OPTIONS
hostile="bomb.jsonl.gz|&kind=table|-k table
truncated.csv.gz||
doctype.xlsx||
traversal.xlsx||
zipbomb.xlsx|&kind=table|-k table
xxe.xml||
lol.xml||
deep.json|&kind=table|-k table
deep.xml|&kind=table|-k table
quadratic.xml||
nul.csv|&kind=plan-items|-k plan-items
bad-cp932.csv|&kind=plan-items&encoding=cp932|-k plan-items --encoding cp932
bom.csv|&kind=plan-items|-k plan-items
bom.csv||
empty.csv||
utf16.csv||
hugefield.csv|&kind=plan-items|-k plan-items
formula.csv|&kind=table|-k table"
echo "$hostile" | while IFS='|' read -r f q o; do
    # shellcheck disable=SC2086
    timeout 60 "$planconv" validate --format json $o "$f" > cli.json 2>/dev/null
    s=$?
    post "${A}api/validate?name=$f$q" "$f" --max-time 60
    case $s in
    0 | 1) want=200 ;;
    *) want=4xx ;;
    esac
    if [ "$want" = 4xx ]; then
        case $code in 400 | 413 | 415 | 422) ;; *) echo "FAIL: hostile $f: HTTP $code, the CLI exits $s" ;; esac
    else
        [ "$code" = 200 ] || echo "FAIL: hostile $f: HTTP $code, the CLI exits $s"
    fi
    python3 "$here/same_report.py" body cli.json > diff.txt || echo "FAIL: hostile $f: not the CLI's report: $(cat diff.txt)"
    # the conversion: nothing partial
    post "${A}api/convert?name=$f&to=jsonl$q" "$f" --max-time 60
    case $s in
    0) [ "$code" = 200 ] || echo "FAIL: hostile convert $f: HTTP $code" ;;
    1) [ "$code" = 422 ] || echo "FAIL: hostile convert $f: HTTP $code, expected 422" ;;
    *) case $code in 400 | 413 | 415 | 422) ;; *) echo "FAIL: hostile convert $f: HTTP $code" ;; esac ;;
    esac
done > hostile.txt
if [ -s hostile.txt ]; then cat hostile.txt; failures=$((failures + $(wc -l < hostile.txt))); else ok; fi
code=$(curl -s -o /dev/null -w '%{http_code}' "$A")
expect_code 200 "the server still answers after the hostile corpus"
no_temp_files a "after the hostile corpus"

# ---- bounded: a full queue gets 503, a slow client is cut off ----
# each upload is 1 MB of gzip that takes a worker about a second to read
awk 'BEGIN { print "id,title"; for (i = 0; i < 3000000; i++) printf "P-%d,t\n", i }' | gzip -9 > slow.csv.gz
start b --jobs 1 --queue 1
B=$url_b
seq 12 | xargs -P 12 -I{} sh -c 'curl -s -o /dev/null -w "%{http_code}" --data-binary @slow.csv.gz "$0api/validate?name=slow.csv.gz&kind=table" > busy.{}' "$B"
n200=0 n503=0
for i in $(seq 12); do
    case $(cat busy.$i) in 200) n200=$((n200 + 1)) ;; 503) n503=$((n503 + 1)) ;; esac
done
[ $((n200 + n503)) = 12 ] && [ "$n503" -ge 1 ] && [ "$n200" -ge 2 ] && ok ||
    fail "a full queue: $n200 answered, $n503 refused with 503 of 12 ($(cat busy.* | tr '\n' ' '))"
# one worker: an upload is read on a thread of its own (--threads' default),
# which speaks the request's language, as a reader's error shows
awk 'BEGIN { print "id,title"; for (i = 0; i < 100000; i++) printf "P-%d,t\n", i; print "P-x,a\"b" }' > quote.csv
post "${B}api/validate?name=quote.csv&kind=table" quote.csv -H 'Accept-Language: ja'
expect_code 200 "a reader's error in Japanese"
grep -q '二重引用符の位置が不正です' body && ok || fail "a reader's error on one worker is not in Japanese: $(head -c 300 body)"
# a client that sends half a request and waits is disconnected after --timeout
start c --timeout 3
C=$url_c
port=${C##*:}; port=${port%/}
started=$(date +%s)
exec 3<>"/dev/tcp/127.0.0.1/$port"
printf 'POST /api/validate HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 100\r\n\r\nid,ti' >&3
# and one that trickles a byte a second, which the whole-upload limit ends
( exec 4<>"/dev/tcp/127.0.0.1/$port"
  printf 'POST /api/validate HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 100\r\n\r\n' >&4
  for i in $(seq 20); do printf x >&4 || exit 0; sleep 1; done ) 2>/dev/null &
trickler=$!
code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$C")
expect_code 200 "the server answers while slow clients hold connections"
timeout 10 cat <&3 > /dev/null
exec 3<&-
took=$(($(date +%s) - started))
[ "$took" -ge 2 ] && [ "$took" -le 8 ] && ok || fail "a stalled upload was held ${took}s (timeout 3s)"
wait $trickler
took=$(($(date +%s) - started))
[ "$took" -le 10 ] && ok || fail "a trickling upload was held ${took}s (timeout 3s)"
no_temp_files b "after a full queue"
no_temp_files c "after a slow client"

# ---- stopping: exit 0, the private folder gone, nothing left ----
for n in a b c; do
    eval "p=\$pid_$n t=\$tmp_$n"
    kill -TERM "$p"
    wait "$p"
    s=$?
    [ "$s" = 0 ] && ok || fail "server $n exited $s on SIGTERM: $(cat "err-$n")"
    [ -z "$(ls -A "$t")" ] && ok || fail "server $n left $(ls -A "$t")"
done
pids=""
echo "$checks passed, $failures failed"
[ "$failures" = 0 ]
