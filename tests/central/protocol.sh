#!/bin/sh
# kiosk-central against docs/protocol.md, over real HTTP with curl: the real
# server on an ephemeral port with a fresh data folder, every endpoint, every
# test fault, TLS with and without client certificates, a clean stop.
# Usage: protocol.sh KIOSK_CENTRAL PROJECT_ROOT OUT
# Every check compares what the server answered (or stored) with a value the
# script derived itself; each failure is printed and the exit status is 1.
set -u
server=$1 root=$2 out=$3
site=$root/tests/central/site.ini
services=$root/tests/central/services.json
data=$out/data
# shellcheck source=tests/central/http.sh
. "$root/tests/central/http.sh"

# jtype .PATH [FILE]: the JSON type of what jget reads; jvalid: whether the last body is JSON.
jtype() {
	sqlite3 :memory: "SELECT json_type(CAST(readfile('${2:-$out/body}') AS TEXT), '\$$1');"
}
jvalid() {
	sqlite3 :memory: "SELECT json_valid(CAST(readfile('$out/body') AS TEXT));"
}
# header NAME: that header of the last reply, without the CR.
header() {
	sed -n "s/^$1: *//Ip" "$out/headers" | tr -d '\r' | head -n 1
}

now=$(date -u +%Y-%m-%dT%H:%M:%S.000Z)
hour_ago=$(date -u -d '-1 hour' +%Y-%m-%dT%H:%M:%S.000Z)
# event ID TYPE DATA SOURCE: one CloudEvent.
event() {
	printf '{"specversion":"1.0","id":"%s","source":"%s","type":"%s","time":"%s","data":%s}' "$1" "$4" "$2" "$now" "$3"
}
# many N PREFIX SOURCE: a batch of N session events.
many() {
	awk -v n="$1" -v p="$2" -v s="$3" -v t="$now" 'BEGIN {
		printf "["
		for (i = 0; i < n; i++)
			printf "%s{\"specversion\":\"1.0\",\"id\":\"%s-%d\",\"source\":\"%s\",\"type\":\"kiosk.session.started\",\"time\":\"%s\"}", (i ? "," : ""), p, i, s, t
		printf "]"
	}'
}
# counts SOURCE: "count received" of the test endpoint.
counts() {
	req GET "/v1/_test/events?source=$1" >/dev/null
	echo "$(jget '.count') $(jget '.received')"
}

# ---------------------------------------------------------------- tokens, start
token=$("$server" --data "$data" --new-token test)
check "--new-token prints a token like K7Q2-9XRD-MW4T" yes \
	"$(echo "$token" | grep -Eq '^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$' && echo yes)"
token_b=$("$server" --data "$data" --new-token test)
token_demo=$("$server" --data "$data" --new-token demo)
token_elsewhere=$("$server" --data "$data" --new-token elsewhere)
rc=0
"$server" --data "$data" --new-token 'Not An Office' >/dev/null 2>&1 || rc=$?
check "--new-token refuses a malformed office id (usage error)" 2 "$rc"
rc=0
"$server" --data "$data" --office "test=$site" >/dev/null 2>&1 || rc=$?
check "serving without --listen is a usage error" 2 "$rc"

desk='desk-token-0123456789'
start plain --listen 127.0.0.1:0 --data "$data" --office "test=$site" --office "demo=$root/assets/site/demo.ini" \
	--test-faults --desk-token "$desk"
check "stdout is exactly one line, listening on http://127.0.0.1:PORT" "1 yes" \
	"$(wc -l <"$out/plain.out" | tr -d ' ') $(grep -Eq '^listening on http://127\.0\.0\.1:[1-9][0-9]*$' "$out/plain.out" && echo yes)"

# ---------------------------------------------------------------- enrolment
check "enrol: 201" 201 "$(req POST /v1/enrol -d "{\"token\":\"$token\",\"name\":\"Entrance\",\"version\":\"0.1.0\"}")"
k1=$(jget '.secret')
check "enrol: kiosk id and office" "test-01 test" "$(jget '.kiosk_id') $(jget '.office')"
check "enrol: the secret is 43 base64url characters" "43 43" "$(printf '%s' "$k1" | tr -cd 'A-Za-z0-9_-' | wc -c | tr -d ' ') ${#k1}"
check "enrol: a token is used once (403)" "403 token_invalid" \
	"$(req POST /v1/enrol -d "{\"token\":\"$token\"}") $(jget '.error.code')"
