# Sourced by the uplink tests first: a fresh $out, and the checks.
#   bad MESSAGE       prints FAIL: MESSAGE; the test will exit 1 ($fail)
#   begin, ok WHAT    ok: WHAT only when nothing failed since begin
# shellcheck shell=sh disable=SC2034,SC2154

rm -rf "$out"
mkdir -p "$out"
fail=0 failures=0
bad() {
	echo "FAIL: $*"
	fail=1
	failures=$((failures + 1))
}
begin() { since=$failures; }
ok() { [ "$failures" -eq "$since" ] && echo "ok: $*"; }
