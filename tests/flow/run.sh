#!/bin/sh
# Runs one visitor script against the real kiosk, offscreen, with a fresh
# data directory. A line "#! args: ..." in the script adds kiosk options
# (a panel size, a rotation). Usage: run.sh KIOSK SCRIPT SRC OUT
set -eu
kiosk=$1 script=$2 src=$3 out=$4
rm -rf "$out"
mkdir -p "$out"
# @SRC@ in the arguments stands for the source tree (a site file of the test's own).
args=$(sed -n 's/^#! *args: *//p' "$script" | head -n 1 | sed "s|@SRC@|$src|g")
# shellcheck disable=SC2086
exec "$kiosk" --config "$src/assets/site/demo.ini" --assets "$src/assets" --data-dir "$out/data" \
	--out "$out" $args --script "$script"
