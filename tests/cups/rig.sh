#!/bin/sh
# CUPS test rig: a private D-Bus, three virtual printers (ippeveprinter) and a
# private cupsd with a queue for two of them. Nothing touches /etc/cups, the
# system bus or port 631; everything lives under DIR and dies with "stop".
#
#   rig.sh start DIR                  fresh rig; writes DIR/env (KEY=VALUE lines)
#   rig.sh stop DIR                   kills what start started (saved PIDs)
#   rig.sh reset DIR                  every printer ready, every queue enabled
#   rig.sh state DIR PRINTER R...     printer reports reasons: +media-jam -cover-open
#   rig.sh state-next DIR PRINTER R...  ... from the start of the next job on
#   rig.sh media DIR LEVEL            paper level of the receipt roll (0 = empty)
#   rig.sh delay DIR PRINTER SECONDS  each job takes that long (0 = no delay)
#   rig.sh fail DIR PRINTER on|off    jobs fail (aborted by the printer)
#   rig.sh disable|reject DIR QUEUE   cupsdisable / cupsreject a queue (reset undoes)
#   rig.sh kill DIR PRINTER           the printer goes away (connection refused)
#   rig.sh revive DIR PRINTER         ... and comes back on the same port
#
# Printers (PRINTER above): receipt (80 mm, 203 dpi, PWG raster + PDF, from
# receipt80.attrs, queue "Receipt"), office (ippeveprinter's legacy A4/Letter
# office printer, PWG raster 300/600 dpi, queue "Office") and pdf (the receipt
# printer taking only PDF, no queue). See /work/shared/reference/cups.md.
set -eu

HERE=$(cd "$(dirname "$0")" && pwd)
PRINTERS="receipt office pdf"

die() {
	echo "rig: $*" >&2
	exit 1
}

usage() {
	sed -n '5,16p' "$0" | sed 's/^# \{0,1\}//' >&2
	exit 2
}

[ $# -ge 2 ] || usage
cmd=$1
DIR=$2
shift 2
case "$DIR" in
/*) ;;
*) DIR=$(pwd)/$DIR ;;
esac
case "$DIR" in
*[[:space:]]*) die "DIR must not contain spaces: $DIR" ;;
esac

# A port nobody listens on, on IPv4 or IPv6 (ippeveprinter binds both). Below
# the kernel's ephemeral range, so an outgoing connection cannot take it
# between this check and the bind; the daemons' own start-up check catches
# the remaining race.
TAKEN=""
free_port() {
	p=$((20000 + ($$ * 7 + $(date +%N | sed 's/^0*//;s/^$/0/')) % 12000))
	n=0
	while [ $n -lt 200 ]; do
		case " $TAKEN " in
		*" $p "*) ;;
		*)
			if port_free "$p"; then
				TAKEN="$TAKEN $p"
				echo "$p"
				return 0
			fi
			;;
		esac
		p=$((p + 1))
		n=$((n + 1))
	done
	die "no free port"
}

port_free() {
	# curl exit 7 = could not connect.
	rc=0
	curl -s -o /dev/null --max-time 1 "http://127.0.0.1:$1/" || rc=$?
	[ $rc -eq 7 ] || return 1
	rc=0
	curl -s -o /dev/null --max-time 1 "http://[::1]:$1/" || rc=$?
	[ $rc -eq 7 ] || [ $rc -eq 45 ] || [ $rc -eq 6 ]
}

# Runs "$@" in the background, detached (own session, stdio to a log), and
# saves its PID as DIR/pids/NAME.pid. ctest waits for the test's stdout to
# close, so no daemon may keep it open.
spawn() {
	name=$1
	log=$2
	shift 2
	setsid "$@" </dev/null >>"$log" 2>&1 &
	echo $! >"$DIR/pids/$name.pid"
}

alive() {
	[ -f "$DIR/pids/$1.pid" ] || return 1
	pid=$(cat "$DIR/pids/$1.pid")
	kill -0 "$pid" 2>/dev/null || return 1
	# A killed daemon whose parent exited stays a zombie when PID 1 does not
	# reap (cups.md pitfall 15): it is gone all the same.
	state=$(sed -n 's/^State:[[:space:]]*\([A-Z]\).*/\1/p' "/proc/$pid/status" 2>/dev/null || echo Z)
	[ "$state" != Z ]
}