check "enrol: a token for an office not served here is refused" "403 token_invalid" \
	"$(req POST /v1/enrol -d "{\"token\":\"$token_elsewhere\"}") $(jget '.error.code')"
check "enrol: an unknown token is refused" 403 "$(req POST /v1/enrol -d '{"token":"0000-0000-0000"}')"
check "enrol: a body without a token is 400" "400 bad_request" "$(req POST /v1/enrol -d '{"name":"x"}') $(jget '.error.code')"
lower=$(echo "$token_b" | tr -d - | tr '[:upper:]' '[:lower:]')
check "enrol: case and dashes of a token do not matter" "201 test-02" \
	"$(req POST /v1/enrol -d "{\"token\":\"$lower\"}") $(jget '.kiosk_id')"
k2=$(jget '.secret')
check "enrol: into the second office" "201 demo-01" "$(req POST /v1/enrol -d "{\"token\":\"$token_demo\"}") $(jget '.kiosk_id')"
kd=$(jget '.secret')
[ "$k1" != "$k2" ] || bad "two kiosks got the same secret"

# ---------------------------------------------------------------- authentication
check "no bearer: 401 unauthorized" "401 unauthorized" "$(req GET /v1/config) $(jget '.error.code')"
check "401 says the scheme" Bearer "$(header WWW-Authenticate)"
check "a wrong secret: 401" 401 "$(kreq "$(echo "$k1" | tr 'A-Za-z' 'B-ZAb-za')" GET /v1/config)"
check "events without a bearer: 401" 401 "$(req POST /v1/events -d '[]')"
check "tickets without a bearer: 401" 401 "$(req POST /v1/tickets -H 'Idempotency-Key: x' -d '{}')"
check "an error body says whether to retry" false "$(jtype '.error.retryable')"

# ---------------------------------------------------------------- events
s1=/kiosk/test-01
event e1 kiosk.session.started '{}' "$s1" >"$out/b1"
{
	printf '['
	event e1 kiosk.session.started '{}' "$s1"
	printf ','
	event e2 kiosk.language.selected '{"lang":"da"}' "$s1"
	printf ','
	event e3 kiosk.session.ended '{"reason":"done"}' "$s1"
	printf ']'
} >"$out/batch3"
check "events: a batch is stored" "200 3 0 0" \
	"$(kreq "$k1" POST /v1/events -H 'Content-Type: application/cloudevents-batch+json' --data-binary "@$out/batch3") $(jget '.accepted') $(jget '.duplicates') $(jlen .rejected)"
check "events: the same batch again is all duplicates" "200 0 3" \
	"$(kreq "$k1" POST /v1/events --data-binary "@$out/batch3") $(jget '.accepted') $(jget '.duplicates')"
check "events: stored once, received twice" "3 6" "$(counts "$s1")"
check "events: counted by type" "1 1" "$(jget '.types."kiosk.session.started"') $(jget '.types."kiosk.language.selected"')"
{
	printf '['
	event g1 kiosk.staff.requested '{"screen":"home"}' "$s1"
	printf ','
	event g2 kiosk.session.ended '{"reason":"idle"}' "$s1"
	printf ']'
} | gzip -c >"$out/batch.gz"
check "events: a gzip body is accepted" "200 2" \
	"$(kreq "$k1" POST /v1/events -H 'Content-Encoding: gzip' --data-binary "@$out/batch.gz") $(jget '.accepted')"
{
	printf '['
	head -c 32766 /dev/zero | tr '\0' ' '
	printf ']'
} | gzip -c >"$out/exact.gz"
check "events: a gzip body that fills the inflate buffer exactly" "200 0" \
	"$(kreq "$k1" POST /v1/events -H 'Content-Encoding: gzip' --data-binary "@$out/exact.gz") $(jget '.accepted')"
{
	printf '[%s,' "$(event m1 kiosk.session.started '{}' "$s1")" | gzip -c
	printf '%s]' "$(event m2 kiosk.session.started '{}' "$s1")" | gzip -c
} >"$out/members.gz"
check "events: a gzip body of two members is one body" "200 2" \
	"$(kreq "$k1" POST /v1/events -H 'Content-Encoding: gzip' --data-binary "@$out/members.gz") $(jget '.accepted')"
