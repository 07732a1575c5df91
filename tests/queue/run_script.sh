#!/bin/sh
# Runs a queue script on a site whose only service is open day and night.
# Usage: run_script.sh KIOSK SCRIPT SRC OUT
set -eu
kiosk=$1 script=$2 src=$3 out=$4
rm -rf "$out"
mkdir -p "$out"
sed -e "s|^services = .*|services = $src/tests/queue/always-open.json|" -e "s/^languages = .*/languages = da en/" \
	"$src/assets/site/demo.ini" >"$out/site.ini"
args=$(sed -n 's/^#! *args: *//p' "$script" | head -n 1)
# shellcheck disable=SC2086
exec "$kiosk" --config "$out/site.ini" --assets "$src/assets" --data-dir "$out/data" --out "$out" $args \
	--script "$script"
