#!/bin/sh
# kiosk --check-guides on the shipped assets/guides, as the build runs it:
# exit 0, nothing on stderr, and the summary line's counts equal to what is
# on disk (scheme directories, those with a scheme.txt; their .guide files).
# The counts are taken here with the shell, so a guide the checker left out
# or a scheme it did not see makes the numbers differ.
# Usage: shipped.sh KIOSK SRC OUT
set -u
kiosk=$1 src=$2 out=$3
rm -rf "$out"
mkdir -p "$out"
fail=0
bad() { echo "FAIL: $*"; fail=1; }
cd "$src" || exit 1

schemes=0 guides=0
for txt in assets/guides/*/scheme.txt; do
	[ -f "$txt" ] || continue
	schemes=$((schemes + 1))
	for g in "${txt%/scheme.txt}"/*.guide; do
		[ -f "$g" ] && guides=$((guides + 1))
	done
done
# A .guide outside a scheme directory would not be counted above, nor loaded by the kiosk.
stray=$(find assets/guides -name '*.guide' | while read -r g; do [ -f "${g%/*}/scheme.txt" ] || echo "$g"; done)
[ -z "$stray" ] || bad "guide files outside a scheme directory (no scheme.txt beside them): $stray"
if [ "$schemes" -eq 0 ] || [ "$guides" -eq 0 ]; then bad "no schemes or guides found under $src/assets/guides"; fi

LANGUAGE=en "$kiosk" --check-guides assets/guides >"$out/stdout" 2>"$out/stderr"
rc=$?
[ "$rc" -eq 0 ] || bad "exit $rc, expected 0"
[ -s "$out/stderr" ] && { bad "problems reported:"; cat "$out/stderr"; }

plural() { if [ "$1" -eq 1 ]; then echo "$1 $2"; else echo "$1 $2s"; fi; }
want="assets/guides: the guides are valid ($(plural "$schemes" scheme), $(plural "$guides" guide))"
got=$(cat "$out/stdout")
[ "$got" = "$want" ] || bad "summary line differs from the files on disk:
  got:  $got
  want: $want"

[ "$fail" -eq 0 ] && echo "shipped guides: $schemes schemes, $guides guides, all valid"
exit "$fail"
