#!/bin/sh
# Two kiosks in one office, each with its own disk, take numbers at the same
# time for the same service: together they never give out a number twice.
# Then one of them restarts mid-day and carries on where it stopped.
# Usage: two_kiosks_never_share_a_number.sh KIOSK SRC OUT
set -u
kiosk=$1 src=$2 out=$3
rm -rf "$out"
mkdir -p "$out"
fail=0
bad() { echo "FAIL: $*"; fail=1; }

# A script that takes n numbers for the citizen desk.
script() {
	n=$1 first=$2
	i=0
	while [ "$i" -lt "$n" ]; do
		echo "tap attract.start"
		echo "tap home.ticket"
		echo "tap ticket.citizen"
		echo "tap priority.no"
		echo "tap ticket.take"
		echo "sync"
		echo "expect-screen number"
		if [ -n "$first" ] && [ "$i" -eq 0 ]; then echo "expect-text $first"; fi
		echo "tap number.done"
		i=$((i + 1))
	done
}

for k in 1 2; do
	sed -e "s/^kiosk_number = .*/kiosk_number = $k/" -e "s/^kiosks_in_office = .*/kiosks_in_office = 2/" \
		-e "s|^services = .*|services = $src/assets/site/demo-services.json|" \
		"$src/assets/site/demo.ini" >"$out/kiosk$k.ini"
done
script 25 "" >"$out/take25.script"
for k in 1 2; do
	"$kiosk" --config "$out/kiosk$k.ini" --assets "$src/assets" --data-dir "$out/data$k" \
		--clock 2026-11-23T10:00 --script "$out/take25.script" >"$out/kiosk$k.log" 2>&1 &
	eval "pid$k=\$!"
done
# shellcheck disable=SC2154
wait "$pid1" || bad "kiosk 1 failed: $(cat "$out/kiosk1.log")"
# shellcheck disable=SC2154
wait "$pid2" || bad "kiosk 2 failed: $(cat "$out/kiosk2.log")"

numbers() { sqlite3 "$1" "SELECT number FROM tickets WHERE service = 'citizen' ORDER BY number"; }
numbers "$out/data1/kiosk.db" >"$out/k1.txt"
numbers "$out/data2/kiosk.db" >"$out/k2.txt"
[ "$(wc -l <"$out/k1.txt")" -eq 25 ] || bad "kiosk 1 issued $(wc -l <"$out/k1.txt") numbers, expected 25"
[ "$(wc -l <"$out/k2.txt")" -eq 25 ] || bad "kiosk 2 issued $(wc -l <"$out/k2.txt") numbers, expected 25"
dups=$(sort -n "$out/k1.txt" "$out/k2.txt" | uniq -d)
[ -z "$dups" ] || bad "both kiosks issued: $dups"
[ "$(sort -n "$out/k1.txt" "$out/k2.txt" | tr '\n' ' ')" = "$(seq 1 50 | tr '\n' ' ')" ] ||
	bad "together they should have issued 1..50 with no gaps"
[ "$(head -n 1 "$out/k1.txt")" = 1 ] && [ "$(head -n 1 "$out/k2.txt")" = 2 ] || bad "kiosk 1 starts at 1, kiosk 2 at 2"

# Kiosk 1 restarts (same disk, same day): its next number is 51, never one it gave before.
script 1 A051 >"$out/take1.script"
"$kiosk" --config "$out/kiosk1.ini" --assets "$src/assets" --data-dir "$out/data1" \
	--clock 2026-11-23T11:00 --script "$out/take1.script" >"$out/restart.log" 2>&1 ||
	bad "after a restart kiosk 1 did not continue at A051: $(cat "$out/restart.log")"
[ "$(sqlite3 "$out/data1/kiosk.db" "SELECT count(*) FROM events WHERE type = 'kiosk.ticket.issued'")" -eq 26 ] ||
	bad "every ticket must have its issued event in the outbox"

[ "$fail" -eq 0 ] && echo "two kiosks: 50 distinct numbers, restart continues at A051"
exit "$fail"
