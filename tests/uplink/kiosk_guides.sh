#!/bin/sh
# The digital-ID guides as a bundle from the central server: the real kiosk
# (offscreen, driven by scripts) enrolled to the real kiosk-central, which
# serves a copy of assets/guides (--guides) in which MitID's "I have a new
# phone" is called "My phone is new" (in the guide and in its .po files):
#  a. the bundle reaches the kiosk at start, is written to
#     <data-dir>/server/guides and used from the next attract screen, never
#     inside the visitor's session; kiosk.guides.applied reaches the server;
#  b. the kiosk restarted without the server uses that bundle;
#  c. unchanged, it is not sent again: 304;
#  d. bad bundles (a dangling step, a path with "..", a truncated document;
#     served with the server's test fault "file", since the server itself
#     never sends one) are refused whole, each once: kiosk.guides.rejected
#     with the problem, its ETag not fetched again (304), the good bundle
#     kept, also after a restart, and nothing of the bad one left on disk;
#  e. a folder that fails the kiosk's checks is not served (503
#     guides_broken) and the kiosk keeps its bundle; mended and changed
#     again, the new bundle replaces the old one, whose folder is removed;
#  f. a bundle damaged on the kiosk's disk is not used at the next start
#     (the kiosk starts on its own guides), and is fetched again.
# Usage: kiosk_guides.sh KIOSK CENTRAL SRC OUT
set -u
kiosk=$1 central=$2 src=$3 out=$4
# shellcheck source=tests/uplink/checks.sh
. "$src/tests/uplink/checks.sh"
KIOSK_UPLINK_BACKOFF_MS=50
export KIOSK_UPLINK_BACKOFF_MS
t_start=$(date +%s)

# shellcheck source=tests/uplink/server.sh
. "$src/tests/uplink/server.sh"
kdb() { sqlite3 -cmd ".timeout 5000" "$data/kiosk.db" "$1"; }
cdb() { sqlite3 -cmd ".timeout 5000" "$cdata/central.db" "$1"; }
events() { cdb "SELECT count(*) FROM events WHERE type = '$1'"; }
# Requests for the bundle in the server's log with this status (and more words), so far.
served() { grep -c "GET /v1/content/guides $1 .*${2:-}" "$out/central.log"; }

# run NAME: the kiosk runs $out/NAME.script; its log is NAME.log.
run() {
	"$kiosk" --config "$out/kiosk.ini" --assets "$src/assets" --data-dir "$data" --out "$out" \
		--script "$out/$1.script" >"$out/$1.log" 2>&1 && return 0
	bad "$1: the script failed: $(grep -v '^kiosk: ' "$out/$1.log" | head -3)"
	return 1
}
# The MitID topics screen shows the title $1.
topics() {
	echo "tap attract.start"
	echo "tap home.guides"
	echo "expect-screen guide.topics"
	echo "expect-text $1"
	echo "tap nav.home"
}

# The server's guides: the shipped ones with one title changed, checked as the build checks them.
cp -R "$src/assets/guides" "$out/guides"
sed -i 's/^title: I have a new phone$/title: My phone is new/' "$out/guides/mitid/new-phone.guide"
sed -i 's/^msgid "I have a new phone"$/msgid "My phone is new"/' "$out/guides/mitid/"*.po
"$kiosk" --check-guides "$out/guides" >"$out/check.out" 2>&1 || bad "the changed guides do not pass: $(head -3 "$out/check.out")"
grep -q '^title: My phone is new$' "$out/guides/mitid/new-phone.guide" || bad "the guide's title was not changed"
grep -q '^msgid "My phone is new"$' "$out/guides/mitid/da.po" || bad "the Danish catalog was not changed"

