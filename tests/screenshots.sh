#!/bin/sh
# make screenshots: every screen in every language at the four panel sizes
# (and one rotated panel) as PNG files for review. Usage: screenshots.sh KIOSK OUT
set -eu
kiosk=$1 out=$2
src=$(cd "$(dirname "$0")/.." && pwd)
. "$src/tests/panels.sh"
for res in 800x480 1280x800 1920x1080 1080x1920; do
	mkdir -p "$out/$res"
	"$kiosk" --config "$src/assets/site/demo.ini" --assets "$src/assets" --panel "$res:$(panel_mm "$res")" \
		--screenshots "$out/$res"
done
mkdir -p "$out/1280x800-rot90"
"$kiosk" --config "$src/assets/site/demo.ini" --assets "$src/assets" --panel "1280x800:217x136" --rotation 90 \
	--screenshots "$out/1280x800-rot90"
echo "screenshots in $out"
