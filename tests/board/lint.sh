#!/bin/sh
# tests/board/lint.sh PROJECT_ROOT SCRATCH_DIR
#
# Offline checks of the board support files (board/), no hardware, no network:
#   1. shellcheck -s sh on every shell script under board/;
#   2. systemd-analyze verify of the kiosk units in a staged root, failing on
#      ANY stderr output (systemd 252 only warns about unknown keys, rc 0);
#   3. systemd-analyze security --offline: kiosk.service and kiosk-central.service
#      exposure <= 4.0;
#   4. the preset enables the units; systemd-sysusers and systemd-tmpfiles
#      build the kiosk user, its groups and its directories in the staged root;
#   5. health-check's verdicts, against a fake systemctl.
# Prints each check; stops at the first failure with "FAIL: ..." on stderr
# and exit status 1 (2 for bad usage). SCRATCH_DIR is created and reused.
set -eu

if [ $# -ne 2 ]; then
	echo "usage: $0 PROJECT_ROOT SCRATCH_DIR" >&2
	exit 2
fi
root=$1
scratch=$2
board=$root/board
overlay=$board/common/rootfs_overlay
stage=$scratch/stage

# The kiosk unit's hardening gate, in systemd-analyze's units (40 = 4.0).
SECURITY_THRESHOLD=40

fail() {
	echo "FAIL: $*" >&2
	exit 1
}

step() {
	echo "== $*"
}

ok() {
	echo "   ok: $*"
}

# Prints a captured stderr file indented, for a failure message.
show() {
	sed 's/^/   | /' "$1" >&2
}

need() {
	if ! command -v "$1" >/dev/null 2>&1; then
		fail "'$1' not found: install the Debian package '$2' (board/debian/install-deps does)"
	fi
}

[ -d "$overlay" ] || fail "$overlay does not exist; is '$root' the project root?"
mkdir -p "$scratch" || fail "cannot create scratch dir '$scratch'"

step "tools"
need shellcheck shellcheck
need systemd-analyze systemd
need systemctl systemd
need systemd-sysusers systemd
need systemd-tmpfiles systemd
[ -d /usr/lib/systemd/system ] ||
	fail "/usr/lib/systemd/system is missing: install the Debian package 'systemd' (stock units are staged from it)"
if [ "$(id -u)" -ne 0 ]; then
	# systemd-tmpfiles chowns to the kiosk user; fake that when not root.
	need fakeroot fakeroot
fi
ok "shellcheck $(shellcheck --version | sed -n 's/^version: //p'), $(systemd-analyze --version | sed -n '1s/^systemd \([0-9]*\).*/systemd \1/p')"

# ---------------------------------------------------------------------------
step "1. shellcheck -s sh on the shell scripts under board/"

# A shell script: *.sh, or a #! line naming sh, dash or bash (directly or via env).
is_shell_script() {
	case $1 in
	*.sh) return 0 ;;
	esac
	interp=$(sed -n '1s|^#![[:space:]]*\([^[:space:]]*\)[[:space:]]*\([^[:space:]]*\).*|\1 \2|p' "$1")
	case $interp in
	*/sh\ * | */dash\ * | */bash\ * | */env\ sh | */env\ dash | */env\ bash) return 0 ;;
	esac
	return 1
}

find "$board" -type f ! -path '*/.git/*' | LC_ALL=C sort >"$scratch/board-files"
set --
while IFS= read -r f; do
	if is_shell_script "$f"; then
		set -- "$@" "$f"
	fi
done <"$scratch/board-files"
[ $# -gt 0 ] || fail "no shell script found under $board"
if [ -f "$board/debian/install-deps" ]; then
	case " $* " in
	*" $board/debian/install-deps "*) ;;
	*) fail "script detection missed $board/debian/install-deps" ;;
	esac
fi
if ! shellcheck -s sh -- "$@" >"$scratch/shellcheck.out" 2>&1; then
	show "$scratch/shellcheck.out"
	fail "shellcheck found problems in the scripts above"
fi
for f in "$@"; do
	ok "${f#"$root"/}"
done

# ---------------------------------------------------------------------------
step "2. systemd-analyze verify of the kiosk units (any stderr output fails)"