cp "$src/tests/uplink/tickets-services.json" "$out/services.json"
sed "s|^services = .*|services = $out/services.json|" "$src/tests/uplink/tickets-site.ini" >"$out/site.ini"
printf '\n[guides]\nschemes = mitid\n' >>"$out/site.ini"
start_server 127.0.0.1:0 --guides "$out/guides"
port=${url##*:}
printf '[server]\nurl = %s\n' "$url" | cat "$out/site.ini" - >"$out/kiosk.ini"
data=$out/kiosk-data
token=$("$central" --data "$cdata" --new-token demo)
LANGUAGE=en "$kiosk" --enrol "$token" --config "$out/kiosk.ini" --data-dir "$data" >"$out/enrol.out" 2>&1 ||
	bad "enrolment failed: $(cat "$out/enrol.out")"
secret=$(sed -n 's/.*"secret": *"\([^"]*\)".*/\1/p' "$data/credentials.json")

# a. The bundle at start, used from the next attract screen.
begin
# Slowed, so that it arrives while the visitor is on the topics screen.
faults '{"path":"/v1/content/guides","mode":"slow","count":1,"delay_ms":800}'
{
	echo "tap attract.start"
	echo "tap home.guides"
	echo "sync-uplink"
	echo "expect-screen guide.topics"
	echo "expect-text I have a new phone"
	echo "expect-no-text My phone is new"
	echo "tap guide.new-phone"
	echo "expect-screen guide.step"
	echo "advance 100000"
	echo "expect-screen attract"
	topics "My phone is new"
	echo "sync-uplink"
} >"$out/a.script"
run a
grep -q '^kiosk: guides from .*/assets/guides$' "$out/a.log" || bad "a: the kiosk did not start on its own guides"
grep -q '^kiosk: new guides from the server are in use' "$out/a.log" || bad "a: the new guides were not taken"
target=$(readlink "$data/server/guides")
case "$target" in
guides-????????????????) ;;
*) bad "a: <data-dir>/server/guides is \"$target\", not a link to a bundle" ;;
esac
grep -q '^title: My phone is new$' "$data/server/guides/mitid/new-phone.guide" || bad "a: the bundle on disk is not the server's"
cmp -s "$out/guides/images/two-phones.svg" "$data/server/guides/images/two-phones.svg" || bad "a: an image differs"
etag=$(sed -n 's/^{"etag":"\(\\"g-[0-9a-f]*\\"\)".*/\1/p' "$data/server/guides/.bundle.json" | tr -d '\\')
[ -n "$etag" ] || bad "a: the bundle's ETag is not kept: $(cat "$data/server/guides/.bundle.json")"
[ "$(served 200)" = 1 ] || bad "a: the bundle was sent $(served 200) times"
[ "$(events kiosk.guides.applied)" = 1 ] || bad "a: $(events kiosk.guides.applied) kiosk.guides.applied events"
version=$(cdb "SELECT json_extract(event, '$.data.version') FROM events WHERE type = 'kiosk.guides.applied'")
[ "$(printf '%s' "$version" | wc -c)" = 16 ] || bad "a: the applied event's version is \"$version\""
ok "a. the bundle reached the kiosk, in use from the next attract screen, not inside the session"

# b. A restart without the server: the last good bundle.
begin
stop_server
topics "My phone is new" >"$out/b.script"
run b
grep -q "^kiosk: guides from the server, version $version " "$out/b.log" ||
	bad "b: the log does not say the guides come from the server: $(grep guides "$out/b.log" | head -2)"
ok "b. restarted without the server, the kiosk uses the server's bundle"

# c. Unchanged: 304.
begin
start_server "127.0.0.1:$port" --guides "$out/guides"
before=$(served 304)
{
	echo "sync-uplink"
	echo "sync-uplink"
} >"$out/c.script"
run c
[ "$(served 200)" = 1 ] || bad "c: the unchanged bundle was sent again"
[ "$(($(served 304) - before))" -ge 2 ] || bad "c: $(($(served 304) - before)) answers 304, expected at least 2"
code=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $secret" -H "If-None-Match: $etag" \
	"$url/v1/content/guides")
[ "$code" = 304 ] || bad "c: GET with the kiosk's ETag answered $code"
ok "c. an unchanged bundle is answered 304"

# d. Bad bundles, made from the good one.
curl -s -o "$out/good.json" -H "Authorization: Bearer $secret" "$url/v1/content/guides"
grep -q '"path":"mitid/new-phone.guide"' "$out/good.json" || bad "d: the good bundle could not be fetched"
# A step that leads nowhere (the first "next:" of the bundle).
sed 's/\\nnext: [a-z-]*\\n/\\nnext: nowhere\\n/' "$out/good.json" >"$out/dangling.json"
sed 's|"path":"mitid/da.po"|"path":"../da.po"|' "$out/good.json" >"$out/dotdot.json"
head -c 300000 "$out/good.json" >"$out/truncated.json"
for f in dangling dotdot; do
	cmp -s "$out/good.json" "$out/$f.json" && bad "d: $f.json is the good bundle"
