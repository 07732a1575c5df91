/* What shell.c shares with script.c and tour*.c only. UI thread. */
#ifndef KIOSK_SHELL_PRIVATE_H
#define KIOSK_SHELL_PRIVATE_H

#include <SDL2/SDL.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>

#include "booking_backend.h"
#include "kiosk/app.h"
#include "kiosk/config.h"
#include "kiosk/draw.h"
#include "kiosk/services.h"
#include "kiosk/tz.h"
#include "post.h"
#include "printer.h"
#include "render.h"
#include "shell.h"
#include "store.h"
#include "text.h"
#include "uplink.h"
#include "wake.h"

struct i18n_catalog;

/* The tag of a slip's print job (APP_MSG_PRINT_ACCEPTED/DONE's arg); tickets use their number. */
#define SHELL_SLIP_TAG 0

/* Catalogs replaced by new site data, kept until no print job can use them. */
#define SHELL_RETIRED_MAX (CONFIG_MAX_LANGS * 4)

/* The thread that takes SIGTERM and SIGINT (shell.c). */
struct signals {
	pthread_t thread;
	sigset_t set;
	struct post *post;
	SDL_atomic_t stopping;
};

struct shell {
	const struct shell_opts *opts;
	struct config cfg;
	struct config base_cfg;  /* the kiosk's own file (with the command line's overrides): the base the
				    server's site data is checked against */
	struct i18n_catalog *cats[CONFIG_MAX_LANGS];
	struct app app;
	struct services services;
	struct guide_library *guides; /* the digital-ID guides (shell_guides.c); never NULL after the start */
	int64_t wall_start_ms;   /* the local clock: real time, or --clock plus the virtual clock */
	struct text_engine *te;
	struct renderer *rd;
	struct post post;
	struct store *store;
	struct uplink *uplink;   /* NULL without [server] url */
	struct tz zone;          /* the site's time zone (app.zone points here) */
	struct booking_backend bookings; /* booking replies waiting for the UI thread */
	bool bookings_started;   /* the embedded backend runs */
	unsigned slips;          /* slips printed since start, for job names */
	bool site_pending;       /* the uplink has new site data: applied at the attract screen */
	struct i18n_catalog *retired[SHELL_RETIRED_MAX];
	int nretired;
	int print_jobs;          /* submitted to the printer and not yet done */
	struct printer *printer;
	struct wake *wake;
	struct signals signals;
	int lw, lh;
	float ppmm;
	bool native_wait;        /* SDL can sleep until input (x11, wayland) */
	bool virtual_clock;      /* scripts move time by hand */
	uint64_t virtual_ms;
	bool quit;
	bool finger_down;
	SDL_FingerID finger;
	bool mouse_down;
	uint64_t frames;
	uint64_t ticket_t0;      /* when the last number was asked for (performance counter), for make bench */
	const char *printer_state; /* as last reported (printer_state_name); NULL before the first answer */
	const char *paper;         /* "ok", "low", "out" or "unknown" */
	struct draw_list dl;
};

uint64_t shell_now(const struct shell *sh);
/* Updates app.local (weekday, minute, date) from the wall clock in the site's time zone. */
void shell_update_local_time(struct shell *sh);
/* Handles every pending event, runs due timers, forwards requests, redraws if needed. */
void shell_pump(struct shell *sh);
/* Draws now (whether or not anything changed), optionally saving a PNG. */
bool shell_redraw(struct shell *sh, const char *shot_path);
/* Queues a touch at a logical point, as the panel would report it. */
void shell_push_touch(struct shell *sh, bool down, int x, int y);

/* shell_uplink.c: the central server's side. */
/* At start: the server's last good site data replaces the file's, if there is one. */
void shell_use_site_cache(struct shell *sh, const struct i18n_catalog *tr);
/* Hands the uplink the printer's and the store's state (the heartbeat). */
void shell_send_health(struct shell *sh);
/* A visitor's number: asked of the server, or the store's own series. */
void shell_take_ticket(struct shell *sh, const struct app_request *r);
/* Handles a service message, passing it on to the app. */
void shell_uplink_msg(struct shell *sh, const struct app_msg *m);
/* Applies new site data if nobody is at the kiosk (the attract screen, no session). */
void shell_apply_site_when_idle(struct shell *sh);
/* Frees the catalogs of earlier site data; only when no print job is in flight. */
void shell_free_retired(struct shell *sh);

/* shell_booking.c: bookings and slips. */
/* At start, before any service: the zone, the idempotency seed, the backend's kind, the mailbox. */
void shell_booking_init(struct shell *sh);
/* Once the store runs: the embedded backend, when it is the one. */
void shell_booking_start(struct shell *sh);
/* New site data is in use: services may have become bookable, or stopped being. */
void shell_booking_site_changed(struct shell *sh);
/* APP_REQ_BOOKING: to the backend; the request's contact is wiped. */
void shell_booking_request(struct shell *sh, struct app_request *r);
/* APP_MSG_BOOKING: the reply to app_on_booking. */
void shell_booking_msg(struct shell *sh, const struct app_msg *m);
/* APP_REQ_PRINT_SLIP: a->slip to the printer thread. */
void shell_print_slip(struct shell *sh);
/* After every backend has stopped: replies nobody took are freed. */
void shell_booking_fini(struct shell *sh);

/* shell_guides.c: the digital-ID guides. */
/* At start: loads the guides (every problem to the log) and resolves the site's schemes and help desk. */
void shell_guides_init(struct shell *sh);
/* New site data is in use: its schemes and help desk are resolved again. */
/* For the tour and the benchmark: the walk stands at step of guide g of
 * scheme, on its first page; come_from_first puts the guide's first step on
 * the trail (Back has somewhere to go, the safety notes stay out), else the
 * walk starts there (step is then ignored: the first step). */
void shell_guide_place(struct app *a, int scheme, int g, int step, bool come_from_first);
void shell_guides_site_changed(struct shell *sh);
/* Swaps in the library of a new guides bundle from the server, if there is
 * one and nobody is at the kiosk (the attract screen, no session). */
void shell_guides_apply_when_idle(struct shell *sh);
void shell_guides_fini(struct shell *sh);

int script_run(struct shell *sh, const char *path);
/* Redraws n frames and renders tickets, reporting timings on --bench-fd (shell_bench.c). */
int shell_bench_frames(struct shell *sh, int n);
int tour_run(struct shell *sh);
/* tour.c, for tour_guides.c: the app on screen in language lang, with fn
 * run before and after entering (a fresh session, the shell's services
 * and guides); and one frame drawn (a PNG at path unless NULL) and
 * checked, its problems reported as "where: ..."; *missing counts the
 * glyphs missing so far. Returns the number of problems. */
void tour_prepare(struct shell *sh, const char *screen, void (*fn)(struct app *a), int lang);
int tour_frame(struct shell *sh, const char *where, const char *path, unsigned *missing);
/* tour_guides.c: every step of every guide in every language, the scheme
 * and topic lists, the end steps' other states and "Talk to a person";
 * screenshots under out_dir/guides/<lang>/. Returns the number of problems. */
int tour_guides(struct shell *sh, unsigned *missing, int *shots);

#endif
