#!/bin/sh
# Two kiosk processes race for the last place, round after round, with the
# real booking backends (tests/uplink/booking_driver.c):
#  a. embedded: no server, both kiosks share one data folder (one kiosk.db);
#  b. central: two kiosks enrolled to the real kiosk-central, each with its
#     own data folder, booking through their uplinks.
# The office (booking-services.json) has one adviser, so every slot is the
# last place. Both drivers read the same free slots, then at the same
# wall-clock instants hold slot i and confirm it when the hold is granted.
# Each round exactly one kiosk books it; the other is told slot_taken with
# the nearest free slots, none of them the one it lost. No two bookings
# overlap; one kiosk.booking.confirmed event per booking, none carrying a
# name, phone number or reference; in central mode the kiosks' own files
# never held a contact detail.
#  c. central, the server stopped or slower than the 5 s deadline: the kiosk
#     answers unreachable (and books nothing) within the deadline.
#  d. (run before c, on b's server) two whole kiosk programs, each driven
#     by a visitor's script, tap the same last place at the same moment.
# Usage: booking_race.sh KIOSK CENTRAL DRIVER SRC OUT
set -u
kiosk=$1 central=$2 driver=$3 src=$4 out=$5
# shellcheck source=tests/uplink/checks.sh
. "$src/tests/uplink/checks.sh"
rounds=30
KIOSK_UPLINK_BACKOFF_MS=50
export KIOSK_UPLINK_BACKOFF_MS

# shellcheck source=tests/uplink/server.sh disable=SC2154
. "$src/tests/uplink/server.sh"
cdb() { sqlite3 -cmd ".timeout 5000" "$cdata/central.db" "$1"; }

cp "$src/tests/uplink/booking-services.json" "$out/services.json"
sed "s|^services = .*|services = $out/services.json|" "$src/tests/uplink/booking-site.ini" >"$out/site.ini"
# Two hours from now, on the hour: the slots both kiosks read are the same.
from=$((($(date +%s) / 3600 + 2) * 3600))

# race NAME CONFIG_A DIR_A CONFIG_B DIR_B: both drivers, released together;
# then kiosk A takes bookings near now through the other ops.
race() {
	at=$((($(date +%s) + 4) * 1000))
	"$driver" --config "$2" --data-dir "$3" --service race --from "$from" --rounds "$rounds" --at "$at" \
		--name "Alice Racer" --lifecycle >"$out/$1-a.out" 2>"$out/$1-a.log" &
	pa=$!
	"$driver" --config "$4" --data-dir "$5" --service race --from "$from" --rounds "$rounds" --at "$at" \
		--name "Bruno Racer" >"$out/$1-b.out" 2>"$out/$1-b.log" &
	pb=$!
	wait "$pa" || bad "$1: kiosk A: $(tail -2 "$out/$1-a.out" "$out/$1-a.log" | tr '\n' ' ')"
	wait "$pb" || bad "$1: kiosk B: $(tail -2 "$out/$1-b.out" "$out/$1-b.log" | tr '\n' ' ')"
	i=0
	while [ "$i" -lt "$rounds" ]; do
		a=$(sed -n "s/^round $i //p" "$out/$1-a.out")
		b=$(sed -n "s/^round $i //p" "$out/$1-b.out")
		case "$a|$b" in
		"ok "*"|slot_taken nearest="[1-6]" clean=1" | "slot_taken nearest="[1-6]" clean=1|ok "*) ;;
		*) bad "$1: round $i: kiosk A '$a', kiosk B '$b'" ;;
		esac
		i=$((i + 1))
	done
	won_a=$(sed -n 's/^summary: won=\([0-9]*\).*/\1/p' "$out/$1-a.out")
	won_b=$(sed -n 's/^summary: won=\([0-9]*\).*/\1/p' "$out/$1-b.out")
	[ "$((${won_a:-0} + ${won_b:-0}))" = "$rounds" ] || bad "$1: $won_a + $won_b bookings in $rounds rounds"
	slowest=$(sed -n 's/^summary: .* slowest_ms=\([0-9]*\)/\1/p' "$out/$1-a.out" "$out/$1-b.out" | sort -n | tail -1)
	sed -n 's/^life //p' "$out/$1-a.out" >"$out/$1-life.txt"
	printf '%s\n' "book ok" "find ok start=1 check=p" "cancel-wrong-check check_failed" \
		"checkin-early too_early window=1" "move ok start=1" "checkin ok number=T001 state=2" "cancel ok state=1" \
		"cancel-again not_active" "release-unknown unknown_booking" "checks-locked too_many_checks until=1" \
		>"$out/life-expected.txt"
	diff "$out/life-expected.txt" "$out/$1-life.txt" >"$out/$1-life.diff" ||
		bad "$1: a booking's other ops: $(tr '\n' ' ' <"$out/$1-life.diff")"
}

# No text of the racers' contact details in the raw bytes of a folder's files.
no_contact_in() {
	for f in "$1"/kiosk.db "$1"/kiosk.db-wal; do
		[ -f "$f" ] || continue
		if grep -a -q -e 'Alice Racer' -e 'Bruno Racer' -e '5566 00' -e 'Script Racer' -e '55660011' "$f"; then
			bad "$2: a contact detail is in $f"
		fi
	done
}

