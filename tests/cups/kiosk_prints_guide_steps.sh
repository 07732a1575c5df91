#!/bin/sh
# The real kiosk, driven like a visitor, solves a problem with a digital-ID
# guide and prints the steps on the virtual receipt printer: the solved end
# offers "Print these steps", the job reaches the printer as PWG raster for
# the 80 mm head, the screen says to take the steps, the walk is recorded
# (which guide, never anything personal), and "Done" ends the session. A
# walk past a step with a link (BankID / MinID, a forgotten password, in
# Arabic) prints that link as a QR code a phone reads back from the page the
# printer got (PWG_PNG turns it into a PNG for zbarimg).
# Needs the rig (tests/cups/rig.sh, CTest fixture) and zbar-tools.
# Usage: kiosk_prints_guide_steps.sh KIOSK SRC RIG_DIR OUT PWG_PNG
set -u
kiosk=$1 src=$2 rig=$3 out=$4 pwg_png=$5
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
# The first step opens with the guide's safety notes.
tap guide.more
tap guide.choice.0
tap guide.choice.0
tap guide.choice.0
tap guide.choice.0
# The scan step is long: its answers are on its second page.
tap guide.more
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

# MinID: a new password made at home, past the official help page's link.
cat >"$out/link.script" <<'SCRIPT'
tap lang.ar
tap home.guides
tap guides.bankid
tap guide.forgot-password
tap guide.more
tap guide.choice.0
tap guide.choice.0
tap guide.choice.0
tap guide.choice.0
expect-target guide.print
tap guide.print
wait-print
expect-screen guide.step
expect-no-overflow
tap guide.done
sync
SCRIPT
for old in "$RECEIPT_SPOOL"/*; do echo "$old"; done >"$out/spool.before"
"$kiosk" --config "$out/site.ini" --assets "$src/assets" --data-dir "$out/data2" --out "$out" \
	--clock 2026-11-23T10:30 --script "$out/link.script" || bad "printing the MinID steps failed"
# The slip this visit printed: the one that was not there before.
f=
for new in "$RECEIPT_SPOOL"/*slip-2026-11-23-k1*.pwg; do
	grep -qxF "$new" "$out/spool.before" || f=$new
done
if [ -z "$f" ] || [ ! -e "$f" ]; then
	bad "the MinID steps did not reach the printer"
elif ! size=$("$pwg_png" "$f" "$out/minid.png"); then
	bad "cannot read the printed page $f"
else
	# Five steps, their words, a framed warning, the notes and the code: far
	# longer than a title and a code alone.
	h=${size#* }
	[ "$h" -gt 1600 ] || bad "the printed steps are only $h dots long"
	got=$(zbarimg -q --raw "$out/minid.png" 2>/dev/null)
	[ "$got" = "https://eid.difi.no/en/how-create-new-password-minid" ] ||
		bad "the printed QR code reads \"$got\", not the step's link"
fi

[ "$fail" -eq 0 ] && echo "the guide's steps printed on the receipt printer"
exit "$fail"
