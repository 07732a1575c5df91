#!/bin/sh
# The uplink against the real reference server (kiosk-central --test-faults):
#  1. enrolment: a fresh token works once (credentials.json 0600), a second
#     use fails with the technician's message;
#  2. the server down while 1,000 events pile up: all delivered once it starts;
#  3. injected faults on /v1/events (500, 503, 429 + Retry-After, slow, reset
#     mid-body, reset after commit, truncated, malformed, oversized replies,
#     422 refusals): every committed event is delivered exactly once, the
#     refused ones are parked;
#  4. the kiosk SIGKILLed at random moments 50 times: zero lost;
#  5. a wrong secret, then credentials removed on the server: UPLINK_AUTH and
#     nothing deleted; re-enrolling delivers what waited;
#  6. TLS with a client certificate (mutual TLS): enrolment and delivery work
#     with ca_file and the certificate; without the CA (the server is not
#     trusted) or without the certificate nothing is sent and nothing is lost.
# "Delivered exactly once" is checked by counting: the kiosk's tickets table
# (never emptied) says how many kiosk.ticket.issued events it committed, the
# server's /v1/_test/events how many distinct ones it stored.
# KIOSK_UPLINK_BACKOFF_MS=50 shortens the backoff (tests only; uplink.h).
# Usage: faults.sh KIOSK CENTRAL DRIVER SRC OUT
set -u
kiosk=$1 central=$2 driver=$3 src=$4 out=$5
rm -rf "$out"
mkdir -p "$out"
fail=0
bad() { echo "FAIL: $*"; fail=1; }
KIOSK_UPLINK_BACKOFF_MS=50
export KIOSK_UPLINK_BACKOFF_MS
t_start=$(date +%s)

# shellcheck source=tests/uplink/server.sh
. "$src/tests/uplink/server.sh"

