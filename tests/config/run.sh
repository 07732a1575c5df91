#!/bin/sh
# kiosk --check-config on good and broken files: every problem with its line
# and message (compared with FILE.expected), in English and in Danish; and
# the kiosk refusing to start on a broken file. Usage: run.sh KIOSK SRC OUT
set -u
kiosk=$1 src=$2 out=$3
rm -rf "$out"
mkdir -p "$out"
fail=0
bad() { echo "FAIL: $*"; fail=1; }
cd "$src/tests/config" || exit 1

# Good files pass, silently but for one line.
for good in "$src/assets/site/demo.ini" "$src/board/common/rootfs_overlay/etc/kiosk/kiosk.conf.example"; do
	if ! LANGUAGE=en "$kiosk" --check-config "$good" >"$out/good.out" 2>&1; then
		bad "$good should be valid:"; cat "$out/good.out"
	fi
	grep -q "the configuration is valid" "$out/good.out" || bad "$good: no confirmation printed"
done

# Broken files: exit 1 and exactly the expected messages.
for exp in *.expected; do
	name=${exp%.expected}
	lang=en
	case "$name" in *.da) lang=da; name=${name%.da} ;; esac
	LANGUAGE=$lang "$kiosk" --check-config "$name.ini" >"$out/$exp.stdout" 2>"$out/$exp.out"
	rc=$?
	[ "$rc" -eq 1 ] || bad "$name.ini ($lang): exit $rc, expected 1"
	if ! diff -u "$exp" "$out/$exp.out"; then
		bad "$name.ini ($lang): messages differ from $exp"
	fi
done

# A missing file and a directory where a file should be.
LANGUAGE=en "$kiosk" --check-config missing.ini 2>"$out/missing.out"
[ $? -eq 1 ] || bad "a missing file must fail"
grep -qx "missing.ini: cannot read missing.ini: No such file or directory" "$out/missing.out" ||
	{ bad "missing file message:"; cat "$out/missing.out"; }
mkdir -p "$out/adir"
LANGUAGE=en "$kiosk" --check-config "$out/adir" 2>"$out/dir.out"
[ $? -eq 1 ] || bad "a directory must fail"
grep -q "cannot read .*: Is a directory" "$out/dir.out" || { bad "directory message:"; cat "$out/dir.out"; }

# A language without a translation file is caught before the kiosk starts.
sed 's/^languages = .*/languages = da en sv/' "$src/assets/site/demo.ini" >"$out/no-po.ini"
LANGUAGE=en "$kiosk" --check-config "$out/no-po.ini" 2>"$out/no-po.out"
grep -q ':8: language "sv" has no translation file' "$out/no-po.out" || { bad "missing .po:"; cat "$out/no-po.out"; }

# The kiosk itself refuses to start half-configured, and says why.
SDL_VIDEODRIVER=dummy LANGUAGE=en "$kiosk" --config bad-value.ini --data-dir "$out/data" 2>"$out/start.out"
rc=$?
[ "$rc" -eq 2 ] || bad "starting on a broken file: exit $rc, expected 2"
grep -q "bad-value.ini:13: rotation must be" "$out/start.out" || bad "start: the problems are not listed"
grep -q "does not start with an invalid configuration" "$out/start.out" || bad "start: no refusal message"
[ ! -e "$out/data" ] || bad "start: it created its data directory before refusing"

[ "$fail" -eq 0 ] && echo "check-config: all cases as expected"
exit "$fail"
