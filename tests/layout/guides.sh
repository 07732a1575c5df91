#!/bin/sh
# The layout check with its digital-ID guide part (kiosk/tour_guides.c):
# every step of every guide, in every language of the demo site, with the
# scheme and topic lists, the end steps' other states and "Talk to a
# person", at one panel size and rotation. Fails on any problem the check
# reports (overflow, missing glyph, small target), when the guide part did
# not run, or when a scheme the site lists was not walked (its guides could
# not be loaded). Which guides and translations exist is read from the
# kiosk's own summary, never assumed. Usage: guides.sh KIOSK WxH ROTATION SRC OUT
set -u
kiosk=$1 res=$2 rot=$3 src=$4 out=$5
mkdir -p "$out"
log="$out/check.log"
# Guide problems count here (kiosk/tour.c), on the panels tests/CMakeLists.txt lists.
KIOSK_TOUR_GUIDES=1
export KIOSK_TOUR_GUIDES
status=0
sh "$src/tests/layout/run.sh" "$kiosk" "$res" "$rot" "$src" "$out" >"$log" 2>&1 || status=$?
fail=0
bad() { echo "FAIL: $*"; fail=1; }

summary=$(grep -a '^guides: schemes ' "$log" || true)
if [ -z "$summary" ]; then
	bad "the layout check did not walk the guides (exit $status)"
	tail -n 20 "$log"
	exit 1
fi
echo "$summary"
steps=$(echo "$summary" | sed -n 's/.*; \([0-9]*\) guides, \([0-9]*\) steps;.*/\2/p')
[ "${steps:-0}" -gt 0 ] || bad "no guide step was checked"
walked=" $(echo "$summary" | sed -n 's/^guides: schemes \([^;]*\);.*/\1/p') "
for id in $(sed -n 's/^schemes *= *//p' "$src/assets/site/demo.ini" | tr ',' ' '); do
	case "$walked" in
	*" $id "*) ;;
	*) bad "the site lists the scheme $id, but none of its guides could be checked (see $log)" ;;
	esac
done
gp=$(echo "$summary" | sed -n 's/.*, \([0-9][0-9]*\) problems$/\1/p')
[ "${gp:-1}" -eq 0 ] || status=1
if [ "$status" -ne 0 ]; then
	bad "the layout check at $res rotation $rot reported problems (exit $status); the first of them:"
	grep -a -v '^guides: schemes \|rotation [0-9]*: ' "$log" | head -n 60
	echo "... all of them in $log"
fi
exit "$fail"
