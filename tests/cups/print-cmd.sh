#!/bin/sh
# The "print command" of the rig's virtual printers (ippeveprinter -c): it
# runs once per job with the spooled document as $1 ("<job-id>-<name>.<ext>")
# and reports to ippeveprinter through stderr (STATE:, ERROR: lines).
#
# rig.sh steers it through files named after $RIG_CTL, which ippeveprinter
# passes down from its own environment (one prefix per printer):
#   $RIG_CTL.state  "STATE: +media-jam" lines, emitted at the next job and
#                   removed (ippeveprinter keeps the reasons after the job)
#   $RIG_CTL.delay  seconds each job takes (stays until removed; removing it
#                   ends a waiting job at once)
#   $RIG_CTL.fail   present: the job fails (exit 1 -> job aborted)
# Each job appends "<start> <end> <file>" to $RIG_CTL.log.
#
# ippeveprinter does not stop a running command when its job is cancelled:
# the job stays "processing" (processing-to-stop-point) until the command
# exits. A waiting job therefore asks the printer ($RIG_URI) about itself
# and ends as soon as a cancel is pending, like a real printer would.
ctl=${RIG_CTL:?RIG_CTL is not set}
here=$(cd "$(dirname "$0")" && pwd)
start=$(date +%s.%N)
job_id=$(basename "$1" | cut -d- -f1)

if [ -f "$ctl.state" ]; then
	cat "$ctl.state" >&2
	rm -f "$ctl.state"
fi
if [ -f "$ctl.delay" ]; then
	end=$(awk -v s="$start" -v d="$(cat "$ctl.delay")" 'BEGIN { printf "%.3f", s + d }')
	while [ -f "$ctl.delay" ] && awk -v e="$end" -v n="$(date +%s.%N)" 'BEGIN { exit !(n < e) }'; do
		sleep 0.1
		if ipptool -q -T 2 -d "job_id=$job_id" "$RIG_URI" "$here/job-stopping.test" 2>/dev/null; then
			echo "INFO: rig: stopping, the job was cancelled" >&2
			break
		fi
	done
fi
echo "$start $(date +%s.%N) $1" >>"$ctl.log"
if [ -f "$ctl.fail" ]; then
	echo "ERROR: rig: injected failure" >&2
	exit 1
fi
exit 0