# a. Embedded: one data folder, two processes.
begin
race embedded "$out/site.ini" "$out/shared" "$out/site.ini" "$out/shared"
kdb() { sqlite3 -cmd ".timeout 5000" "$out/shared/kiosk.db" "$1"; }
[ "$(kdb "SELECT count(*) FROM bookings WHERE service = 'race'")" = "$((rounds + 2))" ] ||
	bad "a: $(kdb "SELECT count(*) FROM bookings") bookings in the shared kiosk.db"
[ "$(kdb "SELECT count(*) FROM bookings x JOIN bookings y ON x.reference < y.reference
	AND x.state != 'cancelled' AND y.state != 'cancelled'
	AND x.start_s < y.end_s AND y.start_s < x.end_s")" = 0 ] || bad "a: two bookings overlap"
events=$(kdb "SELECT group_concat(type || '=' || n, ' ') FROM (SELECT type, count(*) n FROM events
	WHERE type LIKE 'kiosk.booking.%' OR type LIKE 'kiosk.checkin.%' GROUP BY type ORDER BY type)")
[ "$events" = "kiosk.booking.cancelled=1 kiosk.booking.confirmed=$((rounds + 2)) kiosk.booking.moved=1 kiosk.checkin.arrived=1" ] ||
	bad "a: the booking events are $events"
kdb "SELECT data FROM events" >"$out/embedded-events.txt"
for ref in $(kdb "SELECT reference FROM bookings"); do
	grep -q "$ref" "$out/embedded-events.txt" && bad "a: reference $ref in an event"
done
if grep -q -e 'Racer' -e '5566' "$out/embedded-events.txt"; then bad "a: a contact detail in an event"; fi
ok "a. embedded: $rounds rounds, A booked ${won_a:-?}, B ${won_b:-?}; the loser was offered the nearest slots each time (slowest round ${slowest:-?} ms)"

