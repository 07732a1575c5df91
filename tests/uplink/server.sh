# Sourced by the uplink tests: the real kiosk-central for one test.
# Needs $central (the binary) and $out (the test's folder); serves office
# "demo" from $out/site.ini with its data in $cdata, fault injection on.
#   start_server HOST:PORT [OPTION...]  sets $url and $server_pid once it listens
#   stop_server                         stops it (also at exit)
#   faults JSON                         arms a fault (POST /v1/_test/faults)
# shellcheck shell=sh disable=SC2154

server_pid=
cdata=$out/central
stop_server() {
	if [ -n "$server_pid" ]; then
		kill "$server_pid" 2>/dev/null
		wait "$server_pid" 2>/dev/null
		server_pid=
	fi
}
trap stop_server EXIT

start_server() {
	: >"$out/central.out"
	listen=$1
	shift
	"$central" --listen "$listen" --data "$cdata" --office "demo=$out/site.ini" --test-faults "$@" \
		>"$out/central.out" 2>>"$out/central.log" &
	server_pid=$!
	i=0
	while [ "$i" -lt 100 ]; do
		url=$(sed -n 's/^listening on //p' "$out/central.out")
		[ -n "$url" ] && return 0
		sleep 0.1
		i=$((i + 1))
	done
	echo "the server did not start:"
	cat "$out/central.log"
	exit 1
}

faults() { curl -s -o /dev/null -X POST -H 'Content-Type: application/json' --data "$1" "$url/v1/_test/faults"; }