done
# bad NAME WORDS: the bundle NAME.json is refused once with WORDS in its event.
refused_once() {
	begin
	rejected=$(events kiosk.guides.rejected)
	before=$(served 304 fault=file)
	faults "{\"path\":\"/v1/content/guides\",\"mode\":\"file\",\"file\":\"$out/$1.json\",\"count\":2}"
	{
		echo "sync-uplink"
		echo "sync-uplink"
		topics "My phone is new"
		echo "sync-uplink"
	} >"$out/d-$1.script"
	run "d-$1"
	[ "$(events kiosk.guides.rejected)" = $((rejected + 1)) ] ||
		bad "d: $1: $(($(events kiosk.guides.rejected) - rejected)) kiosk.guides.rejected events, expected 1"
	cdb "SELECT json_extract(event, '$.data') FROM events WHERE type = 'kiosk.guides.rejected' ORDER BY rowid DESC LIMIT 1" \
		>"$out/d-$1.event"
	grep -qF "$2" "$out/d-$1.event" || bad "d: $1: the event does not say \"$2\": $(cat "$out/d-$1.event")"
	# Its ETag was sent back: the fault's second answer is 304.
	[ "$(($(served 304 fault=file) - before))" = 1 ] || bad "d: $1: the refused bundle was fetched again"
	[ "$(readlink "$data/server/guides")" = "$target" ] || bad "d: $1: the good bundle was replaced"
	[ "$(find "$data/server" -maxdepth 1 -name 'guides-*' | wc -l)" = 1 ] ||
		bad "d: $1: left on disk: $(ls "$data/server")"
	grep -q "^kiosk: guides from the server, version $version " "$out/d-$1.log" || bad "d: $1: the restart lost the bundle"
	ok "d. $1: refused once ($(cut -c1-150 "$out/d-$1.event")), the good bundle kept"
}
refused_once dangling "next target 'nowhere' is not a step of this guide"
refused_once dotdot 'a part of the path \"../da.po\" starts with a dot'
refused_once truncated '"problems":["the bundle is not valid JSON'
grep -q '"etag":"\\"x-' "$out/d-dangling.event" || bad "d: the event does not carry the refused ETag"
[ "$(kdb "SELECT value FROM state WHERE key = 'guides_rejected_etag'")" != "" ] || bad "d: the refused ETag is not kept"

# e. A broken folder is not served; mended and changed, the new bundle replaces the old.
begin
rejected=$(events kiosk.guides.rejected)
sed -i 's/^next: scan$/next: nowhere/' "$out/guides/mitid/new-phone.guide"
grep -q '^next: nowhere$' "$out/guides/mitid/new-phone.guide" || bad "e: the guide was not broken"
reply=$(curl -s -H "Authorization: Bearer $secret" "$url/v1/content/guides")
case "$reply" in
*'"code":"guides_broken"'*"next target 'nowhere' is not a step of this guide"*'"retryable":true'*) ;;
*) bad "e: the broken folder was answered: $(printf '%s' "$reply" | cut -c1-300)" ;;
esac
before=$(served 503)
echo "sync-uplink" >"$out/e1.script"
topics "My phone is new" >>"$out/e1.script"
run e1
[ "$(served 503)" -gt "$before" ] || bad "e: the kiosk was not answered 503"
[ "$(events kiosk.guides.rejected)" = "$rejected" ] || bad "e: the kiosk recorded a refusal for a bundle it never got"
grep -q "the guides are not served: the guides do not pass the kiosk's checks" "$out/central.log" ||
	bad "e: the server does not log why it does not serve the guides"
sed -i 's/^next: nowhere$/next: scan/' "$out/guides/mitid/new-phone.guide"
sed -i 's/My phone is new/I got a new phone/' "$out/guides/mitid/new-phone.guide" "$out/guides/mitid/"*.po
{
	echo "sync-uplink"
	topics "I got a new phone"
	echo "sync-uplink"
} >"$out/e2.script"
run e2
[ "$(readlink "$data/server/guides")" != "$target" ] || bad "e: the new bundle did not replace the old"
[ "$(find "$data/server" -maxdepth 1 -name 'guides-*' | wc -l)" = 1 ] || bad "e: left on disk: $(ls "$data/server")"
[ "$(events kiosk.guides.applied)" = 2 ] || bad "e: $(events kiosk.guides.applied) kiosk.guides.applied events, expected 2"
[ "$(kdb "SELECT count(*) FROM state WHERE key = 'guides_rejected_etag' AND value != ''")" = 0 ] ||
	bad "e: the refused ETag is still kept after a good bundle"
ok "e. a broken folder is not served (503), the mended one replaces the bundle and the old folder is removed"

# f. Damaged on the kiosk's disk: not used, fetched again.
begin
echo "this line is no key" >>"$data/server/guides/mitid/new-phone.guide"
{
	echo "sync-uplink"
	topics "I got a new phone"
} >"$out/f.script"
run f
grep -q "^kiosk: .*/server/guides-[0-9a-f]* is not used: it has problems$" "$out/f.log" ||
	bad "f: the log does not say the damaged bundle is not used"
grep -q '^kiosk: guides from .*/assets/guides$' "$out/f.log" || bad "f: the kiosk did not fall back on its own guides"
[ "$(events kiosk.guides.applied)" = 3 ] || bad "f: $(events kiosk.guides.applied) kiosk.guides.applied events, expected 3"
grep -q 'this line is no key' "$data/server/guides/mitid/new-phone.guide" && bad "f: the damaged file is still in use"
[ "$(find "$data/server" -maxdepth 1 -name 'guides-*' | wc -l)" = 1 ] || bad "f: left on disk: $(ls "$data/server")"
ok "f. a bundle damaged on disk is not used at the next start and is fetched again"

echo "kiosk guides: $(($(date +%s) - t_start)) s"
[ "$fail" -eq 0 ] && echo "kiosk_guides: all cases as expected"
exit "$fail"
