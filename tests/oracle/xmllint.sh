#!/bin/sh
# xmllint as an independent oracle: planconv's XML for a sample must be
# well-formed, and hold as many records (or child records) as the sample.
# Usage: xmllint.sh PLANCONV SAMPLE.csv XPATH-OF-RECORDS
set -eu
planconv=$1
sample=$2
xpath=$3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$planconv" convert -t xml "$sample" -o "$work/out.xml"
xmllint --noout "$work/out.xml"
want=$("$planconv" validate "$sample" | sed -n 's/.*valid, \([0-9]*\) record.*/\1/p')
got=$(xmllint --xpath "count($xpath)" "$work/out.xml")
echo "$sample: $got records in the XML, $want in the CSV"
[ "$got" = "$want" ]
