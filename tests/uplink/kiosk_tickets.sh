#!/bin/sh
# The real kiosk (offscreen, driven by scripts) enrolled to the real
# kiosk-central, on an office whose services are open around the clock:
#  a. queue numbers come from the server: A001, A002, A003, in the kiosk's
#     tickets and the server's, each told who is ahead from the reply;
#  b. after a desk calls (POST /v1/desk/next with the desk token), the wait
#     screen tells how many people are ahead and the expected range;
#  c. the server stopped: A501 from the kiosk's offline series at once; the
#     server slow: A502 at the 1.5 s deadline, the server's late number left
#     unused; both delivered once it is back and counted in "ahead";
#  d. a changed site (office and service names) is applied at the next
#     attract screen, never inside a session, and the kiosk restarted without
#     the server still uses it (the last good copy);
#  e. bad site data (not JSON; a language the kiosk has no translation for)
#     is refused once, recorded as kiosk.config.rejected, the last good copy
#     kept, also after a restart.
# The kiosk's clock (--clock) is the real local time in the office's zone:
# the server checks the ticket's day against its own clock.
# Usage: kiosk_tickets.sh KIOSK CENTRAL SRC OUT
set -u
kiosk=$1 central=$2 src=$3 out=$4
# shellcheck source=tests/uplink/checks.sh
. "$src/tests/uplink/checks.sh"
KIOSK_UPLINK_BACKOFF_MS=50
export KIOSK_UPLINK_BACKOFF_MS
zone=Europe/Copenhagen
desk='desk-token-for-tests-0123'
t_start=$(date +%s)

# shellcheck source=tests/uplink/server.sh
. "$src/tests/uplink/server.sh"
kdb() { sqlite3 -cmd ".timeout 5000" "$data/kiosk.db" "$1"; }
cdb() { sqlite3 -cmd ".timeout 5000" "$cdata/central.db" "$1"; }

# run NAME: the kiosk runs $out/NAME.script; its log is NAME.log, its
# "ticket-us" figures (tap to number committed) NAME.bench.
run() {
	clock=$(TZ=$zone date +%Y-%m-%dT%H:%M)
	"$kiosk" --config "$out/kiosk.ini" --assets "$src/assets" --data-dir "$data" --out "$out" --clock "$clock" \
		--script "$out/$1.script" --bench-fd 3 3>"$out/$1.bench" >"$out/$1.log" 2>&1 && return 0
	bad "$1: the script failed: $(grep -v '^kiosk: ' "$out/$1.log" | head -3)"
	return 1
}
ms() { sed -n 's/^ticket-us //p' "$out/$1.bench" | awk '{ printf "%s%d", (NR > 1 ? " " : ""), $1 / 1000 }'; }

# The script lines that take a number: SERVICE NUMBER [AHEAD].
take() {
	echo "tap attract.start"
	echo "tap home.ticket"
	echo "tap ticket.$1"
	[ "$1" = citizen ] && echo "tap priority.no"
	echo "expect-screen wait"
	echo "tap ticket.take"
	echo "sync"
	echo "expect-screen number"
	echo "expect-text $2"
	[ -n "${3:-}" ] && echo "expect-ahead $3"
	echo "tap number.done"
}
# The wait screen for the citizen desk, after the queue is fetched.
wait_screen() {
	echo "tap attract.start"
	echo "tap home.ticket"
	echo "tap ticket.citizen"
	echo "tap priority.no"
	echo "sync"
	echo "expect-screen wait"
}