# A site file for the server and, with its [server] url, the kiosk's.
sed "s|^services = .*|services = $src/assets/site/demo-services.json|" "$src/assets/site/demo.ini" >"$out/site.ini"
start_server 127.0.0.1:0
port=${url##*:}
printf '[server]\nurl = %s\nheartbeat_s = 10\n' "$url" | cat "$out/site.ini" - >"$out/kiosk.ini"
data=$out/kiosk-data

clear_faults() { curl -s -o /dev/null -X DELETE "$url/v1/_test/faults"; }
# counts KIOSK_ID FIELD: "count" (distinct), "received" (with duplicates) or an event type.
counts() {
	curl -s "$url/v1/_test/events?source=/kiosk/$1" >"$out/counts.json"
	n=$(sed -n "s/.*\"$2\": *\([0-9][0-9]*\).*/\1/p" "$out/counts.json")
	echo "${n:-0}"
}
kdb() { sqlite3 "$data/kiosk.db" "$1"; }
# What the server must hold: tickets committed, less those the server refused.
expected() { kdb "SELECT (SELECT count(*) FROM tickets WHERE service = 'drv') -
	(SELECT count(*) FROM parked WHERE type = 'kiosk.ticket.issued')"; }
drive() { # NAME ARGS...: runs the driver, its output in NAME.log; returns its status
	name=$1
	shift
	"$driver" --config "$out/kiosk.ini" --data-dir "$data" --quiet "$@" >"$out/$name.log" 2>&1
}
summary() { sed -n "s/^summary: .*$1=\([^ ]*\).*/\1/p" "$out/$2.log"; }
check_delivered() { # NAME KIOSK_ID
	got=$(counts "$2" kiosk.ticket.issued)
	want=$(expected)
	depth=$(kdb "SELECT count(*) FROM events")
	if [ "$got" -ne "$want" ] || [ "$depth" -ne 0 ]; then
		bad "$1: the server has $got distinct tickets, the kiosk committed $want; $depth left in the outbox"
		tail -5 "$out/$1.log"
	else
		echo "ok: $1: $got tickets delivered exactly once ($(counts "$2" received) received)"
	fi
}

# 1. Enrolment.
token=$("$central" --data "$out/central" --new-token demo)
if ! LANGUAGE=en "$kiosk" --enrol "$token" --config "$out/kiosk.ini" --data-dir "$data" >"$out/enrol.out" 2>&1; then
	bad "enrolment with a fresh token failed:"
	cat "$out/enrol.out"
	exit 1
fi
grep -q "^enrolled as kiosk demo-01 of office demo; the credentials are in $data/credentials.json$" "$out/enrol.out" ||
	bad "enrolment message: $(cat "$out/enrol.out")"
[ "$(stat -c %a "$data/credentials.json")" = 600 ] || bad "credentials.json is not mode 0600"
[ ! -e "$data/credentials.json.tmp" ] || bad "the temporary file was left behind"
cp "$data/credentials.json" "$out/credentials.good"
LANGUAGE=en "$kiosk" --enrol "$token" --config "$out/kiosk.ini" --data-dir "$out/second" >"$out/enrol2.out" 2>&1
rc=$?
[ "$rc" -eq 1 ] || bad "a used token: exit $rc, expected 1"
grep -q "the server refused the token: it is unknown, already used or expired; ask for a new one" "$out/enrol2.out" ||
	bad "used token message: $(cat "$out/enrol2.out")"
[ ! -e "$out/second/credentials.json" ] || bad "a refused enrolment wrote credentials"
LANGUAGE=da "$kiosk" --enrol "$token" --config "$out/kiosk.ini" --data-dir "$out/second" >"$out/enrol3.out" 2>&1
grep -q "serveren afviste koden" "$out/enrol3.out" || bad "the refusal is not in Danish: $(cat "$out/enrol3.out")"
echo "ok: enrolment works once, credentials.json is 0600, a used token is refused"

# 2. The server down while 1,000 events pile up.
stop_server
"$driver" --config "$out/kiosk.ini" --data-dir "$data" --events 1000 --deadline 60 >"$out/down.log" 2>&1 &
driver_pid=$!
i=0
while [ "$(kdb "SELECT count(*) FROM tickets" 2>/dev/null || echo 0)" -lt 1000 ] && [ "$i" -lt 200 ]; do
	sleep 0.1
	i=$((i + 1))
done
sleep 1
[ "$(kdb "SELECT count(*) FROM events")" -ge 1000 ] || bad "the events did not pile up while the server was down"
grep -q "^uplink: offline" "$out/down.log" || bad "the uplink did not report offline with the server down"
t0=$(date +%s%N)
start_server "127.0.0.1:$port"
wait "$driver_pid" || bad "the driver did not drain 1,000 events after the server came back"
t1=$(date +%s%N)
check_delivered down demo-01
echo "figure: 1000 events drained $(((t1 - t0) / 1000000)) ms after the server started" \
	"(backoff included; driver: $(summary elapsed_ms down) ms in all)"

# Throughput with the server up from the start.
drive throughput --events 2000 --deadline 60 || bad "2,000 events were not delivered"
check_delivered throughput demo-01
echo "figure: 2000 events committed and delivered in $(summary elapsed_ms throughput) ms"

# 3. Faults, each on a fresh 100 events.
for f in \
	'{"path":"/v1/events","mode":"status","status":500,"count":3}' \
	'{"path":"/v1/events","mode":"status","status":503,"count":3}' \
	'{"path":"/v1/events","mode":"status","status":429,"count":1,"retry_after":"2"}' \
	'{"path":"/v1/events","mode":"slow","count":1,"delay_ms":3000}' \
	'{"path":"/v1/events","mode":"reset","count":2}' \
	'{"path":"/v1/events","mode":"reset_after_commit","count":2}' \
	'{"path":"/v1/events","mode":"truncate","count":2}' \
	'{"path":"/v1/events","mode":"malformed","count":2}' \
	'{"path":"/v1/events","mode":"oversize","count":1}' \
	'{"path":"/v1/events","mode":"status","status":422,"count":10}'; do
	name=$(echo "$f" | sed 's/.*"mode":"\([a-z_]*\)".*/\1/;')$(echo "$f" | sed -n 's/.*"status":\([0-9]*\).*/-\1/p')
	before=$(counts demo-01 received)
	clear_faults
	faults "$f"
	drive "$name" --events 100 --deadline 40 || bad "$name: not delivered in time"
	check_delivered "$name" demo-01
	ms=$(summary elapsed_ms "$name")
	case "$name" in
	status-5*)
		grep -q "^uplink: offline" "$out/$name.log" || bad "$name: no offline report"
		grep -q "^uplink: ok" "$out/$name.log" || bad "$name: no ok report after the fault"
		;;
	status-429) [ "$ms" -ge 2000 ] || bad "429: Retry-After 2 s not honoured ($ms ms)" ;;
	slow) [ "$ms" -ge 3000 ] || bad "slow: the reply came faster than the fault allows ($ms ms)" ;;
	reset_after_commit)
		[ $(($(counts demo-01 received) - before)) -gt 100 ] ||
			bad "reset_after_commit: no duplicate was received, so nothing was resent"
		;;
	status-422)
		p=$(kdb "SELECT count(*) FROM parked WHERE code = 'injected_fault'")
		[ "$p" -ge 1 ] || bad "422: no event was parked"
		[ "$(counts demo-01 kiosk.uplink.parked)" -ge 1 ] || bad "422: no kiosk.uplink.parked event arrived"
		grep -q "parked=$p" "$out/$name.log" || bad "422: the parked count was not reported"
		echo "    422: $p events parked after bisection"
		;;
	esac
