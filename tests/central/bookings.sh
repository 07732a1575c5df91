#!/bin/sh
# kiosk-central's bookings against docs/protocol.md ("Bookings"), over real
# HTTP with curl, against the real server process and its real SQLite file.
# Usage: bookings.sh PART KIOSK_CENTRAL BOOKING_RACE PROJECT_ROOT OUT
#   PART protocol: availability against the test office's rules, holds,
#        confirmation, finding, cancelling, moving, check-in, expiry,
#        idempotent replays, contact checks, no contact detail in any reply
#        or log line, and the retention purge (proved on the database file).
#   PART race: two kiosk processes after the last free slot of a capacity-1
#        service at the same moment, 40 rounds (BOOKING_RACE, booking_race.c),
#        then no two bookings overlap in the database.
# The bookings' clock is set with POST /v1/_test/clock (--test-faults) to a
# Monday in 2030, so the slots are known: every expected slot below is
# derived here from the rules in tests/central/services.json with date(1)'s
# own zone data, never copied from the server.
# Each failure is printed; the exit status is 1 when any check failed.
set -u
part=$1 server=$2 race=$3 root=$4 out=$5
site=$root/tests/central/site.ini
zone=Pacific/Kiritimati
data=$out/data
# shellcheck source=tests/central/http.sh
. "$root/tests/central/http.sh"

# starts [.PATH]: the "start" of every slot in the array at PATH (default .slots), space-separated.
starts() {
	sqlite3 :memory: "SELECT group_concat(json_extract(value, '\$.start'), ' ') FROM json_each(CAST(readfile('$out/body') AS TEXT), '\$${1:-.slots}');"
}
# frees: the "free" of every slot, space-separated.
frees() {
	sqlite3 :memory: "SELECT group_concat(json_extract(value, '\$.free'), ' ') FROM json_each(CAST(readfile('$out/body') AS TEXT), '\$.slots');"
}
# db SQL: a query on the server's own database file.
db() {
	sqlite3 "$data/central.db" "$1"
}
# utc 'YYYY-MM-DD HH:MM': that local time of the office as the protocol writes it.
utc() {
	TZ=UTC date -d "TZ=\"$zone\" $1" +%Y-%m-%dT%H:%M:%S.000Z
}
# clock 'YYYY-MM-DD HH:MM': the bookings' clock is set to that local time.
clock() {
	c=$(req POST /v1/_test/clock -d "{\"now\":\"$(utc "$1")\"}")
	[ "$c" = 204 ] || bad "the clock could not be set to $1 ($c)"
}
# enrol OFFICE: a new kiosk of OFFICE; prints its secret.
enrol() {
	t=$("$server" --data "$data" --new-token "$1")
	c=$(req POST /v1/enrol -d "{\"token\":\"$t\"}")
	[ "$c" = 201 ] || bad "enrolment into $1 failed ($c)"
	jget .secret
}

# ---------------------------------------------------------------- zones
# Slots and days are computed in the office's zone, read from the system's tz
# database: an office whose zone is missing or not a zone file does not start.
if [ "$part" = protocol ]; then
	cp "$root/tests/central/services.json" "$out/"
	for z in Mars/Olympus_Mons:'is not known on this system' America/Indiana:'could not be read as a tz database file'; do
		sed "s|^time_zone = .*|time_zone = ${z%%:*}|" "$site" >"$out/zone.ini"
		rc=0
		"$server" --listen 127.0.0.1:0 --data "$data" --office "test=$out/zone.ini" >"$out/zone.out" 2>"$out/zone.err" || rc=$?
		check "zones: ${z%%:*} stops the server with a clear message" "1 yes" \
			"$rc $(grep -q "zone.ini:[0-9]*: time zone \"${z%%:*}\" ${z#*:}" "$out/zone.err" && echo yes)"
	done
fi

desk='desk-token-0123456789'
start central --listen 127.0.0.1:0 --data "$data" --office "test=$site" --office "demo=$root/assets/site/demo.ini" \
	--test-faults --desk-token "$desk"
k1=$(enrol test)
k2=$(enrol test)
kd=$(enrol demo)

