#!/bin/sh
# make bench, printing part: from the tap that takes a number ("Take a number")
# to the job accepted by the printer, on the virtual receipt printer of the
# CUPS rig: directly (ipp://, 15 tickets) and through the private cupsd (5
# tickets: cupsd's ipp backend polls the printer on a 1, 1, 2, 3, 5 s
# schedule, so a job there takes seconds to complete). Prints medians as
# "name value unit"; a path that fails prints its reason on stderr instead.
# Usage: print_latency.sh KIOSK SRC
set -eu
kiosk=$1 src=$2
out=$(mktemp -d /tmp/kiosk-bench-print.XXXXXX)
# cupsd runs its backend as user lp, which must reach the spool below this folder.
chmod 755 "$out"
trap 'sh "$src/tests/cups/rig.sh" stop "$out/rig" >/dev/null 2>&1 || true; [ -n "${KEEP:-}" ] || rm -rf "$out"' EXIT
sh "$src/tests/cups/rig.sh" start "$out/rig" >/dev/null
# shellcheck disable=SC1091
. "$out/rig/env"
export CUPS_SERVER

script() { # script N
	i=0
	while [ "$i" -lt "$1" ]; do
		printf 'tap lang.en\ntap home.ticket\ntap ticket.digital\ntap ticket.take\nsync\nwait-print\ntap number.done\n'
		i=$((i + 1))
	done
}
script 15 >"$out/direct.script"
script 5 >"$out/cupsd.script"

median() { sort -n | awk '{v[NR] = $1} END {if (NR) printf "%.1f", v[int((NR + 1) / 2)] / 1000}'; }

for path in cupsd direct; do
	dest=$RECEIPT_URI
	[ "$path" = cupsd ] && dest=$RECEIPT_QUEUE
	sed -e "s|^destination =.*|destination = $dest|" \
		-e "s|^services = .*|services = $src/assets/site/demo-services.json|" \
		-e "s/^job_timeout_s = .*/job_timeout_s = 20/" "$src/assets/site/demo.ini" >"$out/$path.ini"
	timeout 60 "$kiosk" --config "$out/$path.ini" --assets "$src/assets" --data-dir "$out/data-$path" \
		--clock 2026-11-23T10:00 --script "$out/$path.script" --bench-fd 3 3>"$out/$path.times" >"$out/$path.log" 2>&1 ||
		echo "bench: printing via $path did not finish: $(tail -n 2 "$out/$path.log")" >&2
	times=$(sed -n 's/^print-accepted-us //p' "$out/$path.times")
	[ -n "$times" ] && echo "tap_to_job_accepted_${path}_ms $(echo "$times" | median) ms"
done
