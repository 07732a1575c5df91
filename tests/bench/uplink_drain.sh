#!/bin/sh
# make bench, reporting part: the real store and uplink threads (the test
# driver tests/uplink/outbox_driver.c) deliver 10,000 events to the real
# kiosk-central on loopback: commit and drain time, events per second, and
# the drain of a backlog of 10,000 events that piled up while the server was
# away. Prints "name value unit" lines; failures go to stderr.
# Usage: uplink_drain.sh KIOSK CENTRAL DRIVER SRC
set -eu
# url and cdata come from server.sh.
# shellcheck disable=SC2154
kiosk=$1 central=$2 driver=$3 src=$4
out=$(mktemp -d /tmp/kiosk-bench-uplink.XXXXXX)
trap '[ -n "${KEEP:-}" ] || rm -rf "$out"' EXIT
# shellcheck source=tests/uplink/server.sh
. "$src/tests/uplink/server.sh"
trap 'stop_server; [ -n "${KEEP:-}" ] || rm -rf "$out"' EXIT
sed "s|^services = .*|services = $src/assets/site/demo-services.json|" "$src/assets/site/demo.ini" >"$out/site.ini"
start_server 127.0.0.1:0
printf '[server]\nurl = %s\nheartbeat_s = 3600\n' "$url" | cat "$out/site.ini" - >"$out/kiosk.ini"
token=$("$central" --data "$cdata" --new-token demo)
"$kiosk" --enrol "$token" --config "$out/kiosk.ini" --data-dir "$out/data" >/dev/null 2>&1 ||
	{ echo "uplink_drain: enrolment failed" >&2; exit 1; }
elapsed() { sed -n 's/^summary: .*elapsed_ms=\([0-9]*\).*/\1/p' "$1"; }

# Online: each event committed and uploaded as the kiosk makes them.
"$driver" --config "$out/kiosk.ini" --data-dir "$out/data" --events 10000 --deadline 120 --quiet >"$out/online.log" 2>&1 ||
	{ echo "uplink_drain: the online run failed: $(tail -n 1 "$out/online.log")" >&2; exit 1; }
ms=$(elapsed "$out/online.log")
echo "uplink_10000_events_committed_and_delivered_ms $ms ms"
awk -v ms="$ms" 'BEGIN { printf "uplink_events_per_s %.0f events/s\n", 10000 * 1000 / ms }'

# A backlog: the server away while 10,000 events pile up, then back.
port=${url##*:}
stop_server
"$driver" --config "$out/kiosk.ini" --data-dir "$out/data" --events 10000 --until offline --deadline 120 --quiet \
	>"$out/backlog.log" 2>&1 || true
start_server "127.0.0.1:$port"
KIOSK_UPLINK_BACKOFF_MS=10 "$driver" --config "$out/kiosk.ini" --data-dir "$out/data" --events 0 --deadline 120 \
	--quiet >"$out/drain.log" 2>&1 ||
	{ echo "uplink_drain: the backlog did not drain: $(tail -n 1 "$out/drain.log")" >&2; exit 1; }
echo "uplink_backlog_10000_drain_ms $(elapsed "$out/drain.log") ms"
