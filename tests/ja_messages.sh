#!/bin/sh
# Every golden case's command run again under LANG=ja_JP.UTF-8: no line of
# standard error may hold an English sentence. A sentence is three or more
# English words in a row once what may stay English is taken out: quoted
# values ("...", 「...」, '...'), file names and paths, options (--fix),
# field, type and rule names (words with _ - . / : or digits).
# Cases listed in `pending` are known to hold English still, each with the
# reason; they are reported, and fail once they are Japanese (so the list
# only shrinks).
# Usage: ja_messages.sh PLANCONV CASES_DIR
set -u
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
cases=$(cd "$2" && pwd)
SAMPLES=$(cd "$cases/../../samples" && pwd)
export SAMPLES
locale -a 2>/dev/null | grep -qi '^ja_JP.utf-\?8$' || { echo "the ja_JP.UTF-8 locale is missing"; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir "$work/.bin"
ln -s "$bin" "$work/.bin/planconv"
# name:why
pending="user-schema-length-in-characters:the length detail of validate/types.c, under rework (issue 15)"
is_pending() { echo "$pending" | grep -q "^$1:"; }
fail=0
for dir in "$cases"/*/; do
    name=$(basename "$dir")
    run="$work/run"
    rm -rf "$run"
    mkdir "$run"
    cp -R "$dir". "$run"/
    (cd "$run" && unset LC_ALL LC_MESSAGES LANGUAGE && LANG=ja_JP.UTF-8 \
        PATH="$work/.bin:$PATH" timeout 120 sh -c "$(cat cmd)" >/dev/null 2>.err)
    english=$(sed -e 's/"[^"]*"//g' -e 's/「[^」]*」//g' -e "s/'[^']*'//g" "$run/.err" |
        tr ' ' '\n' | sed -e 's/^[(（]*//' -e 's/[),;:.）、。]*$//' |
        awk '
            /^[A-Za-z]+$/ && !/^(CSV|TSV|JSON|JSONL|XML|XSD|UTF|BOM|ID|KPI|FY|URL|OK)$/ { run++; words = words " " $0; if (run >= 3) { print words; run = 0; words = "" } next }
            { run = 0; words = "" }')
    if is_pending "$name"; then
        if [ -n "$english" ]; then
            echo "$name: pending: $(echo "$pending" | grep "^$name:" | cut -d: -f2-)"
        else
            echo "$name: is Japanese now: take it off the pending list"
            fail=1
        fi
    elif [ -n "$english" ]; then
        echo "$name: English under LANG=ja_JP.UTF-8:$(echo "$english" | head -3 | tr '\n' '|')"
        grep -m3 -n '[A-Za-z][a-z]* [a-z][a-z]* [a-z][a-z]*' "$run/.err" | sed 's/^/    /'
        fail=1
    fi
done
[ $fail -eq 0 ] && echo "ok: every message of the golden cases is Japanese under ja_JP.UTF-8"
exit $fail
