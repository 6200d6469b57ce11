#!/bin/sh
# The man page's OPTIONS section and the bash completion are generated from
# the option table (cli/options.c); this fails when the committed files
# differ from what the table gives. With "update" as the third argument it
# rewrites them instead.
# usage: cli_docs.sh PLANCONV SOURCE_DIR [update]
set -eu
planconv=$1 src=$2
man=$src/docs/planconv.1 completion=$src/completion/planconv.bash
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$planconv" help --man-options > "$tmp/options"
# the man page with its OPTIONS section (up to the next .SH) replaced
awk -v options="$tmp/options" '
    /^\.SH OPTIONS/ { while ((getline line < options) > 0) print line; skip = 1; next }
    skip && /^\.SH / { skip = 0 }
    !skip { print }' "$man" > "$tmp/planconv.1"
"$planconv" help --completion > "$tmp/planconv.bash"
if [ "${3:-}" = update ]; then
    cp "$tmp/planconv.1" "$man"
    cp "$tmp/planconv.bash" "$completion"
    exit 0
fi
status=0
diff -u "$man" "$tmp/planconv.1" || status=1
diff -u "$completion" "$tmp/planconv.bash" || status=1
if [ $status -ne 0 ]; then
    echo "docs/planconv.1 or completion/planconv.bash differ from the option table;" >&2
    echo "run: sh tests/cli_docs.sh build/planconv . update" >&2
fi
exit $status
