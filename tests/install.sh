#!/bin/sh
# make install into a staging folder, then build examples/convert.c against
# the installed pkg-config file and run it on a sample.
# Usage: install.sh BUILD_DIR SOURCE_DIR
set -eu
build=$1
src=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
DESTDIR="$work/stage" cmake --install "$build" --prefix /usr/local > /dev/null
prefix="$work/stage/usr/local"
for f in bin/planconv include/planconv.h share/man/man1/planconv.1 \
         share/bash-completion/completions/planconv share/planconv/schemas/roadmap.json; do
    [ -e "$prefix/$f" ] || { echo "FAIL: $f is not installed"; exit 1; }
done
pc=$(find "$prefix" -name planconv.pc)
export PKG_CONFIG_PATH=$(dirname "$pc")
cc -o "$work/convert" "$src/examples/convert.c" $(pkg-config --cflags --libs planconv)
LD_LIBRARY_PATH=$(dirname "$(find "$prefix" -name 'libplanconv.so' | head -1)") \
    "$work/convert" "$src/samples/roadmap.csv" "$work/roadmap.json"
"$prefix/bin/planconv" convert -t json "$src/samples/roadmap.csv" | cmp - "$work/roadmap.json"
echo "installed, and the example built with pkg-config converts like the CLI"