done
clear_faults

# Data that is not JSON (an old build cut it at 160 bytes) can never be sent: the kiosk parks it itself.
kdb "INSERT INTO events(id, time_ms, type, data) VALUES('01BADDATA00000000000000000', 1, 'kiosk.ticket.printed', '{\"number\":\"A0')"
drive bad-data --events 20 --deadline 20 || bad "bad data: the rest was not delivered"
[ "$(kdb "SELECT count(*) FROM parked WHERE code = 'kiosk_invalid_data'")" -eq 1 ] || bad "bad data was not parked"
check_delivered bad-data demo-01

# 4. SIGKILL at random moments, 50 times: each run takes 200 tickets and is
# killed within 0.35 s, mostly while it uploads; every fifth upload is slowed
# so the kill surely lands while the server holds the batch.
seed=$(od -An -N2 -tu2 /dev/urandom | tr -d ' ')
delays=$(awk -v s="$seed" 'BEGIN { srand(s); for (i = 0; i < 50; i++) printf "%.3f\n", 0.02 + rand() * 0.33 }')
n=0
: >"$out/kill.log"
for d in $delays; do
	n=$((n + 1))
	[ $((n % 5)) -eq 0 ] && faults '{"path":"/v1/events","mode":"slow","count":1,"delay_ms":400}'
	"$driver" --config "$out/kiosk.ini" --data-dir "$data" --events 200 --deadline 20 --quiet >>"$out/kill.log" 2>&1 &
	pid=$!
	sleep "$d"
	kill -9 "$pid" 2>/dev/null
	wait "$pid" 2>/dev/null
done
finished=$(grep -c '^summary:' "$out/kill.log")
echo "    kill seed $seed: $((50 - finished)) of 50 runs killed before they finished"
[ "$finished" -le 25 ] || bad "only $((50 - finished)) runs were killed: the kills came too late"
clear_faults
drive kill-drain --events 0 --deadline 30 || bad "after 50 kills the outbox did not drain"
check_delivered kill-drain demo-01
[ "$(counts demo-01 received)" -ge "$(counts demo-01 count)" ] || bad "received fewer than distinct?"

# 5. Credentials refused: a wrong secret, then the kiosk removed on the server.
sed 's/"secret":"[^"]*"/"secret":"not-the-secret"/' "$out/credentials.good" >"$data/credentials.json"
drive wrong-secret --events 10 --until auth --deadline 15 || bad "a wrong secret did not give UPLINK_AUTH"
[ "$(kdb "SELECT count(*) FROM events")" -ge 10 ] || bad "wrong secret: events were deleted"
grep -q "^uplink: auth" "$out/wrong-secret.log" || bad "wrong secret: no auth report"
cp "$out/credentials.good" "$data/credentials.json"
drive secret-restored --events 0 --deadline 20 || bad "the right secret again: not delivered"
check_delivered secret-restored demo-01

sqlite3 "$out/central/central.db" "DELETE FROM kiosks WHERE kiosk_id = 'demo-01'"
drive removed --events 10 --until auth --deadline 15 || bad "a kiosk removed on the server did not get UPLINK_AUTH"
waiting=$(kdb "SELECT count(*) FROM events")
[ "$waiting" -ge 10 ] || bad "removed kiosk: events were deleted ($waiting left)"
token=$("$central" --data "$out/central" --new-token demo)
LANGUAGE=en "$kiosk" --enrol "$token" --config "$out/kiosk.ini" --data-dir "$data" >"$out/enrol4.out" 2>&1 ||
	bad "re-enrolment failed: $(cat "$out/enrol4.out")"
kid=$(sed -n 's/.*"kiosk_id":"\([^"]*\)".*/\1/p' "$data/credentials.json")
before=$(counts "$kid" count)
drive re-enrolled --events 0 --deadline 20 || bad "after re-enrolment: not delivered"
got=$(($(counts "$kid" count) - before))
[ "$got" -eq "$waiting" ] || bad "after re-enrolment as $kid the server got $got new events, $waiting waited"
echo "ok: refused credentials stop uploads without deleting; re-enrolled as $kid, the $waiting waiting arrive"

# Without a [server] url there is nothing to enrol with.
LANGUAGE=en "$kiosk" --enrol "$token" --config "$out/site.ini" --data-dir "$out/none" >"$out/enrol5.out" 2>&1
rc=$?
[ "$rc" -eq 1 ] || bad "enrolling without a url: exit $rc, expected 1"
grep -q "\[server\] url is not set" "$out/enrol5.out" || bad "no-url message: $(cat "$out/enrol5.out")"