head -c 20 "$out/batch.gz" >"$out/cut.gz"
check "events: a broken gzip body is 400" 400 "$(kreq "$k1" POST /v1/events -H 'Content-Encoding: gzip' --data-binary "@$out/cut.gz")"
check "events: an empty batch is fine" "200 0" "$(kreq "$k1" POST /v1/events -d '[]') $(jget '.accepted')"
{
	printf '['
	event w1 kiosk.session.started '{}' "$s1"
	printf ','
	event w2 kiosk.session.started '{}' /kiosk/test-02
	printf ']'
} >"$out/wrong"
check "events: another kiosk's source is 403 wrong_source" "403 wrong_source" \
	"$(kreq "$k1" POST /v1/events --data-binary "@$out/wrong") $(jget '.error.code')"
check "events: nothing of a wrong_source batch is stored" "7 10" "$(counts "$s1")"
many 501 big "$s1" >"$out/b501"
check "events: 501 events are 413 batch_too_large" "413 batch_too_large" \
	"$(kreq "$k1" POST /v1/events --data-binary "@$out/b501") $(jget '.error.code')"
many 500 big "$s1" >"$out/b500"
check "events: 500 events are one batch" "200 500" "$(kreq "$k1" POST /v1/events --data-binary "@$out/b500") $(jget '.accepted')"
check "events: not an array is 400 bad_batch" "400 bad_batch" "$(kreq "$k1" POST /v1/events -d '{"a":1}') $(jget '.error.code')"
check "events: an array of non-objects is 400 bad_batch" "400 bad_batch" "$(kreq "$k1" POST /v1/events -d '[1,2]') $(jget '.error.code')"
check "events: not JSON is 400 bad_batch" 400 "$(kreq "$k1" POST /v1/events -d 'hello')"
printf '[{"specversion":"1.0","id":"r1","source":"%s","type":"kiosk.session.started"},{"specversion":"1.0","id":"r2","source":"%s"},{"specversion":"0.3","id":"r3","source":"%s","type":"x"},{"specversion":"1.0","source":"%s","type":"x"}]' \
	"$s1" "$s1" "$s1" "$s1" >"$out/rej"
check "events: invalid events are rejected one by one" "200 1 3" \
	"$(kreq "$k1" POST /v1/events --data-binary "@$out/rej") $(jget '.accepted') $(jlen .rejected)"
check "events: each rejection names the event and why" "r2 invalid_event missing 'type' r3 null" \
	"$(jget '.rejected[0].id') $(jget '.rejected[0].code') $(jget '.rejected[0].message') $(jget '.rejected[1].id') $(jtype '.rejected[2].id')"
{
	printf '['
	head -c 5000000 /dev/zero | tr '\0' ' '
	printf ']'
} | gzip -c >"$out/bomb.gz"
check "a body over 4 MiB once decompressed is 413" 413 "$(kreq "$k1" POST /v1/events -H 'Content-Encoding: gzip' --data-binary "@$out/bomb.gz")"
check "events: the counts after all that" "508 511" "$(counts "$s1")"

# ---------------------------------------------------------------- health
health='{"kiosk_id":"test-01","version":"0.1.0","uptime_s":8123,"boots":14,"store":"ok","clock_offset_ms":null}'
check "health: 204" 204 "$(kreq "$k1" POST /v1/health -d "$health")"
check "health: a second report replaces the first" 204 "$(kreq "$k1" POST /v1/health -d "$(echo "$health" | sed 's/8123/9000/')")"
check "health: the latest report is stored, one per kiosk" "1 9000" \
	"$(sqlite3 "$data/central.db" "SELECT COUNT(*), json_extract(report, '\$.uptime_s') FROM health WHERE kiosk_id = 'test-01'" | tr '|' ' ')"
check "health: not an object is 400" 400 "$(kreq "$k1" POST /v1/health -d '[1]')"

# ---------------------------------------------------------------- config and content
check "config: 200" 200 "$(kreq "$k1" GET /v1/config)"
etag=$(header ETag)
cp "$out/body" "$out/config"
check "config: the site" "Central Test Office|Pacific/Kiritimati|[\"en\",\"da\"]|en" \
	"$(jget '.site.name')|$(jget '.site.time_zone')|$(jget '.site.languages')|$(jget '.site.default_language')"
check "config: services is the site's services file" \
	"$(sqlite3 :memory: "SELECT json(CAST(readfile('$services') AS TEXT))")" "$(jget '.services')"
