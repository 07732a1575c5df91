#!/bin/sh
# The build step that checks the guides (cmake/kiosk_check_guides.cmake), run
# by CMake in a small project of its own on a copy of the shipped
# assets/guides, with the real kiosk behind a wrapper that counts its runs:
#   - on the good copy the build passes and prints nothing of the checker's;
#   - a build with nothing changed does not run the checker again;
#   - one dangling choice in a shipped guide stops the build, with the
#     checker's FILE:LINE message for it and a message for every guide that
#     jumps (@GUIDE) to the broken one, and nothing about other schemes;
#   - the next build checks again and fails again (a failure is not cached);
#   - with the guide put back, the build passes again;
#   - a new kiosk binary is checked again.
# Which guide is broken is chosen from the copy (the first one another guide
# jumps to), and lines are found with grep, so edits to the guides do not
# break this test. Usage: build_step.sh CMAKE KIOSK SRC OUT
set -u
cmake=$1 kiosk=$2 src=$3 out=$4
rm -rf "$out"
mkdir -p "$out/proj/assets"
fail=0
bad() { echo "FAIL: $*"; fail=1; }
proj=$out/proj build=$out/build runs=$out/runs
cp -R "$src/assets/guides" "$proj/assets/guides" || exit 1

# The kiosk, counted: one line in $runs per run.
cat >"$out/kiosk" <<WRAP
#!/bin/sh
echo run >>"$runs"
exec "$kiosk" "\$@"
WRAP
chmod +x "$out/kiosk"
cat >"$proj/CMakeLists.txt" <<PROJ
cmake_minimum_required(VERSION 3.25)
project(guides_build_step NONE)
add_executable(kiosk IMPORTED)
set_target_properties(kiosk PROPERTIES IMPORTED_LOCATION "$out/kiosk")
include("$src/cmake/kiosk_check_guides.cmake")
kiosk_check_guides(kiosk assets/guides)
PROJ
: >"$runs"
nruns() { wc -l <"$runs" | tr -d ' '; }

# build NAME: one build, its output in $out/NAME.log; returns cmake's exit status. Inputs are dated 2001
# and a stamp left by a pass is dated 2002, so whatever this script changes afterwards is newer than the
# stamp however coarse the file system's clock (make compares times, and equal means up to date).
build() {
	LANGUAGE=en "$cmake" --build "$build" >"$out/$1.log" 2>&1
	rc=$?
	[ -f "$build/guides-checked.stamp" ] && touch -d 2002-01-01 "$build/guides-checked.stamp"
	return $rc
}
find "$proj/assets/guides" "$out/kiosk" -exec touch -d 2001-01-01 {} +

if ! "$cmake" -S "$proj" -B "$build" >"$out/configure.log" 2>&1; then
	bad "cannot configure the test project:"; cat "$out/configure.log"; exit 1
fi

# 1. The good copy: passes, runs the checker once, says nothing of it.
build good || { bad "the build fails on the good copy:"; cat "$out/good.log"; }
[ "$(nruns)" -eq 1 ] || bad "good copy: the checker ran $(nruns) times, expected 1"
grep -q "assets/guides" "$out/good.log" && { bad "the build step is not quiet when the guides pass:"; cat "$out/good.log"; }
# 2. Nothing changed: not run again.
build again || { bad "the second build fails:"; cat "$out/again.log"; }
[ "$(nruns)" -eq 1 ] || bad "nothing changed, but the checker ran again ($(nruns) runs)"

# 3. Break the first guide another guide jumps to: its first choice leads nowhere.
jump=$(cd "$proj" && grep -nE -- '(->|^next:) *@[a-z0-9-]+ *$' assets/guides/*/*.guide | head -n 1)
[ -n "$jump" ] || { bad "no guide of the copy jumps to another (@GUIDE): cannot pick one to break"; exit 1; }
from=${jump%%:*}
scheme_dir=${from%/*}   # assets/guides/SCHEME
target=$(printf '%s\n' "$jump" | sed -E 's/.*@([a-z0-9-]+) *$/\1/')
broken=$scheme_dir/$target.guide
[ -f "$proj/$broken" ] || { bad "$broken: the jump target has no file"; exit 1; }
line=$(grep -n '^choice:' "$proj/$broken" | head -n 1 | cut -d: -f1)
[ -n "$line" ] || { bad "$broken has no choice line to break"; exit 1; }
step=$(awk -v l="$line" 'NR < l && /^step / { s = $2 } END { print s }' "$proj/$broken")
cp "$proj/$broken" "$out/original.guide"
sed -E "${line}s/->.*/-> no-such-step/" "$out/original.guide" >"$proj/$broken"
echo "broke $broken:$line (step '$step'), which other guides of $scheme_dir jump to"

if build broken; then
	bad "the build passes with a dangling choice in $broken"
fi
[ "$(nruns)" -eq 2 ] || bad "a guide changed, but the checker ran $(($(nruns) - 1)) more times, expected 1"
want="$broken:$line: step '$step': choice target 'no-such-step' is not a step of this guide"
grep -qxF "$want" "$out/broken.log" || bad "the build output lacks: $want"
for g in $(cd "$proj" && grep -lE -- "(->|^next:) *@$target *\$" "$scheme_dir"/*.guide); do
	grep -qE "^$g:[0-9]+: step '[^']+': guide '[a-z0-9-]+' has problems, so this guide is left out too\$" \
		"$out/broken.log" || bad "the build output does not say that $g (it jumps to @$target) is left out"
done
grep "^assets/guides/" "$out/broken.log" | grep -v "^$scheme_dir/" >"$out/others.txt"
[ -s "$out/others.txt" ] && { bad "problems reported in other schemes:"; cat "$out/others.txt"; }
# 4. Not cached: the next build checks again and fails again.
if build broken-again; then
	bad "the second build after the break passes: the failure was cached"
fi
[ "$(nruns)" -eq 3 ] || bad "after a failed check the next build did not run the checker again"
grep -qxF "$want" "$out/broken-again.log" || bad "the second failing build lacks: $want"

# 5. Put back: the build passes again.
cp "$out/original.guide" "$proj/$broken"
build fixed || { bad "the build still fails with $broken put back:"; cat "$out/fixed.log"; }
[ "$(nruns)" -eq 4 ] || bad "with $broken put back the checker ran $(($(nruns) - 3)) more times, expected 1"

# 6. A new kiosk binary: checked again.
touch "$out/kiosk"
build new-kiosk || { bad "the build fails after the kiosk changed:"; cat "$out/new-kiosk.log"; }
[ "$(nruns)" -eq 5 ] || bad "the kiosk changed, but the checker ran $(($(nruns) - 4)) more times, expected 1"

if [ "$fail" -eq 0 ]; then
	echo "build step: quiet when good, not re-run when nothing changed, stops on $broken:$line, not cached"
fi
exit "$fail"