# The office, with copies of the files d and e change.
cp "$src/tests/uplink/tickets-services.json" "$out/services.json"
sed "s|^services = .*|services = $out/services.json|" "$src/tests/uplink/tickets-site.ini" >"$out/site.ini"
start_server 127.0.0.1:0 --desk-token "$desk"
port=${url##*:}
printf '[server]\nurl = %s\n' "$url" | cat "$out/site.ini" - >"$out/kiosk.ini"
data=$out/kiosk-data
token=$("$central" --data "$cdata" --new-token demo)
LANGUAGE=en "$kiosk" --enrol "$token" --config "$out/kiosk.ini" --data-dir "$data" >"$out/enrol.out" 2>&1 ||
	bad "enrolment failed: $(cat "$out/enrol.out")"

# a. Numbers from the server.
begin
{
	take citizen A001 0
	take citizen A002 1
	take citizen A003 2
} >"$out/a.script"
run a
[ "$(kdb "SELECT group_concat(number, ',') FROM (SELECT number FROM tickets ORDER BY number)")" = 1,2,3 ] ||
	bad "a: the kiosk's tickets are $(kdb "SELECT group_concat(number, ',') FROM tickets")"
[ "$(cdb "SELECT group_concat(number || ':' || allocated_by, ',') FROM (SELECT * FROM tickets ORDER BY number)")" = \
	A001:server,A002:server,A003:server ] || bad "a: the server's tickets are $(cdb "SELECT number FROM tickets")"
ok "a. A001, A002, A003 from the server, in both databases (tap to number: $(ms a) ms)"

# b. A desk calls: ten earlier visits of 10 minutes at desk 9, then A001.
begin
now=$(($(date +%s) * 1000))
i=11
while [ "$i" -ge 1 ]; do
	cdb "INSERT INTO calls(office, service, desk, called_ms, number) VALUES('demo', 'citizen', '9', $((now - i * 600000)), 'A9$i')"
	i=$((i - 1))
done
called=$(curl -s -H "Authorization: Bearer $desk" -H 'Idempotency-Key: desk-call-1' -H 'Content-Type: application/json' \
	--data '{"service":"citizen","desk":"9"}' "$url/v1/desk/next")
[ "$called" = '{"number":"A001","desk":"9"}' ] || bad "b: the desk call answered $called"
# Two wait (A002, A003); 11 visits of about 10 minutes, one desk: 20 minutes
# expected, shown as 10-40 (kiosk/core/queue.c).
{
	wait_screen
	echo "expect-text 2 people are ahead of you."
	echo "expect-text Expected wait: 10–40 minutes"
	echo "shot b-wait.png"
	echo "tap ticket.take"
	echo "sync"
	echo "expect-text A004"
	echo "expect-ahead 2"
	echo "tap number.done"
} >"$out/b.script"
run b
ok "b. after a desk call the wait screen says 2 people are ahead, 10-40 minutes; A004 told 2 ahead"

# c. The server stopped: the offline series at once.
begin
stop_server
take citizen A501 >"$out/c1.script"
run c1
c1=$(ms c1)
if [ -z "$c1" ] || [ "$c1" -ge 2000 ]; then bad "c: A501 took ${c1:-?} ms with the server down"; fi
[ "$(kdb "SELECT count(*) FROM events WHERE data LIKE '%\"A501\"%allocated_by\":\"kiosk\"%'")" = 1 ] ||
	bad "c: A501's event is not waiting in the outbox"
# The server back but slow: the number at the deadline from the offline series.
start_server "127.0.0.1:$port" --desk-token "$desk"
faults '{"path":"/v1/tickets","mode":"slow","count":1,"delay_ms":3000}'
{
	echo "sync-uplink"
	wait_screen
	echo "expect-text 4 people are ahead of you."
	echo "tap ticket.take"
	echo "sync"
	echo "expect-text A502"
	echo "expect-ahead 4"
	echo "tap number.done"
} >"$out/c2.script"
run c2
c2=$(ms c2)
if [ -z "$c2" ] || [ "$c2" -lt 1400 ] || [ "$c2" -ge 2500 ]; then bad "c: A502 took ${c2:-?} ms with the server slow"; fi
i=0
while [ "$(cdb "SELECT count(*) FROM tickets WHERE number = 'A005'")" != 1 ] && [ "$i" -lt 50 ]; do
	sleep 0.1
	i=$((i + 1))
done
[ "$(cdb "SELECT allocated_by FROM tickets WHERE number = 'A005'")" = server ] ||
	bad "c: the slow request allocated no number on the server"
[ "$(kdb "SELECT count(*) FROM tickets WHERE number = 5")" = 0 ] || bad "c: the kiosk used the late number A005"
# Both delivered: the server counts A501 and A502 (and the unused A005) ahead.
{
	echo "sync-uplink"
	wait_screen
	echo "expect-text 6 people are ahead of you."
	echo "tap ticket.take"
	echo "sync"
	echo "expect-text A006"
	echo "expect-ahead 6"
	echo "tap number.done"
} >"$out/c3.script"
run c3
[ "$(cdb "SELECT group_concat(number || ':' || allocated_by, ',') FROM tickets WHERE number LIKE 'A5%'")" = \
	A501:kiosk,A502:kiosk ] || bad "c: the server has not learned A501 and A502"
ok "c. server down: A501 in $c1 ms; server slow: A502 in $c2 ms, the late A005 unused; both counted ahead of A006"

# d. New site data: applied at the attract screen, never in a session.
begin
stop_server
sed -i 's/^name = .*/name = Uplink Test Office Nord/' "$out/site.ini"
sed -i 's/"en": "Pensions"/"en": "Pensions and benefits"/' "$out/services.json"
start_server "127.0.0.1:$port" --desk-token "$desk"
# Slowed, so that the kiosk's first round ends inside the visitor's session.
faults '{"path":"/v1/config","mode":"slow","count":1,"delay_ms":800}'
{
	echo "tap attract.start"
	echo "tap home.ticket"
	echo "sync-uplink"
	echo "expect-screen ticket"
	echo "expect-text Pensions"
	echo "expect-no-text Pensions and benefits"
	echo "advance 100000"
	echo "expect-screen attract"
	echo "expect-text Uplink Test Office Nord"
	echo "tap attract.start"
	echo "tap home.ticket"
	echo "expect-text Pensions and benefits"
	echo "tap nav.home"
} >"$out/d1.script"
run d1
grep -q '"name":"Uplink Test Office Nord"' "$data/server/site.json" || bad "d: site.json does not hold the new name"
etag=$(sed -n 's/^{"etag":"\(\\"[^\\]*\\"\)".*/\1/p' "$data/server/site.json")
stop_server
{
	echo "expect-text Uplink Test Office Nord"
	take citizen A503
	echo "tap attract.start"
	echo "tap home.ticket"
	echo "expect-text Pensions and benefits"
	echo "tap nav.home"
} >"$out/d2.script"
run d2
ok "d. new site data applied at the attract screen after the session, and used after a restart without the server"

# e. Bad payloads: refused once each, the last good copy kept.
begin
start_server "127.0.0.1:$port" --desk-token "$desk"
faults '{"path":"/v1/config","mode":"malformed","count":1}'
{
	echo "sync-uplink"
	echo "sync-uplink"
	echo "expect-text Uplink Test Office Nord"
} >"$out/e1.script"
run e1
stop_server
sed -i 's/^languages = .*/languages = en da sv/' "$out/site.ini"
start_server "127.0.0.1:$port" --desk-token "$desk"
cp "$out/e1.script" "$out/e2.script"
run e2
cp "$out/e1.script" "$out/e3.script"
run e3
rejected=$(cdb "SELECT count(*) FROM events WHERE type = 'kiosk.config.rejected'")
[ "$rejected" = 2 ] || bad "e: $rejected kiosk.config.rejected events, expected 2: $(cdb "SELECT event FROM events WHERE type = 'kiosk.config.rejected'")"
cdb "SELECT event FROM events WHERE type = 'kiosk.config.rejected'" >"$out/rejected.txt"
grep -q '"kind":"site","etag":null,"error":"the site data is not valid JSON' "$out/rejected.txt" ||
	bad "e: the malformed payload's refusal: $(head -1 "$out/rejected.txt")"
grep -q '"error":"the kiosk has no translation for the language sv' "$out/rejected.txt" ||
	bad "e: the refusal of sv: $(tail -1 "$out/rejected.txt")"
[ "$(sed -n 's/^{"etag":"\(\\"[^\\]*\\"\)".*/\1/p' "$data/server/site.json")" = "$etag" ] ||
	bad "e: the last good copy was replaced"
[ "$(kdb "SELECT value FROM state WHERE key = 'site_rejected_etag'")" != "" ] || bad "e: the refused ETag is not kept"
applied=$(cdb "SELECT count(*) FROM events WHERE type = 'kiosk.config.applied' AND event LIKE '%\"kind\":\"site\"%'")
[ "$applied" = 2 ] || bad "e: $applied kiosk.config.applied events for site data, expected 2"
if [ ! -f "$data/server/po/da.po" ] || [ ! -f "$data/server/po/da.etag" ]; then bad "the Danish translation was not saved"; fi
ok "e. not JSON and a language without translation refused once each (also after a restart), the good copy kept"

echo "kiosk tickets: $(($(date +%s) - t_start)) s"
[ "$fail" -eq 0 ] && echo "kiosk_tickets: all cases as expected"
exit "$fail"