check "config: an ETag" yes "$(echo "$etag" | grep -Eq '^"[^"]+"$' && echo yes)"
check "config: If-None-Match with it is 304" "304 $etag" "$(kreq "$k1" GET /v1/config -H "If-None-Match: $etag") $(header ETag)"
check "config: another ETag gets the document" 200 "$(kreq "$k1" GET /v1/config -H 'If-None-Match: "c-0"')"
check "config: each kiosk gets its own office's site" "200 Europe/Copenhagen" \
	"$(kreq "$kd" GET /v1/config) $(jget '.site.time_zone')"
[ "$(header ETag)" != "$etag" ] || bad "config: two offices have the same ETag"
check "translations: 200 as a .po file" "200 text/x-gettext-translation" \
	"$(kreq "$k1" GET /v1/content/translations/da) $(header Content-Type)"
cmp -s "$out/body" "$root/assets/po/da.po" || bad "translations: the body is not assets/po/da.po"
tag=$(header ETag)
check "translations: If-None-Match is 304" 304 "$(kreq "$k1" GET /v1/content/translations/da -H "If-None-Match: $tag")"
check "translations: an unknown language is 404" "404 unknown_language" \
	"$(kreq "$k1" GET /v1/content/translations/xx) $(jget '.error.code')"
check "translations: no way out of the folder" 404 "$(kreq "$k1" GET '/v1/content/translations/..%2Fsite%2Fdemo')"

# ---------------------------------------------------------------- tickets
day=$(TZ=Pacific/Kiritimati date +%F)
ticket() { # ticket SECRET KEY SERVICE [PRIORITY [DAY]]
	kreq "$1" POST /v1/tickets -H "Idempotency-Key: $2" -d "{\"service\":\"$3\",\"priority\":${4:-false},\"day\":\"${5:-$day}\"}"
}
check "tickets: no Idempotency-Key is 400" "400 missing_idempotency_key" \
	"$(kreq "$k1" POST /v1/tickets -d "{\"service\":\"citizen\",\"day\":\"$day\"}") $(jget '.error.code')"
check "tickets: the first number of the day" "201 A001 1 citizen $day 0 null" \
	"$(ticket "$k1" key-1 citizen) $(jget '.number') $(jget '.seq') $(jget '.service') $(jget '.day') $(jget '.ahead') $(jtype '.handling')"
cp "$out/body" "$out/first-ticket"
check "tickets: the next number, one ahead" "201 A002 1" "$(ticket "$k1" key-2 citizen) $(jget '.number') $(jget '.ahead')"
check "tickets: a replay is 200" 200 "$(ticket "$k1" key-1 citizen)"
cmp -s "$out/body" "$out/first-ticket" || bad "tickets: a replay's body differs from the first reply"
check "tickets: the same key with another body is 422" "422 idempotency_key_reused" \
	"$(ticket "$k1" key-1 citizen true) $(jget '.error.code')"
check "tickets: a day that is not the office's is 422" "422 wrong_day" "$(ticket "$k1" key-3 citizen false 2000-01-01) $(jget '.error.code')"
check "tickets: an unknown service is 404" "404 unknown_service" "$(ticket "$k1" key-4 nope) $(jget '.error.code')"
check "tickets: a closed service is 409" "409 service_closed" "$(ticket "$k1" key-5 closed) $(jget '.error.code')"
check "tickets: refusals use up no number" "201 A003 2" "$(ticket "$k1" key-6 citizen) $(jget '.number') $(jget '.ahead')"
check "tickets: each service has its own series" "201 B001" "$(ticket "$k1" key-7 pension) $(jget '.number')"
check "tickets: a priority ticket" "201 A004 3" "$(ticket "$k1" key-8 citizen true) $(jget '.number') $(jget '.ahead')"
check "tickets: numbers are the office's, whichever kiosk asks (same key, other kiosk)" "201 A005" \
	"$(ticket "$k2" key-1 citizen) $(jget '.number')"
check "queue: waiting per service" "200 $day 5 1 0" \
	"$(kreq "$k1" GET /v1/queue) $(jget '.day') $(jget '.services[0].waiting') $(jget '.services[1].waiting') $(jget '.services[2].waiting')"
offline=$(printf '{"specversion":"1.0","id":"off-1","source":"%s","type":"kiosk.ticket.issued","time":"%s","data":{"service":"citizen","number":"A501","day":"%s","priority":false,"allocated_by":"kiosk"}}' "$s1" "$hour_ago" "$day")
echo_server=$(printf '{"specversion":"1.0","id":"srv-1","source":"%s","type":"kiosk.ticket.issued","time":"%s","data":{"service":"citizen","number":"A001","day":"%s","priority":false,"allocated_by":"server"}}' "$s1" "$now" "$day")
check "tickets: a ticket issued offline arrives as an event" "200 2" \
	"$(kreq "$k1" POST /v1/events -d "[$offline,$echo_server]") $(jget '.accepted')"
check "tickets: it counts in ahead; the server's own number is not counted twice" "201 A006 6" \
	"$(ticket "$k1" key-9 citizen) $(jget '.number') $(jget '.ahead')"

# ---------------------------------------------------------------- desks
next() { # next KEY DESK [SERVICE]: the server serves two offices, so the desk names its own
	kreq "$desk" POST /v1/desk/next -H "Idempotency-Key: $1" -d "{\"service\":\"${3:-citizen}\",\"desk\":\"$2\",\"office\":\"test\"}"
}
check "desk: a kiosk's secret is not a desk's" 401 "$(kreq "$k1" POST /v1/desk/next -H 'Idempotency-Key: d0' -d '{"service":"citizen","desk":"1"}')"
check "desk: no Idempotency-Key is 400" "400 missing_idempotency_key" \
	"$(kreq "$desk" POST /v1/desk/next -d '{"service":"citizen","desk":"1"}') $(jget '.error.code')"
check "desk: with two offices served, the desk must say which" 400 \
	"$(kreq "$desk" POST /v1/desk/next -H 'Idempotency-Key: d0' -d '{"service":"citizen","desk":"1"}')"
check "desk: priority first" "200 A004 1" "$(next d1 1) $(jget '.number') $(jget '.desk')"
check "desk: then the oldest (the offline ticket from an hour ago)" "200 A501" "$(next d2 1) $(jget '.number')"
check "desk: a replay calls nobody new" "200 A501" "$(next d2 1) $(jget '.number')"
check "desk: then in order" "200 A001" "$(next d3 1) $(jget '.number')"
check "queue: no estimate from 2 visits" "200 4 null" "$(kreq "$k1" GET /v1/queue) $(jget '.services[0].waiting') $(jtype '.services[0].handling')"
check "desk: in order" "200 A002" "$(next d4 1) $(jget '.number')"
check "queue: an estimate from 3 visits at 1 desk" "3 1 integer" \
	"$(kreq "$k1" GET /v1/queue >/dev/null; jget '.services[0].handling.samples') $(jget '.services[0].handling.desks') $(jtype '.services[0].handling.avg_s')"
check "desk: a second desk" "200 A003" "$(next d5 2) $(jget '.number')"
check "queue: desks that called lately" 2 "$(kreq "$k1" GET /v1/queue >/dev/null; jget '.services[0].handling.desks')"
check "tickets: the estimate comes with a number" "201 A007 3" "$(ticket "$k1" key-10 citizen) $(jget '.number') $(jget '.handling.samples')"
check "desk: an unknown service is 404" 404 "$(next d6 1 nope)"
check "desk: the other service" "200 B001" "$(next d7 1 pension) $(jget '.number')"
check "desk: nobody waits: 204" 204 "$(next d8 1 pension)"

# ---------------------------------------------------------------- bookings are there (tests/central/bookings.sh tests them)
check "availability: an incomplete query is 400" "400 bad_request" "$(kreq "$k1" GET '/v1/availability?service=citizen') $(jget '.error.code')"
check "holds: a body that is not a hold is 400" 400 "$(kreq "$k1" POST /v1/holds -H 'Idempotency-Key: h0' -d '{}')"
check "bookings/<ref>/cancel: an unknown reference is 404" "404 unknown_booking" \
	"$(kreq "$k1" POST /v1/bookings/K7R-49X/cancel -H 'Idempotency-Key: c0' -d '{"check":"1234"}') $(jget '.error.code')"
check "bookings/<ref>/other: 404" 404 "$(kreq "$k1" POST /v1/bookings/K7R-49X/other -H 'Idempotency-Key: c1' -d '{}')"
check "an unknown path is 404" "404 not_found" "$(kreq "$k1" GET /v1/nothing) $(jget '.error.code')"
check "a path with a newline is 404" 404 "$(kreq "$k1" GET '/v1/x%0A2026-01-01T00:00:00.000Z%20GET%20/v1/forged%20200')"
check "a wrong method is 405 with Allow" "405 POST" "$(kreq "$k1" GET /v1/events) $(header Allow)"

# ---------------------------------------------------------------- test faults
arm() {
	req POST /v1/_test/faults -d "$1"
}
post_event() { # post_event ID: status of a one-event batch
	kreq "$k1" POST /v1/events -d "[$(event "$1" kiosk.session.started '{}' "$s1")]"
}
base=$(counts "$s1" | cut -d' ' -f1)
check "faults: arming is 204" 204 "$(arm '{"path":"/v1/events","mode":"status","status":503,"count":2,"retry_after":"2"}')"
check "faults: status (1 of 2)" "503 injected_fault 1 2" \
	"$(post_event f1) $(jget '.error.code') $(jget '.error.retryable') $(header Retry-After)"
check "faults: status (2 of 2)" 503 "$(post_event f1)"
check "faults: status requests were not processed" "$base" "$(counts "$s1" | cut -d' ' -f1)"
check "faults: used up after count" "200 1" "$(post_event f1) $(jget '.accepted')"
arm '{"path":"/v1/events","mode":"reset"}' >/dev/null
rc=0
curl -sS -o /dev/null -H "Authorization: Bearer $k1" -d "[$(event f2 kiosk.session.started '{}' "$s1")]" "$url/v1/events" 2>/dev/null || rc=$?
check "faults: reset drops the connection mid-body (curl: partial file)" 18 "$rc"
check "faults: reset was not processed" "$((base + 1))" "$(counts "$s1" | cut -d' ' -f1)"
arm '{"path":"/v1/events","mode":"reset_after_commit"}' >/dev/null
rc=0
curl -sS -o /dev/null -H "Authorization: Bearer $k1" -d "[$(event f3 kiosk.session.started '{}' "$s1")]" "$url/v1/events" 2>/dev/null || rc=$?
check "faults: reset_after_commit drops the connection too" 18 "$rc"
check "faults: reset_after_commit stored the event" "$((base + 2))" "$(counts "$s1" | cut -d' ' -f1)"
check "faults: the retry is a duplicate" "200 0 1" "$(post_event f3) $(jget '.accepted') $(jget '.duplicates')"
arm '{"path":"/v1/events","mode":"truncate"}' >/dev/null
check "faults: truncate is a 200 with cut JSON" "200 0" "$(post_event f4) $(jvalid)"
[ -s "$out/body" ] || bad "faults: truncate sent no body at all"
arm '{"path":"/v1/events","mode":"malformed"}' >/dev/null
check "faults: malformed is a 200 that is not JSON" "200 0" "$(post_event f4) $(jvalid)"
arm '{"path":"/v1/events","mode":"oversize"}' >/dev/null
check "faults: oversize is a 200 of 20 MiB" "200 20971520" \
	"$(curl -sS -o /dev/null -w '%{http_code} %{size_download}' -H "Authorization: Bearer $k1" -d "[$(event f4 kiosk.session.started '{}' "$s1")]" "$url/v1/events")"
check "faults: truncate, malformed, oversize were not processed" "$((base + 2))" "$(counts "$s1" | cut -d' ' -f1)"
arm '{"path":"/v1/tickets","mode":"reset_after_commit"}' >/dev/null
rc=0
curl -sS -o /dev/null -H "Authorization: Bearer $k1" -H 'Idempotency-Key: key-11' -d "{\"service\":\"pension\",\"priority\":false,\"day\":\"$day\"}" "$url/v1/tickets" 2>/dev/null || rc=$?
check "faults: a ticket whose reply was lost..." 18 "$rc"
check "faults: ...is the same ticket when asked again with its key" "200 B002" "$(ticket "$k1" key-11 pension) $(jget '.number')"
check "faults: ...and the next one follows it" "201 B003" "$(ticket "$k1" key-12 pension) $(jget '.number')"
arm '{"path":"/v1/queue","mode":"slow","delay_ms":1500}' >/dev/null
curl -sS -o "$out/slow" -w '%{http_code} %{time_total}' -H "Authorization: Bearer $k1" "$url/v1/queue" >"$out/slow.status" &
slow=$!
sleep 0.3
fast=$(curl -sS -o /dev/null -w '%{http_code} %{time_total}' -H "Authorization: Bearer $k1" "$url/v1/config")
check "faults: other requests go on while one is slow" yes \
	"$(echo "$fast" | awk '$1 == 200 && $2 < 1.0 { print "yes" }')"
wait "$slow"
check "faults: slow answers normally, after the delay" yes \
	"$(awk '$1 == 200 && $2 >= 1.4 { print "yes" }' "$out/slow.status")"
arm '{"path":"/v1/health","mode":"status","status":500,"count":5}' >/dev/null
check "faults: DELETE clears them" 204 "$(req DELETE /v1/_test/faults)"
check "faults: cleared" 204 "$(kreq "$k1" POST /v1/health -d "$health")"
check "faults: a bad mode is 400" 400 "$(arm '{"path":"/v1/events","mode":"explode"}')"
check "test events: source is required" 400 "$(req GET /v1/_test/events)"
stop INT

# ---------------------------------------------------------------- TLS, no test endpoints
tls=$out/tls
mkdir -p "$tls"
pki() { # pki NAME CN ISSUER: an EC key and a certificate signed by ISSUER ("" = self-signed CA)
	openssl ecparam -name prime256v1 -genkey -noout -out "$tls/$1.key" 2>/dev/null
	if [ -z "$3" ]; then
		openssl req -x509 -new -key "$tls/$1.key" -subj "/CN=$2" -days 2 -out "$tls/$1.pem" 2>/dev/null
	else
		openssl req -new -key "$tls/$1.key" -subj "/CN=$2" -out "$tls/$1.csr" 2>/dev/null
		printf 'subjectAltName=IP:127.0.0.1\n' >"$tls/$1.ext"
		openssl x509 -req -in "$tls/$1.csr" -CA "$tls/$3.pem" -CAkey "$tls/$3.key" -CAcreateserial -days 2 \
			-extfile "$tls/$1.ext" -out "$tls/$1.pem" 2>/dev/null
	fi
}
pki ca "Test CA" ""
pki other "Other CA" ""
pki server 127.0.0.1 ca
pki client test-01 ca
pki stranger test-01 other

start tls --listen 127.0.0.1:0 --data "$data" --office "test=$site" --tls-cert "$tls/server.pem" --tls-key "$tls/server.key"
check "https: the line says https" yes "$(grep -Eq '^listening on https://127\.0\.0\.1:[1-9][0-9]*$' "$out/tls.out" && echo yes)"
check "https: the secret still works (same data)" 200 "$(kreq "$k1" GET /v1/config --cacert "$tls/ca.pem")"
check "without --test-faults the fault endpoint is 404" 404 "$(req POST /v1/_test/faults --cacert "$tls/ca.pem" -d '{"path":"/v1/events","mode":"reset"}')"
check "without --test-faults the events endpoint is 404" 404 "$(req GET "/v1/_test/events?source=$s1" --cacert "$tls/ca.pem")"
stop TERM

start mtls --listen 127.0.0.1:0 --data "$data" --office "test=$site" --tls-cert "$tls/server.pem" --tls-key "$tls/server.key" \
	--client-ca "$tls/ca.pem"
check "mutual TLS: with a client certificate" 200 \
	"$(kreq "$k1" GET /v1/config --cacert "$tls/ca.pem" --cert "$tls/client.pem" --key "$tls/client.key")"
check "mutual TLS: the handshake is refused without one" 000 "$(kreq "$k1" GET /v1/config --cacert "$tls/ca.pem")"
check "mutual TLS: and with one from another authority" 000 \
	"$(kreq "$k1" GET /v1/config --cacert "$tls/ca.pem" --cert "$tls/stranger.pem" --key "$tls/stranger.key")"
stop TERM

# ---------------------------------------------------------------- logs
for secret in "$k1" "$k2" "$kd" "$token" "$token_b" "$token_demo" "$lower" "$desk"; do
	if grep -qF "$secret" "$out"/*.err; then
		bad "a secret or token is in the server's log"
	fi
done
check "logs: no line forged through a path" 0 "$(grep -c '^2026-01-01T00:00:00.000Z GET /v1/forged' "$out/plain.err")"
check "logs: one line per request, with the kiosk id" yes \
	"$(grep -Eq 'Z POST /v1/tickets 201 [0-9]+ms kiosk=test-01$' "$out/plain.err" && echo yes)"

finish "kiosk-central speaks protocol v1"
