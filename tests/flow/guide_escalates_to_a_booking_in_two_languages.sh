#!/bin/sh
# A visitor reading Danish books a help appointment from the MitID guide for
# a forgotten password, at an office whose language is Ukrainian (two bytes
# a letter: the reason staff read must be cut). The review shows where the
# visitor got stuck in Danish; the booking stored by the kiosk's own backend
# (a real SQLite file) holds it in Ukrainian for staff: at most 120 bytes,
# whole UTF-8, the step kept and cut after a whole word with "…".
# Usage: guide_escalates_to_a_booking_in_two_languages.sh KIOSK SRC OUT
set -u
kiosk=$1 src=$2 out=$3
rm -rf "$out"
mkdir -p "$out"
fail=0
bad() { echo "FAIL: $*"; fail=1; }

sed -e 's/^languages = .*/languages = da en uk/' -e 's/^default_language = .*/default_language = uk/' \
	-e "s|^services = .*|services = $src/assets/site/demo-services.json|" \
	"$src/tests/flow/guide_escalates_to_a_booking.ini" >"$out/site.ini"
cat >"$out/visit.script" <<'SCRIPT'
tap lang.da
tap home.guides
tap guides.mitid
# In Danish the topics take two pages: the forgotten password is on the second.
tap list.down
tap guide.forgot-password
# The first step opens with the guide's safety notes.
when guide.step tap guide.more
expect-text Hvad har du glemt?
tap guide.choice.1
expect-text Har du skiftet mobilnummer
tap guide.person
tap guide.book
sync
expect-screen book.day
tap book.day.2026-11-24
tap book.time.0900
sync
type Anne Holm
tap book.name.continue
when book.reach tap book.reach.phone
type 21436587
tap book.phone.continue
expect-screen book.review
# Where the visitor got stuck, in Danish, not cut: the guide, the step.
expect-text vejledning
expect-text Jeg har glemt min adgangskode eller mit bruger-ID
expect-text trin 2
expect-no-text інструкція
expect-no-overflow
tap book.confirm
sync
expect-screen book.done
tap book.done
expect-store-ok
SCRIPT

"$kiosk" --config "$out/site.ini" --assets "$src/assets" --data-dir "$out/data" --out "$out" \
	--clock 2026-11-23T10:00 --script "$out/visit.script" || bad "the visit did not go as the script expects"

reason=$(sqlite3 "$out/data/kiosk.db" "SELECT reason_text FROM bookings WHERE service = 'digital'")
printf '%s\n' "stored reason: $reason"
bytes=$(printf '%s' "$reason" | wc -c)
if [ "$bytes" -eq 0 ] || [ "$bytes" -gt 120 ]; then
	bad "the reason is $bytes bytes, the booking's limit is 120"
fi
printf '%s' "$reason" | iconv -f UTF-8 -t UTF-8 >/dev/null 2>&1 || bad "the reason is not whole UTF-8"
case $reason in
"MitID, інструкція \"…\", крок 2: Ви змінювали номер"*…) ;;
*) bad "the reason is not the Ukrainian guide and step, cut with …: $reason" ;;
esac
# Cut after a whole word: what is kept, then a space, starts the step's title.
step='Ви змінювали номер мобільного за останні 5 днів?'
kept=${reason#*крок 2: }
kept=${kept%…}
case "$step" in
"$kept "*) ;;
*) bad "the step's title is not cut after a whole word: \"$kept\"" ;;
esac
[ "$(sqlite3 "$out/data/kiosk.db" "SELECT count(*) FROM bookings WHERE reason_text LIKE '%vejledning%'")" = 0 ] ||
	bad "the Danish text the visitor read was stored for staff"

[ "$fail" -eq 0 ] && echo "staff read the reason in Ukrainian, the visitor read it in Danish"
exit "$fail"
