#!/bin/sh
# The translations are complete and consistent with the sources:
# - the template matches what the sources mark for translation;
# - every shipped .po compiles with format checks (placeholders match);
# - every .po has every message, none untranslated or fuzzy.
# Usage: run.sh SRC OUT
set -eu
src=$1 out=$2
mkdir -p "$out"
cd "$src"
xgettext --from-code=UTF-8 --language=C --keyword=app_tr:2 --keyword=i18n_get:2 --keyword=app_ntr:2,3 --keyword=i18n_nget:2,3 --keyword=N_ --keyword=NC_:1c,2 \
	--keyword=config_report_add:4 --add-comments=TRANSLATORS --package-name=kiosk \
	--msgid-bugs-address=none -o "$out/fresh.pot" $(find kiosk -name '*.c' | sort)
fail=0
if ! msgcmp --use-untranslated "$out/fresh.pot" assets/po/kiosk.pot 2>"$out/pot.err" ||
	! msgcmp --use-untranslated assets/po/kiosk.pot "$out/fresh.pot" 2>>"$out/pot.err"; then
	echo "assets/po/kiosk.pot is out of date with the sources; regenerate it (see docs/translations.md):"
	cat "$out/pot.err"
	fail=1
fi
count=0
for po in assets/po/*.po; do
	count=$((count + 1))
	lang=$(basename "$po" .po)
	if ! msgfmt -c --check-format -o /dev/null "$po" 2>"$out/$lang.err"; then
		echo "$po: does not compile:"; cat "$out/$lang.err"; fail=1
	fi
	if ! msgcmp "$po" "$out/fresh.pot" 2>"$out/$lang.cmp"; then
		echo "$po: messages missing:"; head -20 "$out/$lang.cmp"; fail=1
	fi
	untranslated=$(msgattrib --untranslated --no-obsolete "$po" | grep -c '^msgid ' || true)
	fuzzy=$(msgattrib --only-fuzzy --no-obsolete "$po" | grep -c '^msgid ' || true)
	# msgattrib prints the header entry too when anything is left
	if [ "$untranslated" -gt 1 ] || [ "$fuzzy" -gt 0 ]; then
		echo "$po: $untranslated untranslated and $fuzzy fuzzy entries"; fail=1
	fi
done
if [ "$count" -lt 6 ]; then
	echo "expected at least 6 shipped languages, found $count"; fail=1
fi
[ "$fail" -eq 0 ] && echo "$count translations complete and consistent"
exit "$fail"