# b. Central: two enrolled kiosks.
begin
start_server 127.0.0.1:0
port=${url##*:}
for k in a b; do
	printf '[server]\nurl = %s\n' "$url" | cat "$out/site.ini" - >"$out/kiosk-$k.ini"
	token=$("$central" --data "$cdata" --new-token demo)
	LANGUAGE=en "$kiosk" --enrol "$token" --config "$out/kiosk-$k.ini" --data-dir "$out/kiosk-$k" \
		>"$out/enrol-$k.out" 2>&1 || bad "b: enrolment of kiosk $k failed: $(cat "$out/enrol-$k.out")"
done
race central "$out/kiosk-a.ini" "$out/kiosk-a" "$out/kiosk-b.ini" "$out/kiosk-b"
[ "$(cdb "SELECT count(*) FROM bookings WHERE service = 'race'")" = "$((rounds + 2))" ] ||
	bad "b: $(cdb "SELECT count(*) FROM bookings") bookings on the server"
[ "$(cdb "SELECT count(*) FROM bookings x JOIN bookings y ON x.id < y.id
	AND x.state != 'cancelled' AND y.state != 'cancelled'
	AND x.start_s < y.end_s AND y.start_s < x.end_s")" = 0 ] || bad "b: two bookings overlap on the server"
i=0
while [ "$(cdb "SELECT count(*) FROM events WHERE type = 'kiosk.booking.confirmed'")" != "$((rounds + 2))" ] &&
	[ "$i" -lt 50 ]; do
	sleep 0.1
	i=$((i + 1))
done
[ "$(cdb "SELECT count(DISTINCT source) FROM events WHERE type = 'kiosk.booking.confirmed'")" = 2 ] ||
	bad "b: the confirmed events did not come from both kiosks"
events=$(cdb "SELECT group_concat(type || '=' || n, ' ') FROM (SELECT type, count(*) n FROM events
	WHERE type LIKE 'kiosk.booking.%' OR type LIKE 'kiosk.checkin.%' GROUP BY type ORDER BY type)")
[ "$events" = "kiosk.booking.cancelled=1 kiosk.booking.confirmed=$((rounds + 2)) kiosk.booking.moved=1 kiosk.checkin.arrived=1" ] ||
	bad "b: the booking events on the server are $events"
cdb "SELECT event FROM events" >"$out/central-events.txt"
grep -q '"data":{"service":"race","mode":"in_person","day":"' "$out/central-events.txt" ||
	bad "b: the confirmed event's data is not {service, mode, day}"
for ref in $(cdb "SELECT reference FROM bookings"); do
	grep -q "$ref" "$out/central-events.txt" && bad "b: reference $ref in an event"
done
if grep -q -e 'Racer' -e '5566' "$out/central-events.txt"; then bad "b: a contact detail in an event"; fi
no_contact_in "$out/kiosk-a" b
no_contact_in "$out/kiosk-b" b
for f in "$out/central-a.log" "$out/central-b.log" "$out/central.log"; do
	if grep -q -e 'Racer' -e '5566' "$f"; then bad "b: a contact detail in the log $f"; fi
done
ok "b. central: $rounds rounds, A booked ${won_a:-?}, B ${won_b:-?}; exactly one each round, the other offered the nearest (slowest round ${slowest:-?} ms)"

# d. Two whole kiosks, each driven by a visitor's script, tap the same free
#    time at the same moment (the scripts meet at a file): one gets it and
#    goes on to its name, the other is told "someone else just booked this
#    time" and takes the nearest free time offered; both visitors finish.
begin
day=$(TZ=Europe/Copenhagen date -d '+2 days' +%F)
for k in a b; do
	other=$([ "$k" = a ] && echo b || echo a)
	{
		echo "tap lang.en"
		echo "tap home.book"
		echo "tap book.race"
		echo "when book.mode tap book.mode.in_person"
		echo "sync"
		[ "$(TZ=Europe/Copenhagen date +%Y-%m)" != "${day%-*}" ] && echo "tap book.month.next"
		echo "tap book.day.$day"
		echo "sync"
		echo "expect-screen book.time"
		echo "touch ready-$k"
		echo "wait-file ready-$other"
		echo "tap-first book.time."
		echo "sync"
		echo "say race"
		echo "when book.taken tap-first book.near."
		echo "sync"
		echo "expect-screen book.contact"
		echo "type Script Racer $k"
		echo "tap book.name.continue"
		echo "tap book.reach.phone"
		echo "type 55660011"
		echo "tap book.phone.continue"
		echo "when book.reason tap book.reason.skip"
		echo "expect-screen book.review"
		echo "tap book.confirm"
		echo "sync"
		echo "expect-screen book.done"
		echo "say finished"
	} >"$out/race-$k.script"
done
rm -f "$out/ready-a" "$out/ready-b"
for k in a b; do
	"$kiosk" --config "$out/kiosk-$k.ini" --assets "$src/assets" --data-dir "$out/kiosk-$k" --out "$out" \
		--script "$out/race-$k.script" >"$out/race-$k.out" 2>"$out/race-$k.log" &
	eval "pid_$k=\$!"
done
# shellcheck disable=SC2154
wait "$pid_a" || bad "d: kiosk A's script failed: $(grep -v '^kiosk: ' "$out/race-a.log" | tail -2 | tr '\n' ' ')"
# shellcheck disable=SC2154
wait "$pid_b" || bad "d: kiosk B's script failed: $(grep -v '^kiosk: ' "$out/race-b.log" | tail -2 | tr '\n' ' ')"
outcomes=$(sed -n 's/^race //p' "$out/race-a.out" "$out/race-b.out" | sort | tr '\n' ' ')
[ "$outcomes" = "book.contact book.taken " ] || bad "d: after the same tap the kiosks showed: $outcomes"
[ "$(sed -n 's/^finished //p' "$out/race-a.out" "$out/race-b.out" | tr '\n' ' ')" = "book.done book.done " ] ||
	bad "d: not both visitors finished their booking"
local0=$(TZ=UTC date -d "TZ=\"Europe/Copenhagen\" $day 00:00" +%s)
# The first free time of the day, and one of the free times nearest to it (the first offered).
near=$(cdb "SELECT group_concat(start_s - $local0, ' ') FROM (SELECT start_s FROM bookings
	WHERE start_s >= $local0 - 3600 AND start_s < $local0 + 3600 ORDER BY start_s)")
case "$near" in
-[0-9]*" 0" | "0 "[0-9]*) ;;
*) bad "d: the bookings around that time start at '$near' s from it, not at it and a nearest free time" ;;
esac
no_contact_in "$out/kiosk-a" d
no_contact_in "$out/kiosk-b" d
ok "d. two whole kiosks driven by scripts: one got the time, the other the nearest free one; no contact detail in their files"

# c. The server down, then slower than the deadline: unreachable, nothing booked.
begin
probe() {
	"$driver" --config "$out/kiosk-a.ini" --data-dir "$out/kiosk-a" --service race --from "$from" --rounds 1 \
		--at "$(($(date +%s) * 1000))" >"$out/$1.out" 2>"$out/$1.log"
	sed -n 's/^availability: \([a-z_]*\) slots=[0-9]* ms=\([0-9]*\)$/\1 \2/p' "$out/$1.out"
}
stop_server
got=$(probe down)
down_ms=${got#* }
[ "${got% *}" = unreachable ] || bad "c: with the server down availability answered '$got'"
[ "${down_ms:-99999}" -lt 5500 ] || bad "c: the unreachable answer took $down_ms ms"
start_server "127.0.0.1:$port"
faults '{"path":"/v1/availability","mode":"slow","count":1,"delay_ms":8000}'
got=$(probe slow)
slow_ms=${got#* }
[ "${got% *}" = unreachable ] || bad "c: with the server slow availability answered '$got'"
if [ "${slow_ms:-0}" -lt 4500 ] || [ "${slow_ms:-99999}" -ge 6500 ]; then bad "c: the deadline ended after $slow_ms ms"; fi
ok "c. server down: unreachable in $down_ms ms; server slow: unreachable at the deadline, after $slow_ms ms"

[ "$fail" -eq 0 ] && echo "booking_race: all cases as expected"
exit "$fail"