# A root with the distro's stock units (sysinit.target & co.), the overlay,
# empty account databases and a stand-in for the kiosk binary, which verify
# requires to exist and be executable.
rm -rf "$stage"
mkdir -p "$stage/usr/lib/systemd" "$stage/usr/bin" "$stage/etc"
cp -PR /usr/lib/systemd/system "$stage/usr/lib/systemd/" || fail "cannot copy /usr/lib/systemd/system into $stage"
cp -PR "$overlay/." "$stage/" || fail "cannot copy $overlay into $stage"
for f in passwd group shadow gshadow; do
	: >"$stage/etc/$f"
done
for bin in kiosk kiosk-central; do
	printf '#!/bin/sh\nexit 0\n' >"$stage/usr/bin/$bin"
	chmod 0755 "$stage/usr/bin/$bin"
done

set --
for dir in "$overlay/usr/lib/systemd/system" "$overlay/etc/systemd/system"; do
	[ -d "$dir" ] || continue
	for f in "$dir"/*.service "$dir"/*.socket "$dir"/*.timer "$dir"/*.path "$dir"/*.target "$dir"/*.mount; do
		[ -f "$f" ] && set -- "$@" "${f##*/}"
	done
done
[ $# -gt 0 ] || fail "no unit file found in $overlay"
for u in kiosk.service kiosk-health.service; do
	case " $* " in
	*" $u "*) ;;
	*) fail "$u is missing from $overlay/usr/lib/systemd/system" ;;
	esac
done
rc=0
systemd-analyze verify --man=no --root="$stage" "$@" >"$scratch/verify.out" 2>"$scratch/verify.err" || rc=$?
if [ "$rc" -ne 0 ] || [ -s "$scratch/verify.err" ]; then
	show "$scratch/verify.err"
	fail "systemd-analyze verify (exit $rc) complained about: $*"
fi
ok "$*"

# ---------------------------------------------------------------------------
step "3. systemd-analyze security --offline of the services (threshold $SECURITY_THRESHOLD)"
for unit in kiosk.service kiosk-central.service; do
	rc=0
	systemd-analyze security --offline=true --root="$stage" --threshold="$SECURITY_THRESHOLD" "$unit" \
		>"$scratch/security.out" 2>&1 || rc=$?
	score=$(sed -n "s/^.*Overall exposure level for $unit: \\([0-9.]*\\).*\$/\\1/p" "$scratch/security.out")
	if [ "$rc" -ne 0 ]; then
		show "$scratch/security.out"
		fail "$unit exposure ${score:-?} is above the gate $SECURITY_THRESHOLD/10 (exit $rc); restore the hardening"
	fi
	[ -n "$score" ] || {
		show "$scratch/security.out"
		fail "no exposure level for $unit in systemd-analyze security output"
	}
	ok "$unit exposure $score (gate $SECURITY_THRESHOLD/10 = $((SECURITY_THRESHOLD / 10)).$((SECURITY_THRESHOLD % 10)))"
done

# ---------------------------------------------------------------------------
step "4. preset, sysusers and tmpfiles in the staged root"

# As Buildroot's "preset-all" and Debian's "systemctl preset" would.
if ! systemctl --root="$stage" preset kiosk.service kiosk-health.service >"$scratch/preset.out" 2>&1; then
	show "$scratch/preset.out"
	fail "systemctl preset failed"
fi
[ -L "$stage/etc/systemd/system/multi-user.target.wants/kiosk.service" ] ||
	fail "the preset did not enable kiosk.service (no multi-user.target.wants/kiosk.service)"
[ -L "$stage/etc/systemd/system/boot-complete.target.requires/kiosk-health.service" ] ||
	fail "the preset did not enable kiosk-health.service (no boot-complete.target.requires/kiosk-health.service)"
ok "preset enables kiosk.service (multi-user) and kiosk-health.service (boot-complete)"

# At notice level only warnings and errors reach stderr: a bad line in a
# sysusers.d file is only logged (exit 0), so any output fails.
rc=0
SYSTEMD_LOG_LEVEL=notice systemd-sysusers --root="$stage" >"$scratch/sysusers.out" 2>"$scratch/sysusers.err" || rc=$?
if [ "$rc" -ne 0 ] || [ -s "$scratch/sysusers.err" ]; then
	show "$scratch/sysusers.err"
	fail "systemd-sysusers --root (exit $rc) complained"
