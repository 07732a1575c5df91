/*
 * The kiosk process around the pure application: configuration, SDL, the
 * event loop, services, and the test and review modes (script, tour, bench).
 */
#ifndef KIOSK_SHELL_H
#define KIOSK_SHELL_H

#include <stdbool.h>

struct shell_opts {
	const char *config_path;
	const char *data_dir;       /* overrides [store] data_dir */
	const char *assets_dir;
	const char *script_path;    /* run a visitor script, then exit */
	const char *out_dir;        /* where script shots and tour screenshots go */
	const char *start_screen;   /* begin on this screen (bench) */
	bool windowed;              /* a desktop window instead of full screen */
	bool layout_check;          /* check every screen in every language, then exit */
	bool screenshots;           /* the same, writing a PNG of each into out_dir */
	int bench_fd;               /* >= 0: report benchmark figures on this descriptor */
	int bench_frames;           /* > 0: render this many frames after the first, then exit */
	int panel_w, panel_h;       /* > 0: override the configured panel */
	double panel_w_mm, panel_h_mm;
	int rotation;               /* >= 0: override the configured rotation */
	float scale;                /* window scale for desktops; 0 = fit the screen */
	const char *clock;          /* "2026-11-23 09:00": start the local clock here (tests) */
};

/* Runs the kiosk; returns the process exit status. */
int shell_run(const struct shell_opts *o);

#endif