# ---------------------------------------------------------------- the race
if [ "$part" = race ]; then
	# Monday 2030-06-03 08:00 at the office; the race service: 10-minute
	# meetings around the clock, one adviser, no notice.
	clock '2030-06-03 08:00'
	"$race" "$url" "$k1" "$k2" race in_person "$(utc '2030-06-03 09:00')" "$(utc '2030-06-04 09:00')" 40 >"$out/race.log"
	rc=$?
	cat "$out/race.log"
	check "every round: one kiosk gets the slot, the other 409 slot_taken with the nearest free slots" 0 "$rc"
	check "40 bookings, one per slot" "40 40" "$(db "SELECT COUNT(*), COUNT(DISTINCT start_s) FROM bookings WHERE service = 'race' AND state = 'booked'" | tr '|' ' ')"
	check "no two bookings of the one adviser overlap" 0 \
		"$(db "SELECT COUNT(*) FROM bookings a JOIN bookings b ON a.id < b.id AND a.office = b.office AND a.service = b.service AND a.start_s < b.end_s AND b.start_s < a.end_s WHERE a.service = 'race' AND a.state <> 'cancelled' AND b.state <> 'cancelled'")"
	check "no hold is left behind" 0 "$(db "SELECT COUNT(*) FROM holds")"
	# Who wins is up to the scheduler (on one CPU it may always be the same kiosk): shown, not checked.
	echo "note: $(tail -n 1 "$out/race.log")"
	stop TERM "the server stops cleanly"
	finish "two kiosks never get the same last slot"
fi

# ---------------------------------------------------------------- availability
# The test office: Pacific/Kiritimati (UTC+14). "pension": 20-minute meetings
# with 10 minutes between, 09:00-12:00 Monday to Friday, 2 advisers, 120
# minutes' notice, 30 days ahead; in person and by phone Monday to Friday,
# by video on Mondays only. Closed all of Wednesday 2030-06-05 and on
# Thursday 2030-06-06 from 11:00. Now: Monday 2030-06-03 08:00.
clock '2030-06-03 08:00'
mon=2030-06-03 tue=2030-06-04 wed=2030-06-05 thu=2030-06-06 fri=2030-06-07
week_from=$(utc "$mon 00:00") week_to=$(utc '2030-06-10 00:00')
avail() { # avail SECRET SERVICE MODE FROM TO
	kreq "$1" GET "/v1/availability?service=$2&mode=$3&from=$4&to=$5"
}
expect=
for d in $mon $tue $wed $thu $fri 2030-06-08 2030-06-09; do
	for t in 09:00 09:30 10:00 10:30 11:00 11:30; do
		case "$d $t" in
		"$mon 09:"*) continue ;;          # inside the notice: now + 120 minutes is 10:00
		"$wed "*) continue ;;             # closed all day
		"$thu 11:"*) continue ;;          # closed from 11:00
		2030-06-08* | 2030-06-09*) continue ;; # the weekend: no booking hours
		esac
		expect="$expect $(utc "$d $t")"
	done