# Kills a saved PID and waits (at most ~5 s) for it to go. spawn made it a
# process group leader: the group also holds what it started (a printer's
# running print command, which ippeveprinter leaves behind when killed).
reap() {
	[ -f "$DIR/pids/$1.pid" ] || return 0
	pid=$(cat "$DIR/pids/$1.pid")
	kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
	n=0
	while alive "$1" && [ $n -lt 50 ]; do
		sleep 0.1
		n=$((n + 1))
	done
	kill -KILL -- "-$pid" 2>/dev/null || true
	rm -f "$DIR/pids/$1.pid"
}

load_env() {
	[ -f "$DIR/env" ] || die "no rig in $DIR (run: rig.sh start $DIR)"
	# shellcheck disable=SC1091
	. "$DIR/env"
	export CUPS_SERVER
}

printer_port() {
	case "$1" in
	receipt) echo "$RECEIPT_PORT" ;;
	office) echo "$OFFICE_PORT" ;;
	pdf) echo "$PDF_PORT" ;;
	*) die "unknown printer: $1 (one of: $PRINTERS)" ;;
	esac
}

# Waits until the virtual printer answers Get-Printer-Attributes.
wait_printer() {
	uri=ipp://localhost:$2/ipp/print
	n=0
	while ! ipptool -q -T 1 "$uri" "$HERE/ready.test" 2>/dev/null; do
		alive "$1" || die "printer $1 exited; see $DIR/log/$1.log"
		n=$((n + 1))
		[ $n -lt 100 ] || die "printer $1 does not answer on $uri; see $DIR/log/$1.log"
		sleep 0.05
	done
	# Answered, but maybe someone else on a port taken since free_port.
	sleep 0.05
	alive "$1" || die "printer $1 exited; see $DIR/log/$1.log"
}

start_printer() {
	name=$1
	port=$(printer_port "$name")
	spool=$DIR/spool/$name
	mkdir -p "$spool"
	case "$name" in
	receipt) set -- -a "$HERE/receipt80.attrs" Receipt ;;
	pdf) set -- -a "$DIR/conf/pdf80.attrs" Pdf ;;
	office) set -- -M Rig -m "Office A4" Office ;;
	esac
	spawn "$name" "$DIR/log/$name.log" env DBUS_SYSTEM_BUS_ADDRESS="unix:path=$DIR/run/dbus.sock" \
		RIG_CTL="$DIR/ctl/$name" RIG_URI="ipp://localhost:$port/ipp/print" \
		ippeveprinter -v -r off -n localhost -p "$port" -d "$spool" -k -c "$HERE/print-cmd.sh" "$@"
	wait_printer "$name" "$port"
}

write_cupsd_conf() {
	c=$DIR/cupsd
	mkdir -p "$c/etc/ppd" "$c/spool/tmp" "$c/cache" "$c/state" "$c/log"
	{
		echo "ServerRoot $c/etc"
		echo "RequestRoot $c/spool"
		echo "TempDir $c/spool/tmp"
		echo "CacheDir $c/cache"
		echo "StateDir $c/state"
		echo "ErrorLog $c/log/error_log"
		echo "AccessLog $c/log/access_log"
		echo "PageLog $c/log/page_log"
		echo "ServerBin /usr/lib/cups"
		echo "DataDir /usr/share/cups"
		echo "DocumentRoot /usr/share/cups/doc-root"
		echo "FileDevice Yes"
		echo "Printcap"
		if [ "$(id -u)" -eq 0 ]; then
			# cupsd refuses User root; filters and backends run as lp.
			echo "User lp"
			echo "Group lp"
			echo "SystemGroup root"
		else
			echo "SystemGroup $(id -gn)"
		fi
	} >"$c/cups-files.conf"
	cat >"$c/cupsd.conf" <<EOF
LogLevel info
LogTimeFormat usecs
MaxLogSize 0
Listen 127.0.0.1:$CUPSD_PORT
Listen $c/state/cups.sock
Browsing Off
BrowseLocalProtocols none
DefaultShared No
WebInterface No
ErrorPolicy retry-job
JobRetryInterval 2
JobRetryLimit 1000
PreserveJobHistory Yes
PreserveJobFiles No
MaxJobs 0
# TEST ONLY: anyone may administer this cupsd.
DefaultAuthType None
<Location />
  Order allow,deny
  Allow all
</Location>
<Policy default>
  JobPrivateAccess all
  JobPrivateValues none
  SubscriptionPrivateAccess all
  SubscriptionPrivateValues none
  <Limit All>
    Order deny,allow
    Allow all
  </Limit>
</Policy>
EOF
}