# The heartbeat reached the server with the documented fields.
report=$(sqlite3 "$out/central/central.db" "SELECT report FROM health WHERE kiosk_id = 'demo-01'")
for field in '"version":"0.1.0-test"' '"boots":' '"outbox":{"depth":' '"disk":{"free_bytes":' \
	'"queues":[{"service":"drv"' '"clock_offset_ms":'; do
	case "$report" in *"$field"*) ;; *) bad "heartbeat lacks $field: $report" ;; esac
done

# 6. TLS, mutual: a test CA, the server's certificate for 127.0.0.1, the kiosk's.
stop_server
tls=$out/tls
mkdir -p "$tls"
mk() { # NAME OPTION...: a P-256 key and a request (or with -x509, a certificate)
	n=$1
	shift
	openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout "$tls/$n.key" -subj "/CN=$n" "$@"
}
{
	mk ca -x509 -days 2 -out "$tls/ca.pem"
	mk server -out "$tls/server.csr"
	mk client -out "$tls/client.csr"
	printf 'subjectAltName=IP:127.0.0.1\n' >"$tls/san.ext"
	openssl x509 -req -in "$tls/server.csr" -CA "$tls/ca.pem" -CAkey "$tls/ca.key" -CAcreateserial -days 2 \
		-extfile "$tls/san.ext" -out "$tls/server.pem"
	openssl x509 -req -in "$tls/client.csr" -CA "$tls/ca.pem" -CAkey "$tls/ca.key" -CAcreateserial -days 2 \
		-out "$tls/client.pem"
} >"$tls/openssl.log" 2>&1 || bad "cannot make test certificates: $(cat "$tls/openssl.log")"
cdata=$out/central-tls
start_server 127.0.0.1:0 --tls-cert "$tls/server.pem" --tls-key "$tls/server.key" --client-ca "$tls/ca.pem"
case "$url" in https://*) ;; *) bad "the TLS server does not say https: $url" ;; esac
printf '[server]\nurl = %s\nca_file = %s\nclient_cert = %s\nclient_key = %s\n' "$url" "$tls/ca.pem" \
	"$tls/client.pem" "$tls/client.key" | cat "$out/site.ini" - >"$out/kiosk-tls.ini"
printf '[server]\nurl = %s\n' "$url" | cat "$out/site.ini" - >"$out/kiosk-untrusted.ini"
printf '[server]\nurl = %s\nca_file = %s\n' "$url" "$tls/ca.pem" | cat "$out/site.ini" - >"$out/kiosk-nocert.ini"
data=$out/tls-data
token=$("$central" --data "$cdata" --new-token demo)
LANGUAGE=en "$kiosk" --enrol "$token" --config "$out/kiosk-tls.ini" --data-dir "$data" >"$out/enrol-tls.out" 2>&1 ||
	bad "enrolment over mutual TLS failed: $(cat "$out/enrol-tls.out")"
for cfg in untrusted nocert; do
	"$driver" --config "$out/kiosk-$cfg.ini" --data-dir "$data" --events 5 --until offline --deadline 15 \
		>"$out/tls-$cfg.log" 2>&1 || bad "TLS $cfg: the uplink did not report offline"
done
grep -q "offline: .*[Cc]ertificate" "$out/tls-untrusted.log" || bad "an untrusted server was not refused for its certificate"
[ "$(kdb "SELECT count(*) FROM events")" -ge 10 ] || bad "TLS refusals: events were lost"
"$driver" --config "$out/kiosk-tls.ini" --data-dir "$data" --events 50 --deadline 20 >"$out/tls.log" 2>&1 ||
	bad "mutual TLS: not delivered"
tls_counts=$(curl -s --cacert "$tls/ca.pem" --cert "$tls/client.pem" --key "$tls/client.key" \
	"$url/v1/_test/events?source=/kiosk/demo-01")
got=$(echo "$tls_counts" | sed -n 's/.*"kiosk.ticket.issued": *\([0-9][0-9]*\).*/\1/p')
if [ "${got:-0}" -ne 60 ] || [ "$(kdb "SELECT count(*) FROM events")" -ne 0 ]; then
	bad "mutual TLS: the server has ${got:-0} tickets of 60: $tls_counts"
fi
echo "ok: mutual TLS: enrolment and 60 tickets delivered; an untrusted server and a missing certificate refused"

echo "fault suite: $(($(date +%s) - t_start)) s"
[ "$fail" -eq 0 ] && echo "uplink: all cases as expected"
exit "$fail"
