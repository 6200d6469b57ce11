#!/bin/sh
# XML Schema oracle: xmllint checks planconv's XML output against
# `schema show --as xsd`, and rejects what planconv rejects.
# Usage: xsd.sh PLANCONV KIND accept INPUT.csv
#        xsd.sh PLANCONV KIND reject INPUT.xml
set -u
planconv=$1 kind=$2 mode=$3 input=$4
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$planconv" schema show "$kind" --as xsd >"$work/s.xsd" || exit 1
case $mode in
accept)
    "$planconv" convert -k "$kind" -t xml "$input" >"$work/d.xml" || exit 1
    xmllint --noout --schema "$work/s.xsd" "$work/d.xml" || exit 1 ;;
reject)
    "$planconv" validate -q -k "$kind" "$input" 2>/dev/null
    status=$?
    [ $status -eq 1 ] || { echo "$input: planconv validate exited $status, expected 1"; exit 1; }
    if xmllint --noout --schema "$work/s.xsd" "$input" 2>"$work/err"; then
        echo "$input: xmllint accepted what planconv rejects"
        exit 1
    fi
    head -3 "$work/err" ;;
*) echo "unknown mode $mode"; exit 1 ;;
esac
echo "$kind $mode $input: ok"