fi
passwd_line=$(grep '^kiosk:' "$stage/etc/passwd") || fail "systemd-sysusers did not create the user kiosk"
# kiosk:x:UID:GID:GECOS:HOME:SHELL
kiosk_uid=$(echo "$passwd_line" | cut -d: -f3)
kiosk_gid=$(echo "$passwd_line" | cut -d: -f4)
kiosk_home=$(echo "$passwd_line" | cut -d: -f6)
kiosk_shell=$(echo "$passwd_line" | cut -d: -f7)
[ "$kiosk_home" = /var/lib/kiosk ] || fail "kiosk's home is '$kiosk_home', expected /var/lib/kiosk"
case $kiosk_shell in
*/nologin | */false) ;;
*) fail "kiosk has the login shell '$kiosk_shell'; it must not be able to log in" ;;
esac
grep -q "^kiosk:[^:]*:$kiosk_gid:" "$stage/etc/group" || fail "no group kiosk with gid $kiosk_gid"
for g in video input render; do
	awk -F: -v g="$g" '$1 == g { n = split($4, m, ","); for (i = 1; i <= n; i++) if (m[i] == "kiosk") found = 1 }
		END { exit !found }' "$stage/etc/group" || fail "kiosk is not a member of the group $g"
done
ok "user kiosk (uid $kiosk_uid, home $kiosk_home, shell $kiosk_shell) in groups video input render"

# tmpfiles chowns to kiosk: run it, and read the result, as (fake) root.
as_root() {
	if [ "$(id -u)" -eq 0 ]; then
		"$@"
	else
		fakeroot -i "$scratch/fakeroot.state" -s "$scratch/fakeroot.state" -- "$@"
	fi
}
: >"$scratch/fakeroot.state"
rc=0
SYSTEMD_LOG_LEVEL=notice as_root systemd-tmpfiles --root="$stage" --create >"$scratch/tmpfiles.out" 2>"$scratch/tmpfiles.err" || rc=$?
if [ "$rc" -ne 0 ] || [ -s "$scratch/tmpfiles.err" ]; then
	show "$scratch/tmpfiles.err"
	fail "systemd-tmpfiles --root --create (exit $rc) complained"
fi
for d in var/lib/kiosk var/cache/kiosk; do
	[ -d "$stage/$d" ] || fail "systemd-tmpfiles did not create /$d"
	# drwx------ 2 UID GID ...
	read -r mode owner <<-EOF
	$(as_root ls -ldn "$stage/$d" | awk '{ print $1, $3 ":" $4 }')
	EOF
	[ "$mode" = drwx------ ] || fail "/$d has mode $mode, expected drwx------"
	[ "$owner" = "$kiosk_uid:$kiosk_gid" ] || fail "/$d is owned by $owner, expected kiosk ($kiosk_uid:$kiosk_gid)"
done
ok "/var/lib/kiosk and /var/cache/kiosk: 0700, owned by kiosk"

# ---------------------------------------------------------------------------
step "5. health-check verdicts against a fake systemctl"
check=$overlay/usr/libexec/kiosk/health-check
[ -x "$check" ] || fail "$check is missing or not executable"
fake=$scratch/fakebin
mkdir -p "$fake"
# Answers is-active with $FAKE_STATE and NRestarts with $FAKE_RESTARTS.
cat >"$fake/systemctl" <<'EOF'
#!/bin/sh
case "$*" in
"is-active kiosk.service") echo "$FAKE_STATE"; [ "$FAKE_STATE" = active ] ;;
"show -p NRestarts --value kiosk.service") echo "$FAKE_RESTARTS" ;;
*) echo "fake systemctl: unexpected: $*" >&2; exit 99 ;;
esac
EOF
chmod 0755 "$fake/systemctl"

# expect_verdict STATUS STATE RESTARTS ARGS... : health-check ARGS must exit STATUS.
expect_verdict() {
	want=$1 state=$2 restarts=$3
	shift 3
	rc=0
	PATH="$fake:$PATH" FAKE_STATE=$state FAKE_RESTARTS=$restarts "$check" "$@" \
		>"$scratch/health.out" 2>&1 || rc=$?
	if [ "$rc" -ne "$want" ]; then
		show "$scratch/health.out"
		fail "health-check $* with kiosk $state, NRestarts=$restarts: exit $rc, expected $want"
	fi
	ok "kiosk $state, NRestarts=$restarts, args '$*' -> exit $rc: $(head -n 1 "$scratch/health.out")"
}
expect_verdict 0 active 0 1 3
expect_verdict 1 active 2 1 3
expect_verdict 1 failed 0 1 3
expect_verdict 1 activating 0 1 1
expect_verdict 2 active 0 x 3

echo "PASS: board files"
