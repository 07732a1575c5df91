# Sourced by the central tests (protocol.sh, bookings.sh): the real
# kiosk-central over HTTP with curl, and the checks. Needs $server (the
# binary) and $out (the test's folder, made afresh here).
#   bad MESSAGE, check WHAT EXPECTED ACTUAL   count failures, print each
#   req METHOD PATH [CURL ARGS...]            prints the status (see below)
#   kreq SECRET METHOD PATH [CURL ARGS...]    the same with a bearer
#   jget .PATH [FILE], jlen .PATH             read the last reply's JSON
#   start NAME ARGS..., stop SIGNAL [WHAT]    the server; sets $url and $pid
#   finish WHAT                               the verdict and the exit status
# shellcheck shell=sh disable=SC2154

rm -rf "$out"
mkdir -p "$out"
failures=0
pid=
url=
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null' EXIT

bad() {
	echo "FAIL: $*"
	failures=$((failures + 1))
}
# check WHAT EXPECTED ACTUAL
check() {
	if [ "$2" = "$3" ]; then
		echo "ok: $1"
	else
		bad "$1: expected '$2', got '$3'"
	fi
}

# req METHOD PATH [CURL ARGS...]: prints the status; the body in $out/body
# (and appended to $out/bodies, every reply the server gave), the headers in
# $out/headers.
req() {
	m=$1 p=$2
	shift 2
	code=$(curl -sS -o "$out/body" -D "$out/headers" -w '%{http_code}' -X "$m" "$@" "$url$p" 2>"$out/curl.err")
	cat "$out/body" >>"$out/bodies" 2>/dev/null
	echo >>"$out/bodies"
	echo "$code"
}
# kreq SECRET METHOD PATH [CURL ARGS...]: req with a kiosk's (or desk's) bearer.
kreq() {
	s=$1
	shift
	m=$1 p=$2
	shift 2
	req "$m" "$p" -H "Authorization: Bearer $s" "$@"
}
# jget .PATH [FILE]: a value of the JSON in FILE (default: the last body), as SQLite prints it
# (true is 1, null is empty).
jget() {
	sqlite3 :memory: "SELECT json_extract(CAST(readfile('${2:-$out/body}') AS TEXT), '\$$1');"
}
jlen() {
	sqlite3 :memory: "SELECT json_array_length(CAST(readfile('$out/body') AS TEXT), '\$$1');"
}

# start NAME ARGS...: runs the server and waits for its "listening on" line.
start() {
	name=$1
	shift
	"$server" "$@" >"$out/$name.out" 2>"$out/$name.err" &
	pid=$!
	url=
	i=0
	while [ "$i" -lt 100 ] && [ -z "$url" ]; do
		url=$(sed -n 's/^listening on //p' "$out/$name.out" 2>/dev/null)
		if [ -z "$url" ]; then
			kill -0 "$pid" 2>/dev/null || break
			sleep 0.1
		fi
		i=$((i + 1))
	done
	if [ -z "$url" ]; then
		bad "$name: the server did not start: $(cat "$out/$name.err")"
		exit 1
	fi
}
# stop SIGNAL [WHAT]: the server stops cleanly, with status 0 (checked as WHAT).
stop() {
	kill "-$1" "$pid"
	rc=0
	wait "$pid" || rc=$?
	pid=
	check "${2:-SIG$1 stops the server with status 0}" 0 "$rc"
}
# finish WHAT: PASS: WHAT when every check passed; else the count, and status 1.
finish() {
	if [ "$failures" -ne 0 ]; then
		echo "$failures check(s) failed; the server's logs are in $out"
		exit 1
	fi
	echo "PASS: $1"
	exit 0
}