done
expect=${expect# }
check "availability: in person, a week: exactly the slots the rules give" 200 "$(avail "$k1" pension in_person "$week_from" "$week_to")"
check "availability: the slots" "$expect" "$(starts)"
check "availability: the first slot is 2 hours' notice after now" "$(utc "$mon 10:00")" "$(jget '.slots[0].start')"
check "availability: no slot on the closed day" "200 0" "$(avail "$k1" pension in_person "$(utc "$wed 00:00")" "$(utc "$thu 00:00")") $(jlen .slots)"
avail "$k1" pension in_person "$week_from" "$week_to" >/dev/null
check "availability: 20-minute meetings, both advisers free" "$(utc "$mon 10:20") 2" "$(jget '.slots[0].end') $(frees | tr ' ' '\n' | sort -u | tr '\n' ' ' | sed 's/ $//')"
check "availability: the reply names service and mode" "pension in_person 20" "$(jget .service) $(jget .mode) $(jlen .slots)"
check "availability: by phone, the same days" "200 $expect" "$(avail "$k1" pension phone "$week_from" "$week_to") $(starts)"
video=
for t in 10:00 10:30 11:00 11:30; do video="$video $(utc "$mon $t")"; done
for t in 09:00 09:30 10:00 10:30 11:00 11:30; do video="$video $(utc "2030-06-10 $t")"; done
check "availability: video only on Mondays (two weeks)" "200 ${video# }" \
	"$(avail "$k1" pension video "$week_from" "$(utc '2030-06-17 00:00')") $(starts)"
check "availability: [from, to) - a slot starting at to is not in" "200 $(utc "$tue 09:00")" \
	"$(avail "$k1" pension in_person "$(utc "$tue 09:00")" "$(utc "$tue 09:30")") $(starts)"
check "availability: nothing past the 30-day horizon" "200 0" \
	"$(avail "$k1" pension in_person "$(utc '2030-07-04 00:00')" "$(utc '2030-07-20 00:00')") $(jlen .slots)"
check "availability: a service that cannot be booked is 422 not_bookable" "422 not_bookable" \
	"$(avail "$k1" citizen in_person "$week_from" "$week_to") $(jget .error.code)"
check "availability: an unknown service is 404" "404 unknown_service" \
	"$(avail "$k1" nope in_person "$week_from" "$week_to") $(jget .error.code)"
check "availability: an unknown mode is 400" "400 bad_request" \
	"$(avail "$k1" pension carrier_pigeon "$week_from" "$week_to") $(jget .error.code)"
check "availability: from after to is 400" 400 "$(avail "$k1" pension in_person "$week_to" "$week_from")"
check "availability: a time that is not RFC 3339 is 400" 400 "$(avail "$k1" pension in_person 2030-06-03 "$week_to")"
check "availability: without a bearer, 401" 401 "$(req GET "/v1/availability?service=pension&mode=in_person&from=$week_from&to=$week_to")"

# ---------------------------------------------------------------- holds and confirmation
key() { # a fresh Idempotency-Key (called in subshells: no counter survives them)
	cat /proc/sys/kernel/random/uuid
}
hold() { # hold SECRET KEY SERVICE MODE START [MOVING]
	kreq "$1" POST /v1/holds -H "Idempotency-Key: $2" \
		-d "{\"service\":\"$3\",\"mode\":\"$4\",\"start\":\"$5\"${6:+,\"moving\":\"$6\"}}"
}
contact_karen='{"name":"Karen Blixen","phone":"+45 20 30 40 50","email":"karen.b@example.dk"}'
confirm() { # confirm SECRET KEY HOLD CONTACT [REASON [TEXT]]
	kreq "$1" POST /v1/bookings -H "Idempotency-Key: $2" \
		-d "{\"hold\":\"$3\",\"contact\":$4,\"reason\":\"${5:-}\",\"reason_text\":\"${6:-}\",\"lang\":\"da\"}"
}
tue9=$(utc "$tue 09:00")
check "hold: 201" 201 "$(hold "$k1" "$(key)" pension in_person "$tue9")"
h1=$(jget .hold)
check "hold: its slot and ten minutes" "$tue9 $(utc "$tue 09:20") $(utc "$mon 08:10" | cut -c1-16)" \
	"$(jget .start) $(jget .end) $(jget .expires | cut -c1-16)"
check "hold: the held slot has one adviser left" "200 1" \
	"$(avail "$k2" pension in_person "$tue9" "$(utc "$tue 09:01")") $(jget '.slots[0].free')"
check "hold: no Idempotency-Key is 400" "400 missing_idempotency_key" \
	"$(kreq "$k1" POST /v1/holds -d "{\"service\":\"pension\",\"mode\":\"in_person\",\"start\":\"$tue9\"}") $(jget .error.code)"
reason_text='Question about my May payment'
ckey=$(key)
check "confirm: 201 the booking" "201 booked pension in_person $tue9 $(utc "$tue 09:20") phone" \
	"$(confirm "$k1" "$ckey" "$h1" "$contact_karen" payment "$reason_text") $(jget .state) $(jget .service) $(jget .mode) $(jget .start) $(jget .end) $(jget .check)"
ref1=$(jget .reference)
cp "$out/body" "$out/confirmed"
check "confirm: the reference is six characters without look-alikes" yes \
	"$(echo "$ref1" | grep -Eq '^[ACDEFHJKMNPRTUVWXY34679]{6}$' && echo yes)"
check "confirm: a replay with the same key is 200 with the same booking" 200 \
	"$(confirm "$k1" "$ckey" "$h1" "$contact_karen" payment "$reason_text")"
cmp -s "$out/body" "$out/confirmed" || bad "confirm: the replay's body differs from the first reply"
check "confirm: the same key with another body is 422" "422 idempotency_key_reused" \
	"$(confirm "$k1" "$ckey" "$h1" "$contact_karen" new_pension) $(jget .error.code)"
check "confirm: a hold is used up by its booking (410)" "410 hold_expired" \
	"$(confirm "$k1" "$(key)" "$h1" "$contact_karen") $(jget .error.code)"
check "confirm: the booked slot has one adviser left" "1" \
	"$(avail "$k2" pension in_person "$tue9" "$(utc "$tue 09:01")" >/dev/null; jget '.slots[0].free')"
check "confirm: contact and reason are stored apart, once" "1 Karen Blixen|+45 20 30 40 50|karen.b@example.dk|$reason_text" \
	"$(db "SELECT COUNT(*) FROM booking_contacts") $(db "SELECT name, phone, email, reason_text FROM booking_contacts")"
check "confirm: the booking row holds service, mode, local day, reason and language" "pension|in_person|$tue|payment|da|test-01" \
	"$(db "SELECT service, mode, day, reason, lang, kiosk FROM bookings WHERE reference = '$ref1'")"

# ---------------------------------------------------------------- find
check "find: 200 the booking" "200 $ref1 booked phone" "$(kreq "$k2" GET "/v1/bookings/$ref1") $(jget .reference) $(jget .state) $(jget .check)"
typed=$(echo "$ref1" | cut -c1-3)-$(echo "$ref1" | cut -c4-6)
check "find: as typed, with the dash and in lower case" "200 $ref1" \
	"$(kreq "$k2" GET "/v1/bookings/$(echo "$typed" | tr '[:upper:]' '[:lower:]')") $(jget .reference)"
check "find: an unknown reference is 404" "404 unknown_booking" "$(kreq "$k1" GET /v1/bookings/AAAAAA) $(jget .error.code)"
check "find: another office's kiosk does not see it" "404 unknown_booking" "$(kreq "$kd" GET "/v1/bookings/$ref1") $(jget .error.code)"

# ---------------------------------------------------------------- bad contact
hold "$k1" "$(key)" pension in_person "$(utc "$tue 09:30")" >/dev/null
h2=$(jget .hold)
bad_contact() { # bad_contact WHAT CONTACT [REASON [TEXT]]
	check "confirm: $1 is 422 bad_contact" "422 bad_contact" "$(confirm "$k1" "$(key)" "$h2" "$2" "${3:-}" "${4:-}") $(jget .error.code)"
}
bad_contact "a CPR number as the phone" '{"name":"Ole Hansen","phone":"150385-1234"}'
bad_contact "a CPR number in the name" '{"name":"Ole 150385-1234","phone":"+45 20 30 40 51"}'
bad_contact "a CPR number in one piece with a valid check digit" '{"name":"Ole Hansen","phone":"0101013235"}'
check "confirm: the refusal never repeats the number" "" "$(grep -o '150385' "$out/body")"
bad_contact "a name of one letter" '{"name":"O","phone":"+45 20 30 40 51"}'
bad_contact "no phone and no e-mail" '{"name":"Ole Hansen"}'
bad_contact "a phone of 4 digits" '{"name":"Ole Hansen","phone":"1234"}'
bad_contact "an e-mail without a domain" '{"name":"Ole Hansen","email":"ole@"}'
bad_contact "a name over 63 bytes" "{\"name\":\"$(printf 'x%.0s' $(seq 64))\",\"phone\":\"+45 20 30 40 51\"}"
check "confirm: a reason text over 120 characters is 422 bad_reason" "422 bad_reason" \
	"$(confirm "$k1" "$(key)" "$h2" '{"name":"Ole Hansen","phone":"+45 20 30 40 51"}' "" "$(printf 'y%.0s' $(seq 121))") $(jget .error.code)"
check "confirm: a reason the service does not offer is 422" "422 bad_reason" \
	"$(confirm "$k1" "$(key)" "$h2" '{"name":"Ole Hansen","phone":"+45 20 30 40 51"}' astrology) $(jget .error.code)"
check "confirm: a contact that is not an object is 400" 400 "$(confirm "$k1" "$(key)" "$h2" '"Ole"')"
check "confirm: refusals leave the hold: 120 characters of reason text are fine" 201 \
	"$(confirm "$k1" "$(key)" "$h2" '{"name":"Ole Hansen","phone":"+45 20 30 40 51"}' new_pension "$(printf 'y%.0s' $(seq 120))")"
ref2=$(jget .reference)
check "confirm: another kiosk cannot confirm my hold" "410 hold_expired" \
	"$(hold "$k1" "$(key)" pension in_person "$(utc "$tue 10:00")" >/dev/null; confirm "$k2" "$(key)" "$(jget .hold)" "$contact_karen") $(jget .error.code)"

# ---------------------------------------------------------------- cancel
cancel() { # cancel SECRET KEY REF CHECK
	kreq "$1" POST "/v1/bookings/$3/cancel" -H "Idempotency-Key: $2" -d "{\"check\":\"$4\"}"
}
check "cancel: a wrong second check is 403" "403 check_failed" "$(cancel "$k2" "$(key)" "$ref1" 4051) $(jget .error.code)"
check "cancel: no Idempotency-Key is 400" 400 "$(kreq "$k2" POST "/v1/bookings/$ref1/cancel" -d '{"check":"4050"}')"
xkey=$(key)
check "cancel: the last 4 digits of the phone, from any kiosk: 200 cancelled" "200 cancelled $ref1" \
	"$(cancel "$k2" "$xkey" "$ref1" 4050) $(jget .state) $(jget .reference)"
check "cancel: a replay is the same answer" "200 cancelled" "$(cancel "$k2" "$xkey" "$ref1" 4050) $(jget .state)"
check "cancel: twice with a new key is 409 not_active" "409 not_active" "$(cancel "$k2" "$(key)" "$ref1" 4050) $(jget .error.code)"
check "cancel: the slot is free again for both advisers" "2" \
	"$(avail "$k2" pension in_person "$tue9" "$(utc "$tue 09:01")" >/dev/null; jget '.slots[0].free')"
check "cancel: an unknown reference is 404" "404 unknown_booking" "$(cancel "$k2" "$(key)" AAAAAA 4050) $(jget .error.code)"
check "find: a cancelled booking says so" "200 cancelled" "$(kreq "$k1" GET "/v1/bookings/$ref1") $(jget .state)"

# ---------------------------------------------------------------- slot taken, notice, closures
tue11=$(utc "$tue 11:00")
hold "$k1" "$(key)" pension in_person "$tue11" >/dev/null
confirm "$k1" "$(key)" "$(jget .hold)" '{"name":"Ib Madsen","email":"ib@example.dk"}' >/dev/null
check "hold: the second adviser's" 201 "$(hold "$k2" "$(key)" pension phone "$tue11")"
check "hold: a third at 11:00 is 409 slot_taken" "409 slot_taken" "$(hold "$k1" "$(key)" pension in_person "$tue11") $(jget .error.code)"
near=$(starts .nearest)
check "hold: with the 6 nearest free slots, in time order, without the taken one" \
	"$(utc "$mon 11:30") $(utc "$tue 09:00") $(utc "$tue 09:30") $(utc "$tue 10:00") $(utc "$tue 10:30") $(utc "$tue 11:30")" "$near"
check "hold: inside the notice is 409" "409 slot_taken" "$(hold "$k1" "$(key)" pension in_person "$(utc "$mon 09:30")") $(jget .error.code)"
check "hold: inside a closure is 409" 409 "$(hold "$k1" "$(key)" pension in_person "$(utc "$wed 10:00")")"
check "hold: off the slots' grid is 409" 409 "$(hold "$k1" "$(key)" pension in_person "$(utc "$tue 09:10")")"
check "hold: video on a Tuesday is 409" 409 "$(hold "$k1" "$(key)" pension video "$tue9")"
check "hold: an unknown service is 404" 404 "$(hold "$k1" "$(key)" nope in_person "$tue9")"
check "hold: a service that cannot be booked is 422" "422 not_bookable" "$(hold "$k1" "$(key)" citizen in_person "$tue9") $(jget .error.code)"

# ---------------------------------------------------------------- release
check "release: 201 then 204" 201 "$(hold "$k1" "$(key)" pension in_person "$(utc "$fri 11:30")")"
h3=$(jget .hold)
rkey=$(key)
check "release: 204" 204 "$(kreq "$k1" DELETE "/v1/holds/$h3" -H "Idempotency-Key: $rkey")"
check "release: both advisers free again" 2 \
	"$(avail "$k1" pension in_person "$(utc "$fri 11:30")" "$(utc "$fri 11:31")" >/dev/null; jget '.slots[0].free')"
check "release: a replay is 204" 204 "$(kreq "$k1" DELETE "/v1/holds/$h3" -H "Idempotency-Key: $rkey")"
check "release: again with a new key is 404 unknown_hold" "404 unknown_hold" \
	"$(kreq "$k1" DELETE "/v1/holds/$h3" -H "Idempotency-Key: $(key)") $(jget .error.code)"

# ---------------------------------------------------------------- move
thu9=$(utc "$thu 09:00") thu10=$(utc "$thu 10:00")
hold "$k1" "$(key)" pension in_person "$thu9" >/dev/null
confirm "$k1" "$(key)" "$(jget .hold)" '{"name":"Søren Kierkegaard","email":"Soren.K@example.dk"}' new_pension >/dev/null
ref3=$(jget .reference)
check "move: an e-mail-only booking asks for e-mail letters" "$thu9 email" "$(jget .start) $(jget .check)"
move() { # move SECRET KEY REF CHECK HOLD
	kreq "$1" POST "/v1/bookings/$3/move" -H "Idempotency-Key: $2" -d "{\"check\":\"$4\",\"hold\":\"$5\"}"
}
hold "$k2" "$(key)" pension phone "$thu10" >/dev/null
h4=$(jget .hold)
check "move: a wrong check is 403" "403 check_failed" "$(move "$k2" "$(key)" "$ref3" SOFT "$h4") $(jget .error.code)"
check "move: an unknown hold is 410" "410 hold_expired" "$(move "$k2" "$(key)" "$ref3" soRE nohold) $(jget .error.code)"
check "move: the first 4 letters of the e-mail, any case: 200 at the hold's times and mode" \
	"200 $ref3 $thu10 $(utc "$thu 10:20") phone booked" \
	"$(move "$k2" "$(key)" "$ref3" soRE "$h4") $(jget .reference) $(jget .start) $(jget .end) $(jget .mode) $(jget .state)"
check "move: the old slot is free again, the new one taken" "2 1" \
	"$(avail "$k1" pension in_person "$thu9" "$(utc "$thu 09:01")" >/dev/null; jget '.slots[0].free') $(avail "$k1" pension in_person "$thu10" "$(utc "$thu 10:01")" >/dev/null; jget '.slots[0].free')"
check "move: the hold is used up" "410 hold_expired" "$(move "$k2" "$(key)" "$ref3" SORE "$h4") $(jget .error.code)"
check "move: a cancelled booking cannot move" "409 not_active" \
	"$(hold "$k1" "$(key)" pension in_person "$(utc "$fri 10:00")" >/dev/null; move "$k1" "$(key)" "$ref1" 4050 "$(jget .hold)") $(jget .error.code)"
# Both advisers busy at 10:30; one visitor would rather talk by phone at the same time.
thu1030=$(utc "$thu 10:30")
hold "$k1" "$(key)" pension in_person "$thu1030" >/dev/null
confirm "$k1" "$(key)" "$(jget .hold)" '{"name":"Inger Christensen","phone":"+45 20 30 40 56"}' >/dev/null
ref7=$(jget .reference)
hold "$k1" "$(key)" pension in_person "$thu1030" >/dev/null
confirm "$k1" "$(key)" "$(jget .hold)" '{"name":"Piet Hein","phone":"+45 20 30 40 57"}' >/dev/null
check "move: the same time by phone, both advisers busy: without moving it is taken" "409 slot_taken" \
	"$(hold "$k1" "$(key)" pension phone "$thu1030") $(jget .error.code)"
check "move: availability for the move sets the booking's own meeting aside" "0 1" \
	"$(avail "$k1" pension phone "$thu1030" "$(utc "$thu 10:31")" >/dev/null; jlen .slots) $(kreq "$k1" GET "/v1/availability?service=pension&mode=phone&from=$thu1030&to=$(utc "$thu 10:31")&moving=$ref7" >/dev/null; jget '.slots[0].free')"
check "move: moving an unknown booking is 404" "404 unknown_booking" \
	"$(hold "$k1" "$(key)" pension phone "$thu1030" AAAAAA) $(jget .error.code)"
check "move: a hold for moving the booking sets its own meeting aside" 201 "$(hold "$k1" "$(key)" pension phone "$thu1030" "$ref7")"
h7=$(jget .hold)
check "move: that hold cannot confirm a new booking" "410 hold_expired" \
	"$(confirm "$k2" "$(key)" "$h7" "$contact_karen") $(jget .error.code)"
check "move: it moves the booking to the same time by phone" "200 phone $thu1030" \
	"$(move "$k1" "$(key)" "$ref7" 4056 "$h7") $(jget .mode) $(jget .start)"

# ---------------------------------------------------------------- expired holds
check "expiry: a hold at 08:00" 201 "$(hold "$k1" "$(key)" pension in_person "$(utc "$fri 09:30")")"
h5=$(jget .hold)
clock "$mon 08:11"
check "expiry: confirmed 11 minutes later is 410 hold_expired, no nearest as the slot is still free" "410 hold_expired 0" \
	"$(confirm "$k1" "$(key)" "$h5" "$contact_karen") $(jget .error.code) $(grep -c nearest "$out/body")"
check "expiry: an expired hold keeps nothing" 2 \
	"$(avail "$k1" pension in_person "$(utc "$fri 09:30")" "$(utc "$fri 09:31")" >/dev/null; jget '.slots[0].free')"
fri11=$(utc "$fri 11:00")
hold "$k1" "$(key)" pension in_person "$fri11" >/dev/null
h6=$(jget .hold)
hold "$k2" "$(key)" pension in_person "$fri11" >/dev/null
confirm "$k2" "$(key)" "$(jget .hold)" '{"name":"Ib Madsen","phone":"+45 20 30 40 52"}' >/dev/null
clock "$mon 08:22"
check "expiry: a third kiosk took the last adviser meanwhile" 201 "$(hold "$k2" "$(key)" pension in_person "$fri11")"
check "expiry: then the late confirmation is 410 with the nearest free slots" "410 hold_expired 6" \
	"$(confirm "$k1" "$(key)" "$h6" "$contact_karen") $(jget .error.code) $(jlen .nearest)"

# ---------------------------------------------------------------- check-in
fri9=$(utc "$fri 09:00")
hold "$k1" "$(key)" pension in_person "$fri9" >/dev/null
confirm "$k1" "$(key)" "$(jget .hold)" '{"name":"Asta Nielsen","phone":"+45 20 30 40 53"}' >/dev/null
ref4=$(jget .reference)
hold "$k1" "$(key)" pension phone "$(utc "$fri 10:00")" >/dev/null
confirm "$k1" "$(key)" "$(jget .hold)" '{"name":"Niels Bohr","phone":"+45 20 30 40 54"}' >/dev/null
ref5=$(jget .reference)
hold "$k1" "$(key)" pension phone "$(utc "$fri 10:30")" >/dev/null
confirm "$k1" "$(key)" "$(jget .hold)" '{"name":"Tove Ditlevsen","phone":"+45 20 30 40 55"}' >/dev/null
ref6=$(jget .reference)
checkin() { # checkin SECRET KEY REF
	kreq "$1" POST "/v1/bookings/$3/checkin" -H "Idempotency-Key: $2" -d '{}'
}
clock "$fri 08:00"
check "check-in: 30 minutes early is the earliest: at 08:00 409 too_early with the window" \
	"409 too_early $(utc "$fri 08:30") $(utc "$fri 09:10")" \
	"$(checkin "$k2" "$(key)" "$ref4") $(jget .error.code) $(jget .window.from) $(jget .window.to)"
clock "$fri 08:45"
ikey=$(key)
check "check-in: in the window, in person: 200 arrived with a T-number" "200 arrived T001 0" \
	"$(checkin "$k2" "$ikey" "$ref4") $(jget .state) $(jget .ticket.number) $(jget .ticket.ahead)"
cp "$out/body" "$out/checked-in"
check "check-in: a replay gives the same ticket" 200 "$(checkin "$k2" "$ikey" "$ref4")"
cmp -s "$out/body" "$out/checked-in" || bad "check-in: the replay's body differs"
check "check-in: twice is 409 not_active" "409 not_active" "$(checkin "$k2" "$(key)" "$ref4") $(jget .error.code)"
check "check-in: the ticket is in the office's queue, today" "T001|appointments|$fri" \
	"$(db "SELECT number, service, day FROM tickets WHERE office = 'test' AND service = 'appointments'")"
check "check-in: the booking keeps its number" "arrived|T001" "$(db "SELECT state, number FROM bookings WHERE reference = '$ref4'")"
check "check-in: the office's queue state lists the appointments queue with the visitor waiting" "200 1" \
	"$(kreq "$k1" GET /v1/queue) $(sqlite3 :memory: "SELECT json_extract(value, '\$.waiting') FROM json_each(CAST(readfile('$out/body') AS TEXT), '\$.services') WHERE json_extract(value, '\$.service') = 'appointments'")"
check "check-in: a desk calls it from the appointments queue" "200 T001" \
	"$(kreq "$desk" POST /v1/desk/next -H 'Idempotency-Key: desk-1' -d '{"service":"appointments","desk":"4","office":"test"}') $(jget .number)"
clock "$fri 09:55"
check "check-in: by phone, in the window: arrived, no ticket" "200 arrived 0" \
	"$(checkin "$k1" "$(key)" "$ref5") $(jget .state) $(grep -c ticket "$out/body")"
clock "$fri 10:41"
check "check-in: 11 minutes late is too late (10 allowed)" "409 too_late $(utc "$fri 10:00") $(utc "$fri 10:40")" \
	"$(checkin "$k1" "$(key)" "$ref6") $(jget .error.code) $(jget .window.from) $(jget .window.to)"
check "check-in: an unknown reference is 404" 404 "$(checkin "$k1" "$(key)" AAAAAA)"
check "cancel: a meeting under way or over is 409 not_active" "409 not_active" "$(cancel "$k1" "$(key)" "$ref6" 4055) $(jget .error.code)"

# ---------------------------------------------------------------- personal data
for secret_text in "Karen" "Blixen" "20 30 40" "example.dk" "Ole Hansen" "Kierkegaard" "$reason_text" "Asta"; do
	grep -qF "$secret_text" "$out/bodies" && bad "a reply carries a contact detail or the reason text: $secret_text"
done
check "replies: no reply has a contact field" "" "$(grep -oE '"(contact|name|phone|email|reason_text)":' "$out/bodies" | sort -u)"
for secret_text in "Karen" "Blixen" "20 30 40" "example.dk" "$reason_text" "$ref1" "$ref2" "$ref3" "$ref4" "$ref5" "$ref6"; do
	grep -qwF "$secret_text" "$out/central.err" && bad "the server's log has a contact detail or a reference: $secret_text"
done
check "logs: a booking's path is logged without its reference" yes \
	"$(grep -Eq 'POST /v1/bookings/-/checkin 200 [0-9]+ms kiosk=test-02$' "$out/central.err" && echo yes)"
check "events: the server records none of its own" 0 "$(db "SELECT COUNT(*) FROM events WHERE type LIKE 'kiosk.booking.%' OR type LIKE 'kiosk.checkin.%'")"

# ---------------------------------------------------------------- retention
# [booking] retention_days = 2 at the test office: details are kept through
# the appointment's day and two more days.
contacts_by_day() {
	db "SELECT group_concat(day || ':' || n, ' ') FROM (SELECT b.day AS day, COUNT(c.booking) AS n FROM bookings b LEFT JOIN booking_contacts c ON c.booking = b.id WHERE b.office = 'test' AND b.service = 'pension' GROUP BY b.day ORDER BY b.day)"
}
bookings=$(db "SELECT COUNT(*) FROM bookings")
check "retention: before, every booking has its details" "$tue:3 $thu:3 $fri:4" "$(contacts_by_day)"
clock '2030-06-06 23:59'
check "retention: on Thursday nothing has passed 2 days yet" "200 0" "$(req POST /v1/_test/purge) $(jget .purged)"
clock '2030-06-07 00:00'
check "retention: from Friday, Tuesday's details are gone (cancelled ones too)" "200 3" "$(req POST /v1/_test/purge) $(jget .purged)"
check "retention: by day" "$tue:0 $thu:3 $fri:4" "$(contacts_by_day)"
check "retention: a purged booking cannot be cancelled" "409 not_active" "$(cancel "$k1" "$(key)" "$ref2" 4051) $(jget .error.code)"
clock '2030-06-10 00:00'
check "retention: from Monday, Thursday's and Friday's are gone too" "200 7" "$(req POST /v1/_test/purge) $(jget .purged)"
check "retention: no contact detail is left, the bookings stay for statistics" "0 $bookings" \
	"$(db "SELECT COUNT(*) FROM booking_contacts") $(db "SELECT COUNT(*) FROM bookings")"
check "retention: the details are not in the database file or its WAL" "" \
	"$(cat "$data"/central.db* | grep -aoE 'Karen Blixen|karen\.b@example|Kierkegaard|Asta Nielsen|Niels Bohr|\+45 20 30 40 5|May payment' | sort -u | tr '\n' ' ')"
check "find: a booking without details is still found" "200 booked" "$(kreq "$k1" GET "/v1/bookings/$ref3") $(jget .state)"

# ---------------------------------------------------------------- wrong second checks
# BOOKING_CHECK_LIMIT (5) wrong checks in a day, over all kiosks, and the
# booking takes none until the day is over: the 10,000 four-digit endings
# cannot be tried over the API. A retry of one request is not counted twice.
hold "$k1" "$(key)" race in_person "$(utc '2030-06-12 12:00')" >/dev/null
confirm "$k1" "$(key)" "$(jget .hold)" '{"name":"Hans Scherfig","phone":"+45 20 30 40 58"}' >/dev/null
ref8=$(jget .reference)
for wrong in 1111 2222 3333; do
	cancel "$k1" "$(key)" "$ref8" "$wrong" >/dev/null
done
wkey=$(key)
check "checks: the fourth wrong check is 403" "403 check_failed" "$(cancel "$k2" "$wkey" "$ref8" 4444) $(jget .error.code)"
check "checks: its retry with the same key is the same answer" "403 check_failed" "$(cancel "$k2" "$wkey" "$ref8" 4444) $(jget .error.code)"
check "checks: and is not counted again" 4 "$(db "SELECT failures FROM booking_checks WHERE booking = (SELECT id FROM bookings WHERE reference = '$ref8')")"
check "checks: the fifth wrong check is still 403" "403 check_failed" "$(cancel "$k1" "$(key)" "$ref8" 5555) $(jget .error.code)"
check "checks: then even the right one is 429 too_many_checks, until a day after the first wrong one" \
	"429 too_many_checks $(utc '2030-06-11 00:00')" "$(cancel "$k1" "$(key)" "$ref8" 4058) $(jget .error.code) $(jget .until)"
clock '2030-06-10 23:59'
check "checks: a minute before, still refused" 429 "$(cancel "$k2" "$(key)" "$ref8" 4058)"
check "checks: the booking can still be checked in and found: only the check is locked" "200 booked" \
	"$(kreq "$k1" GET "/v1/bookings/$ref8") $(jget .state)"
clock '2030-06-11 00:00'
check "checks: a day after the first wrong one, the right check cancels it" "200 cancelled" \
	"$(cancel "$k1" "$(key)" "$ref8" 4058) $(jget .state)"

# ---------------------------------------------------------------- the real clock
req POST /v1/_test/clock -d '{"now":null}' >/dev/null
check "availability: on the wall clock, the next two weeks have slots" yes \
	"$(avail "$k1" pension in_person "$(date -u +%Y-%m-%dT%H:%M:%S.000Z)" "$(date -u -d '+14 days' +%Y-%m-%dT%H:%M:%S.000Z)" >/dev/null; [ "$(jlen .slots)" -gt 0 ] && echo yes)"
check "clock: a bad body is 400" 400 "$(req POST /v1/_test/clock -d '{"now":"soon"}')"
stop TERM "the server stops cleanly"
finish "kiosk-central's bookings follow docs/protocol.md"
