#!/bin/sh
# Runs one golden case: tests/cases/NAME/ holds
#   cmd              one shell command line; `planconv` is the binary under test,
#                    $SAMPLES the samples/ folder; run inside a scratch copy of the case
#   expected.out     exact standard output (optional)
#   expected.err     exact standard error (optional)
#   expected.status  exit status (optional, default 0)
#   any input files the command names
# Usage: run_case.sh PLANCONV_BINARY CASE_DIR
# PLANCONV_TEST_THREADS=N runs the case with --threads N instead of the default.
set -u
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
case_dir=$(cd "$2" && pwd)
name=$(basename "$case_dir")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp -R "$case_dir"/. "$work"/
mkdir "$work/.bin"
if [ -n "${PLANCONV_VALGRIND:-}" ]; then
    # make check VALGRIND=1: every run under valgrind; a memory error or leak
    # exits 99, which no case expects, and the log is shown
    cat > "$work/.bin/planconv" <<EOS
#!/bin/sh
exec valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite \\
    --suppressions="$(dirname "$0")/valgrind.supp" \\
    --log-file="$work/.valgrind.%p" "$bin" "\$@"
EOS
    chmod +x "$work/.bin/planconv"
elif [ -n "${PLANCONV_TEST_THREADS:-}" ] && ! grep -q 'command -v planconv' "$case_dir/cmd"; then
    # every command that reads a file runs with --threads N: the same case
    # must give the same bytes whatever the threads (tests/CMakeLists.txt).
    # A case that looks the binary up itself (ldd, setpriv on its real
    # path) needs the binary there, and runs with the default.
    cat > "$work/.bin/planconv" <<EOS
#!/bin/sh
case "\$1" in
convert|validate|lint|infer) cmd=\$1; shift; exec "$bin" "\$cmd" --threads $PLANCONV_TEST_THREADS "\$@" ;;
esac
exec "$bin" "\$@"
EOS
    chmod +x "$work/.bin/planconv"
else
    ln -s "$bin" "$work/.bin/planconv"
fi
SAMPLES=$(cd "$case_dir/../../../samples" && pwd)
export SAMPLES
# English messages unless a case asks for another language (LANG=ja_JP.UTF-8)
unset LC_ALL LC_MESSAGES LANGUAGE
export LANG=C.UTF-8
cd "$work"
PATH="$work/.bin:$PATH" sh -c "$(cat cmd)" >.out 2>.err
status=$?
want=0
[ -f expected.status ] && want=$(cat expected.status)
fail=0
if [ "$status" != "$want" ]; then
    echo "$name: exit status $status, expected $want"
    fail=1
fi
for stream in out err; do
    [ -f "expected.$stream" ] || continue
    if ! cmp -s ".$stream" "expected.$stream"; then
        echo "$name: standard $stream differs from expected.$stream:"
        diff "expected.$stream" ".$stream" | head -40
        fail=1
    fi
done
# every report the case wrote (a .json file holding "tasks") must match
# docs/report.schema.json
reports=$(grep -l '"tasks": \[' "$work"/*.json 2>/dev/null)
if [ -n "$reports" ]; then
    src=$(cd "$case_dir/../../.." && pwd)
    # shellcheck disable=SC2086
    if ! node "$src/tests/oracle/validate_report.js" "$src/docs/report.schema.json" $reports; then
        echo "$name: a report does not match docs/report.schema.json"
        fail=1
    fi
fi
for log in "$work"/.valgrind.*; do
    [ -s "$log" ] || continue
    echo "$name: valgrind:"
    cat "$log"
    fail=1
done
if [ $fail -ne 0 ]; then
    echo "--- command: $(cat cmd)"
    echo "--- stderr:"
    head -20 .err
fi
exit $fail