do_start() {
	for tool in ippeveprinter ipptool cupsd lpadmin lpstat cupsenable cupsaccept dbus-daemon curl setsid; do
		command -v "$tool" >/dev/null 2>&1 || [ -x "/usr/sbin/$tool" ] ||
			die "$tool is missing (Debian: cups-daemon cups-client cups-ipp-utils dbus-daemon curl)"
	done
	PATH=$PATH:/usr/sbin
	[ -d "$DIR/pids" ] && do_stop
	rm -rf "$DIR"
	mkdir -p "$DIR/pids" "$DIR/run" "$DIR/log" "$DIR/ctl" "$DIR/spool" "$DIR/conf"
	t0=$(date +%s%N)

	RECEIPT_PORT=$(free_port)
	OFFICE_PORT=$(free_port)
	PDF_PORT=$(free_port)
	CUPSD_PORT=$(free_port)
	cat >"$DIR/env" <<EOF
RIG_DIR=$DIR
CUPS_SERVER=localhost:$CUPSD_PORT
CUPSD_PORT=$CUPSD_PORT
CUPSD_LOG=$DIR/cupsd/log/error_log
RECEIPT_PORT=$RECEIPT_PORT
RECEIPT_URI=ipp://localhost:$RECEIPT_PORT/ipp/print
RECEIPT_QUEUE=Receipt
RECEIPT_SPOOL=$DIR/spool/receipt
RECEIPT_CTL=$DIR/ctl/receipt
OFFICE_PORT=$OFFICE_PORT
OFFICE_URI=ipp://localhost:$OFFICE_PORT/ipp/print
OFFICE_QUEUE=Office
OFFICE_SPOOL=$DIR/spool/office
OFFICE_CTL=$DIR/ctl/office
PDF_PORT=$PDF_PORT
PDF_URI=ipp://localhost:$PDF_PORT/ipp/print
PDF_SPOOL=$DIR/spool/pdf
PDF_CTL=$DIR/ctl/pdf
EOF

	# The PDF-only printer is the receipt printer without PWG raster.
	sed -e 's/^ATTR text printer-make-and-model .*/ATTR text printer-make-and-model "Virtual PDF-only Receipt Printer"/' \
		-e 's|^ATTR mimeMediaType document-format-supported .*|ATTR mimeMediaType document-format-supported application/pdf,application/octet-stream|' \
		-e '/pwg-raster-document/d' "$HERE/receipt80.attrs" >"$DIR/conf/pdf80.attrs"

	# ippeveprinter will not start without a D-Bus system bus (cups.md 2.1).
	spawn dbus "$DIR/log/dbus.log" dbus-daemon --session --address="unix:path=$DIR/run/dbus.sock" --nofork --nopidfile
	n=0
	while [ ! -S "$DIR/run/dbus.sock" ]; do
		n=$((n + 1))
		[ $n -lt 100 ] || die "dbus-daemon did not start; see $DIR/log/dbus.log"
		sleep 0.02
	done

	for p in $PRINTERS; do
		start_printer "$p"
	done

	write_cupsd_conf
	spawn cupsd "$DIR/log/cupsd.out" cupsd -f -c "$DIR/cupsd/cupsd.conf" -s "$DIR/cupsd/cups-files.conf"
	n=0
	while ! lpstat -h "localhost:$CUPSD_PORT" -r 2>/dev/null | grep -q "is running"; do
		alive cupsd || die "cupsd exited; see $DIR/cupsd/log/error_log and $DIR/log/cupsd.out"
		n=$((n + 1))
		[ $n -lt 100 ] || die "cupsd does not answer on port $CUPSD_PORT"
		sleep 0.05
	done
	lpadmin -h "localhost:$CUPSD_PORT" -p Receipt -E -v "ipp://localhost:$RECEIPT_PORT/ipp/print" -m everywhere
	lpadmin -h "localhost:$CUPSD_PORT" -p Office -E -v "ipp://localhost:$OFFICE_PORT/ipp/print" -m everywhere

	t1=$(date +%s%N)
	echo "rig: started in $(((t1 - t0) / 1000000)) ms; env in $DIR/env"
}

