#!/bin/sh
# kiosk --check-guides on broken guide directories: every problem with its
# file, line and message (compared with NAME.expected, for the directory
# NAME); the good sample passing; and its template (kiosk --guides-pot)
# current, accepted by msgfmt, with the committed Danish catalog merging
# into it complete. Usage: run.sh KIOSK SRC OUT
set -u
kiosk=$1 src=$2 out=$3
rm -rf "$out"
mkdir -p "$out"
fail=0
bad() { echo "FAIL: $*"; fail=1; }
cd "$src/tests/guides" || exit 1

# The good sample passes: one line on stdout, nothing on stderr.
LANGUAGE=en "$kiosk" --check-guides good >"$out/good.stdout" 2>"$out/good.stderr"
rc=$?
[ "$rc" -eq 0 ] || bad "good: exit $rc, expected 0"
[ -s "$out/good.stderr" ] && { bad "good: problems reported:"; cat "$out/good.stderr"; }
grep -qx "good: the guides are valid (1 scheme, 2 guides)" "$out/good.stdout" ||
	{ bad "good: no confirmation printed:"; cat "$out/good.stdout"; }

# Broken samples: exit 1 and exactly the expected messages, in file and line order.
for exp in *.expected; do
	name=${exp%.expected}
	LANGUAGE=en "$kiosk" --check-guides "$name" >"$out/$name.stdout" 2>"$out/$name.out"
	rc=$?
	[ "$rc" -eq 1 ] || bad "$name: exit $rc, expected 1"
	[ -s "$out/$name.stdout" ] && bad "$name: printed on stdout"
	diff -u "$exp" "$out/$name.out" || bad "$name: messages differ from $exp"
done

# The template: committed and current, valid, and the Danish catalog merges into it complete.
"$kiosk" --guides-pot good/demo/ >"$out/demo.pot" 2>"$out/demo.pot.err" || { bad "--guides-pot good/demo failed:"; cat "$out/demo.pot.err"; }
diff -u good/demo/guides.pot "$out/demo.pot" ||
	bad "good/demo/guides.pot is not current: kiosk --guides-pot tests/guides/good/demo > tests/guides/good/demo/guides.pot"
msgfmt -c --check-format -o /dev/null "$out/demo.pot" 2>"$out/pot.msgfmt" || { bad "msgfmt rejects the template:"; cat "$out/pot.msgfmt"; }
if msgmerge -q -o "$out/da.po" good/demo/da.po "$out/demo.pot" 2>"$out/da.merge"; then
	msgfmt -c --check-format -o /dev/null "$out/da.po" 2>"$out/da.msgfmt" || { bad "the merged da.po does not compile:"; cat "$out/da.msgfmt"; }
	untranslated=$(msgattrib --untranslated --no-obsolete "$out/da.po" | grep -c '^msgid ' || true)
	fuzzy=$(msgattrib --only-fuzzy --no-obsolete "$out/da.po" | grep -c '^msgid ' || true)
	# msgattrib prints the header entry too when anything is left
	if [ "$untranslated" -gt 1 ] || [ "$fuzzy" -gt 0 ]; then
		bad "good/demo/da.po: $untranslated untranslated and $fuzzy fuzzy entries after msgmerge"
	fi
else
	bad "msgmerge cannot merge good/demo/da.po with the template:"; cat "$out/da.merge"
fi

# A template is made before translations exist (those problems only take a language away) ...
"$kiosk" --guides-pot bad-translations/demo >"$out/translations.pot" 2>"$out/translations.err" ||
	{ bad "--guides-pot refuses a scheme whose only problems are translations:"; cat "$out/translations.err"; }
grep -q '^msgid "Five of my texts are not in Danish"$' "$out/translations.pot" || bad "translations.pot: a text is missing"
# ... but not from a scheme whose guides are broken: it says why instead.
LANGUAGE=en "$kiosk" --guides-pot bad-scheme/wrong-name >"$out/wrong-name.pot" 2>"$out/wrong-name.err"
rc=$?
[ "$rc" -eq 1 ] || bad "--guides-pot on a broken scheme: exit $rc, expected 1"
[ -s "$out/wrong-name.pot" ] && bad "--guides-pot on a broken scheme wrote a template"
grep -q "^bad-scheme/wrong-name/scheme.txt:2: the scheme id 'other' does not match" "$out/wrong-name.err" ||
	{ bad "--guides-pot on a broken scheme: problems not listed:"; cat "$out/wrong-name.err"; }
grep -q "bad-scheme/no-keys" "$out/wrong-name.err" && bad "--guides-pot lists problems of other schemes"

[ "$fail" -eq 0 ] && echo "check-guides: all cases as expected"
exit "$fail"
