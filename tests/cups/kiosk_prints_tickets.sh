#!/bin/sh
# The real kiosk, driven like a visitor, prints queue tickets on the virtual
# receipt printer: directly (ipp://) and through the private cupsd queue; with
# the paper out the visitor still gets the number on screen and the failure
# is recorded for reporting. Needs the rig (tests/cups/rig.sh, CTest fixture).
# Usage: kiosk_prints_tickets.sh KIOSK SRC RIG_DIR OUT
set -u
kiosk=$1 src=$2 rig=$3 out=$4
rm -rf "$out"
mkdir -p "$out"
# shellcheck disable=SC1091
. "$rig/env"
export CUPS_SERVER
fail=0
bad() { echo "FAIL: $*"; fail=1; }

site() { # site NAME DESTINATION
	sed -e "s|^destination =.*|destination = $2|" -e "s|^services = .*|services = $src/assets/site/demo-services.json|" \
		-e "s/^job_timeout_s = .*/job_timeout_s = 15/" "$src/assets/site/demo.ini" >"$out/$1.ini"
}

take() { # take EXPECTED-NUMBER EXPECTED-TEXT
	cat <<SCRIPT
tap lang.en
tap home.ticket
tap ticket.citizen
tap priority.no
tap ticket.take
sync
wait-print
expect-text $1
expect-text $2
expect-no-overflow
shot $1.png
tap number.done
sync
SCRIPT
}

# PWG raster header: "RaS2" then the page header; cupsWidth is the 32-bit
# big-endian word at byte 4 + 372, cupsHeight right after it.
pwg_width() { od -An -tu1 -j 376 -N 4 "$1" | awk '{print $1 * 16777216 + $2 * 65536 + $3 * 256 + $4}'; }

sh "$src/tests/cups/rig.sh" reset "$rig" >/dev/null 2>&1

# 1. Directly to the printer.
site direct "$RECEIPT_URI"
take A001 "Please take your ticket from the printer" >"$out/direct.script"
"$kiosk" --config "$out/direct.ini" --assets "$src/assets" --data-dir "$out/data-direct" --out "$out" \
	--clock 2026-11-23T10:00 --script "$out/direct.script" || bad "printing directly failed"
f=$(ls "$RECEIPT_SPOOL"/*ticket-a001-2026-11-23-k1*.pwg 2>/dev/null | head -n 1)
if [ -z "$f" ]; then
	bad "no ticket in the printer's spool: $(ls "$RECEIPT_SPOOL")"
else
	[ "$(head -c 4 "$f")" = "RaS2" ] || bad "$f is not PWG raster"
	[ "$(pwg_width "$f")" = 576 ] || bad "the ticket is $(pwg_width "$f") dots wide, the 80 mm head has 576"
fi
[ "$(sqlite3 "$out/data-direct/kiosk.db" "SELECT data FROM events WHERE type = 'kiosk.ticket.printed'")" = \
	'{"service":"citizen","number":"A001","day":"2026-11-23"}' ] ||
	bad "no kiosk.ticket.printed event"
[ "$(sqlite3 "$out/data-direct/kiosk.db" "SELECT data FROM events WHERE type = 'kiosk.printer.state'")" = \
	'{"state":"ok","paper":"ok"}' ] || bad "the ready printer's state was not recorded once"

# 2. Through the cupsd queue.
site queue "$RECEIPT_QUEUE"
take A002 "Please take your ticket from the printer" >"$out/queue.script"
cp -r "$out/data-direct" "$out/data-queue"
"$kiosk" --config "$out/queue.ini" --assets "$src/assets" --data-dir "$out/data-queue" --out "$out" \
	--clock 2026-11-23T10:05 --script "$out/queue.script" || bad "printing through cupsd failed"
ls "$RECEIPT_SPOOL"/*ticket-a002-2026-11-23-k1*.pwg >/dev/null 2>&1 || bad "the cupsd job did not reach the printer"

# 3. Paper out (on the first kiosk's disk: its next number is A002): nothing is
# sent, the number is shown, the failure is recorded.
sh "$src/tests/cups/rig.sh" media "$rig" 0 >/dev/null
take A002 "The printer cannot print right now" >"$out/empty.script"
before=$(ls "$RECEIPT_SPOOL" | wc -l)
"$kiosk" --config "$out/direct.ini" --assets "$src/assets" --data-dir "$out/data-direct" --out "$out" \
	--clock 2026-11-23T10:10 --script "$out/empty.script" || bad "with the paper out the visitor got no number"
[ "$(ls "$RECEIPT_SPOOL" | wc -l)" = "$before" ] || bad "a job was sent to a printer without paper"
[ "$(sqlite3 "$out/data-direct/kiosk.db" "SELECT data FROM events WHERE type = 'kiosk.ticket.print_failed'")" = \
	'{"service":"citizen","number":"A002","day":"2026-11-23","reason":"paper_out"}' ] ||
	bad "the failed print was not recorded"
[ "$(sqlite3 "$out/data-direct/kiosk.db" "SELECT data FROM events WHERE type = 'kiosk.printer.state' ORDER BY seq DESC LIMIT 1")" = \
	'{"state":"paper_out","paper":"out"}' ] || bad "the empty printer's state was not recorded"
sh "$src/tests/cups/rig.sh" reset "$rig" >/dev/null 2>&1

[ "$fail" -eq 0 ] && echo "tickets printed directly and through cupsd; paper out shows the number"
exit "$fail"
