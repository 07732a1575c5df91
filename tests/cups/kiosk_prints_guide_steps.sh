#!/bin/sh
# The real kiosk, driven like a visitor, solves a problem with a digital-ID
# guide and prints the steps on the virtual receipt printer: the solved end
# offers "Print these steps", the job reaches the printer as PWG raster for
# the 80 mm head, the screen says to take the steps, the walk is recorded
# (which guide, never anything personal), and "Done" ends the session.
# Needs the rig (tests/cups/rig.sh, CTest fixture).
# Usage: kiosk_prints_guide_steps.sh KIOSK SRC RIG_DIR OUT
set -u
kiosk=$1 src=$2 rig=$3 out=$4
rm -rf "$out"
mkdir -p "$out"
# shellcheck disable=SC1091
. "$rig/env"
export CUPS_SERVER
fail=0
bad() { echo "FAIL: $*"; fail=1; }

sed -e "s|^destination =.*|destination = $RECEIPT_URI|" \
	-e "s|^services = .*|services = $src/assets/site/demo-services.json|" \
	-e "s/^job_timeout_s = .*/job_timeout_s = 15/" "$src/assets/site/demo.ini" >"$out/site.ini"
cat >"$out/solved.script" <<'SCRIPT'
tap lang.en
tap home.guides
tap guides.mitid
tap guide.new-phone
tap guide.choice.0
tap guide.choice.0
tap guide.choice.0
tap guide.choice.0
tap guide.choice.0
expect-text MitID works on your new phone
expect-target guide.print
expect-target guide.done
tap guide.print
wait-print
expect-screen guide.step
expect-text Please take the steps from the printer.
expect-no-overflow
shot guide-printed.png
tap guide.done
expect-screen attract
sync
SCRIPT

sh "$src/tests/cups/rig.sh" reset "$rig" >/dev/null 2>&1
before=$(ls "$RECEIPT_SPOOL" | wc -l)
"$kiosk" --config "$out/site.ini" --assets "$src/assets" --data-dir "$out/data" --out "$out" \
	--clock 2026-11-23T10:00 --script "$out/solved.script" || bad "printing the guide's steps failed"
[ "$(ls "$RECEIPT_SPOOL" | wc -l)" -gt "$before" ] || bad "no job reached the printer"
f=$(ls -t "$RECEIPT_SPOOL"/*slip-2026-11-23-k1*.pwg 2>/dev/null | head -n 1)
if [ -z "$f" ]; then
	bad "no slip in the printer's spool: $(ls "$RECEIPT_SPOOL")"
else
	[ "$(head -c 4 "$f")" = "RaS2" ] || bad "$f is not PWG raster"
	w=$(od -An -tu1 -j 376 -N 4 "$f" | awk '{print $1 * 16777216 + $2 * 65536 + $3 * 256 + $4}')
	[ "$w" = 576 ] || bad "the steps are $w dots wide, the 80 mm head has 576"
fi
[ "$(sqlite3 "$out/data/kiosk.db" "SELECT data FROM events WHERE type = 'kiosk.guide.printed'")" = \
	'{"scheme":"mitid","guide":"new-phone","step":"done"}' ] || bad "no kiosk.guide.printed event"

[ "$fail" -eq 0 ] && echo "the guide's steps printed on the receipt printer"
exit "$fail"
