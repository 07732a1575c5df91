#!/bin/sh
# kiosk --render-ticket, as a technician runs it: for every paper and every
# language of the demo site the preview is written, exactly the printer's
# width in dots, with no overflow or missing glyph (the kiosk exits 1 on
# those), and its QR code reads back (zbarimg, Debian's zbar-tools). Bad
# options are refused with a message. Usage: run.sh KIOSK SRC OUT
set -eu
kiosk=$1 src=$2 out=$3
site="$src/assets/site/demo.ini"
mkdir -p "$out"
fail=0

if ! command -v zbarimg >/dev/null 2>&1; then
	echo "zbarimg is missing: install zbar-tools (board/debian/install-deps)"
	exit 1
fi

# The PNG's width: bytes 17-20 of the file, big-endian.
png_width() {
	od -An -tu1 -j16 -N4 "$1" | awk '{ print $1 * 16777216 + $2 * 65536 + $3 * 256 + $4 }'
}

langs=$(sed -n 's/^languages *= *//p' "$site")
for paper in receipt80:576 receipt58:384 a4:2244 letter:2314; do
	name=${paper%%:*} dots=${paper#*:}
	for lang in $langs; do
		png="$out/$name.$lang.png"
		if ! "$kiosk" --config "$site" --assets "$src/assets" --render-ticket "$png" --paper "$name" \
			--lang "$lang" >"$out/$name.$lang.log" 2>&1; then
			echo "$name/$lang: kiosk --render-ticket failed:"; cat "$out/$name.$lang.log"; fail=1
			continue
		fi
		w=$(png_width "$png")
		if [ "$w" != "$dots" ]; then
			echo "$name/$lang: the preview is $w dots wide, not $dots"; fail=1
		fi
		code=$(zbarimg -q --raw "$png" 2>/dev/null || true)
		case "$code" in
		*[0-9][0-9][0-9]\ 20[0-9][0-9]-[01][0-9]-[0-3][0-9]) ;;
		*) echo "$name/$lang: the QR code reads \"$code\", not a number and a date"; fail=1 ;;
		esac
	done
done

expect_refused() {
	what=$1; shift
	if "$kiosk" --config "$site" --assets "$src/assets" --render-ticket "$out/refused.png" "$@" \
		>"$out/refused.log" 2>&1; then
		echo "$what: accepted, should be refused"; fail=1
	elif ! grep -q "$what" "$out/refused.log"; then
		echo "$what: refused without saying so:"; cat "$out/refused.log"; fail=1
	fi
}
expect_refused "unknown paper" --paper receipt112
expect_refused "not one of the site's languages" --lang sv

[ "$fail" -eq 0 ] && echo "ticket previews: every paper in every site language"
exit "$fail"
