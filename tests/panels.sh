# Sourced by test scripts: the physical size of the panels we support.
# panel_mm WxH -> prints the visible area "WMMxHMM" for that resolution.
panel_mm() {
	case "$1" in
	800x480) echo 154x86 ;;      # 7" DSI panel (Raspberry Pi Touch Display)
	1280x800) echo 217x136 ;;    # 10.1" panel
	1920x1080) echo 476x268 ;;   # 21.5" landscape monitor
	1080x1920) echo 268x476 ;;   # 21.5" portrait kiosk column
	*) echo "unknown panel $1" >&2; return 1 ;;
	esac
}
