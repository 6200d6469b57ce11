#!/bin/sh
# Runs one Frictionless conformance case: tests/conformance/NAME/ holds
#   SOURCE             the frictionless-py test the case comes from
#   data.*             the input (the first data.* file)
#   schema.json        the Table Schema (none: -k table)
#   dialect.json       a Table Dialect (optional)
#   args               more arguments for `planconv validate` (optional, one line)
#   expected           one line per error: `rowNumber fieldNumber type`, `-` for
#                      none, in frictionless-py's order; empty: valid
#   expected.planconv  planconv's deliberate answer where it differs from
#                      frictionless-py; DIFFERS then says why, citing the spec
#   PENDING            not supported yet: the reason (the case is skipped, exit 77)
# Usage: run.sh PLANCONV CASE_DIR
set -u
bin=$1
dir=$(cd "$2" && pwd)
name=$(basename "$dir")
if [ -f "$dir/PENDING" ]; then
    echo "$name: pending: $(cat "$dir/PENDING")"
    exit 77
fi
want=$dir/expected
if [ -f "$dir/expected.planconv" ]; then
    [ -s "$dir/DIFFERS" ] || { echo "$name: expected.planconv without a DIFFERS reason"; exit 1; }
    want=$dir/expected.planconv
fi
data=$(ls "$dir"/data.* 2>/dev/null | head -n 1)
# a package case: the descriptor is the input, its resources name their files
[ -z "$data" ] && [ -f "$dir/datapackage.json" ] && data=datapackage.json
[ -n "$data" ] || { echo "$name: no data.* file"; exit 1; }
set -- validate --format json
if [ "$data" = datapackage.json ]; then :
elif [ -f "$dir/schema.json" ]; then set -- "$@" --schema "$dir/schema.json"; else set -- "$@" -k table; fi
[ -f "$dir/dialect.json" ] && set -- "$@" --dialect "$dir/dialect.json"
# shellcheck disable=SC2046
[ -f "$dir/args" ] && set -- "$@" $(cat "$dir/args")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$dir" && LANG=C.UTF-8 "$bin" "$@" "$data") >"$work/report.json" 2>"$work/stderr"
status=$?
expect_status=0
[ -s "$want" ] && expect_status=1
# a refused descriptor (field-error, schema-error only) is a usage error:
# exit status 2, and the report still lists the error
if [ -s "$want" ] && ! grep -qv -e '^- - field-error$' -e '^- - schema-error$' "$want"; then
    expect_status=2
fi
if [ $status -ge 2 ] && [ $expect_status -ne 2 ]; then
    echo "$name: exit status $status"
    cat "$work/stderr"
    exit 1
fi
here=$(cd "$(dirname "$0")" && pwd)
node "$here/../oracle/validate_report.js" "$here/../../docs/report.schema.json" "$work/report.json" ||
    { echo "$name: the report does not match docs/report.schema.json"; exit 1; }
node "$here/flatten.js" "$work/report.json" >"$work/got" || exit 1
if ! cmp -s "$want" "$work/got"; then
    echo "$name: errors differ from $(basename "$want") (rowNumber fieldNumber type)"
    echo "SOURCE: $(cat "$dir/SOURCE" 2>/dev/null)"
    diff "$want" "$work/got"
    exit 1
fi
if [ $status -ne $expect_status ]; then
    echo "$name: exit status $status, expected $expect_status"
    exit 1
fi
