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

# Configured for /usr (lib/x86_64-linux-gnu on Debian, three folders deep),
# planconv.pc placed where that install puts it must find /usr/include.
cmake -S "$src" -B "$work/usr-build" -DCMAKE_INSTALL_PREFIX=/usr > /dev/null
libdir=$(sed -n 's/^libdir=\${prefix}\///p' "$work/usr-build/planconv.pc")
mkdir -p "$work/usr/$libdir/pkgconfig" "$work/usr/include"
cp "$work/usr-build/planconv.pc" "$work/usr/$libdir/pkgconfig/"
inc=$(PKG_CONFIG_PATH="$work/usr/$libdir/pkgconfig" pkg-config --variable=includedir planconv)
[ "$(cd "$inc" 2>/dev/null && pwd)" = "$(cd "$work/usr/include" && pwd)" ] ||
    { echo "FAIL: planconv.pc for /usr gives includedir $inc"; exit 1; }
echo "planconv.pc configured for /usr points at /usr/include"

# docs/api.md's complete example, compiled against the installed library:
# under LANG=ja_JP.UTF-8 its messages are Japanese, though it never calls
# bindtextdomain (PLANCONV_LOCALEDIR points at the staged catalog).
awk '/^```c/ {on = 1; next} /^```/ {on = 0} on' "$src/docs/api.md" > "$work/check.c"
cc -Wall -Wextra -Werror -o "$work/check" "$work/check.c" $(pkg-config --cflags --libs planconv)
printf '項目ID,項目名,階層\nA-1,見直し,二\n' > "$work/bad.csv"
libs=$(dirname "$(find "$prefix" -name 'libplanconv.so' | head -1)")
set +e
LD_LIBRARY_PATH=$libs LANG=ja_JP.UTF-8 LC_ALL= PLANCONV_LOCALEDIR="$prefix/share/locale" \
    "$work/check" "$work/bad.csv" plan-items > "$work/check.out" 2> "$work/check.err"
status=$?
set -e
grep -q ':2:level: type-error: 「二」は整数ではありません（階層）$' "$work/check.err" &&
    grep -q ': データに誤りがあります (1 records, 1 errors, 1 shown)$' "$work/check.out" &&
    [ $status -eq 1 ] ||
    { echo "FAIL: docs/api.md's example (exit $status):"; cat "$work/check.err" "$work/check.out"; exit 1; }
echo "docs/api.md's example builds and speaks Japanese without bindtextdomain"
