#!/bin/sh
# Runs every command of the README's ```sh blocks (but `make ...`) in a
# scratch folder laid out like the repository, so the examples never go stale.
# Usage: readme.sh PLANCONV SOURCE_DIR
set -eu
planconv=$1
src=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir "$work/build"
ln -s "$planconv" "$work/build/planconv"
ln -s "$src/samples" "$work/samples"
awk '/^```sh/ {on = 1; next} /^```/ {on = 0} on && !/^make / && NF' "$src/README.md" > "$work/examples.sh"
cd "$work"
n=0
while IFS= read -r line; do
    n=$((n + 1))
    echo "\$ $line"
    sh -ec "$line" > /dev/null || { echo "FAIL: README example $n: $line"; exit 1; }
done < examples.sh
echo "$n README examples ran"
