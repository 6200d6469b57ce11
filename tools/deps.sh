#!/bin/sh
# Installs what planconv needs to build and test, only when missing.
# Debian packages via apt-get; the npm test oracles into tests/oracle.
set -e
PKGS="build-essential cmake pkg-config libcsv-dev libyajl-dev libjansson-dev libxml2-dev
zlib1g-dev libpcre2-dev libminizip-dev libmd-dev libcmocka-dev libxml2-utils nodejs npm parallel valgrind gettext locales
chromium fonts-ipafont-gothic chromium-driver libmicrohttpd-dev apache2-utils curl
clang libclang-rt-14-dev"  # chromium + a Japanese font: the HTML report test; chromedriver: the serve
# page's browser test; libmicrohttpd: planconv serve; ab: its load figure; clang and libFuzzer: make fuzz
missing=""
for p in $PKGS; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
# Node may come from elsewhere than Debian; accept any node and npm on PATH.
if command -v node >/dev/null && command -v npm >/dev/null; then
    missing=$(echo "$missing" | tr ' ' '\n' | grep -v -x -e nodejs -e npm | tr '\n' ' ')
fi
if [ -n "$(echo $missing)" ]; then
    echo "deps: installing$missing"
    SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO=sudo
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq $missing >/dev/null
fi
# Japanese messages are tested under ja_JP.UTF-8
if ! locale -a 2>/dev/null | grep -qi '^ja_JP\.utf-\?8$'; then
    echo "deps: generating the ja_JP.UTF-8 locale"
    SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO=sudo
    $SUDO sed -i 's/^# *ja_JP.UTF-8 UTF-8/ja_JP.UTF-8 UTF-8/' /etc/locale.gen
    grep -q '^ja_JP.UTF-8 UTF-8' /etc/locale.gen || echo 'ja_JP.UTF-8 UTF-8' | $SUDO tee -a /etc/locale.gen >/dev/null
    $SUDO locale-gen >/dev/null
fi
oracle=$(dirname "$0")/../tests/oracle
missing_npm=""
for m in $(cd "$oracle" && node -e 'console.log(Object.keys(require("./package.json").dependencies).join(" "))'); do
    [ -d "$oracle/node_modules/$m" ] || missing_npm="$missing_npm $m"
done
if [ -n "$missing_npm" ]; then
    echo "deps: installing the npm test oracles into tests/oracle"
    (cd "$oracle" && npm install --no-package-lock --no-audit --no-fund --silent >/dev/null)
fi
