#!/bin/sh
# Every screen and state, in every language of the demo site, at one panel
# size and rotation: no text may overflow, no glyph may be missing, no touch
# target may be under 11.6 mm. Usage: run.sh KIOSK WxH ROTATION SRC OUT
set -eu
kiosk=$1 res=$2 rot=$3 src=$4 out=$5
. "$src/tests/panels.sh"
mm=$(panel_mm "$res")
mkdir -p "$out"
exec "$kiosk" --config "$src/assets/site/demo.ini" --assets "$src/assets" --data-dir "$out/data" \
	--panel "$res:$mm" --rotation "$rot" --layout-check