do_stop() {
	for name in cupsd $PRINTERS dbus; do
		reap "$name"
	done
}

# Sends a tiny job so that the printer's print command emits the queued
# STATE: lines, and waits for the job to end.
run_ctl_job() {
	port=$(printer_port "$1")
	case "$1" in
	pdf) format=application/pdf ;;
	*) format=image/pwg-raster ;;
	esac
	ipptool -q -T 5 -f "$HERE/ctl-job.test" -d "format=$format" \
		"ipp://localhost:$port/ipp/print" "$HERE/ctl-job.test" ||
		die "control job on $1 failed"
}

# Queues STATE: lines for the printer's next job.
arm_state() {
	name=$1
	shift
	[ $# -ge 1 ] || usage
	printer_port "$name" >/dev/null
	for r in "$@"; do
		echo "STATE: $r"
	done >"$DIR/ctl/$name.state"
}

do_state() {
	arm_state "$@"
	run_ctl_job "$1"
}

do_media() {
	level=$1
	# ippeveprinter's web form: media-low-report at 1-24, media-empty-report at 0 (cups.md 5.2).
	curl -sf -o /dev/null --max-time 5 \
		"http://localhost:$RECEIPT_PORT/media?size0=om_receipt80_80x200mm&type0=continuous&level0=$level" ||
		die "media form failed"
}

do_reset() {
	for p in $PRINTERS; do
		alive "$p" || start_printer "$p"
		rm -f "$DIR/ctl/$p.delay" "$DIR/ctl/$p.fail" "$DIR/ctl/$p.state"
	done
	do_media 100
	# The printers in parallel: a reset runs before every test.
	pids=""
	for p in $PRINTERS; do
		do_state "$p" -media-jam -cover-open -media-empty -media-needed -media-low -paused &
		pids="$pids $!"
	done
	cancel -h "localhost:$CUPSD_PORT" -a Receipt Office 2>/dev/null || true
	for q in Receipt Office; do
		cupsenable -h "localhost:$CUPSD_PORT" "$q"
		cupsaccept -h "localhost:$CUPSD_PORT" "$q"
	done
	failed=0
	for pid in $pids; do
		wait "$pid" || failed=1
	done
	[ $failed -eq 0 ] || die "reset: a control job failed"
}

case "$cmd" in
start) do_start ;;
stop)
	do_stop
	echo "rig: stopped"
	;;
*)
	PATH=$PATH:/usr/sbin
	load_env
	case "$cmd" in
	reset) do_reset ;;
	state)
		[ $# -ge 2 ] || usage
		do_state "$@"
		;;
	state-next)
		[ $# -ge 2 ] || usage
		arm_state "$@"
		;;
	media)
		[ $# -eq 1 ] || usage
		do_media "$1"
		;;
	delay)
		[ $# -eq 2 ] || usage
		printer_port "$1" >/dev/null
		if [ "$2" = 0 ]; then rm -f "$DIR/ctl/$1.delay"; else echo "$2" >"$DIR/ctl/$1.delay"; fi
		;;
	fail)
		[ $# -eq 2 ] || usage
		printer_port "$1" >/dev/null
		if [ "$2" = on ]; then touch "$DIR/ctl/$1.fail"; else rm -f "$DIR/ctl/$1.fail"; fi
		;;
	disable | reject)
		[ $# -eq 1 ] || usage
		"cups$cmd" -h "localhost:$CUPSD_PORT" -r "rig: $cmd" "$1"
		;;
	kill)
		[ $# -eq 1 ] || usage
		printer_port "$1" >/dev/null
		reap "$1"
		;;
	revive)
		[ $# -eq 1 ] || usage
		alive "$1" || start_printer "$1"
		;;
	*) usage ;;
	esac
	;;
esac
