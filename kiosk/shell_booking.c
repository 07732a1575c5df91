/*
 * DESIGN: shell_booking, the UI thread's side of bookings.
 *
 * What it is: what shell.c does for booking. At start: the site's time zone
 * from the system's tz database (a->zone; UTC with a warning when it cannot
 * be read), random bits for the app's idempotency keys (a->seed), and which
 * backend takes bookings (a->booking_backend): none when no service can be
 * booked, the central server when [server] url is set, else the kiosk's own
 * store (store_booking.c, started here with a copy of the site's rules).
 * Then: APP_REQ_BOOKING goes to that backend, and the request's contact and
 * reason text are wiped from the app's queue as soon as it is passed on;
 * APP_MSG_BOOKING hands the backend's reply (taken from the mailbox; a heap
 * block, never copied by value) to app_on_booking; APP_REQ_PRINT_SLIP sends
 * a->slip to the printer thread, which renders it like a ticket, and the
 * outcome comes back as APP_MSG_PRINT_ACCEPTED / APP_MSG_PRINT_DONE with
 * tag SHELL_SLIP_TAG.
 * What it is not: any booking rule, any I/O but the zone file at start.
 * Threading: the UI thread.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <time.h>

#include "booking_backend.h"
#include "fileio.h"
#include "kiosk/i18n.h"
#include "shell_private.h"
#include "store_booking.h"
#include "ticket_render.h"

#define ZONEINFO "/usr/share/zoneinfo"
#define ZONE_FILE_MAX (512 * 1024)

/* The zone's TZif file; UTC (logged) when it cannot be had. */
static void load_zone(struct shell *sh)
{
	const char *name = sh->cfg.time_zone;
	char path[sizeof(ZONEINFO) + sizeof(sh->cfg.time_zone) + 1];
	char *bytes = NULL;
	size_t len = 0;
	enum kiosk_err err = KIOSK_ERR_INVALID;
	/* A name is a path below the database, never outside it. */
	if (name[0] && name[0] != '/' && !strstr(name, "..")) {
		snprintf(path, sizeof(path), "%s/%s", ZONEINFO, name);
		err = file_read_all(path, ZONE_FILE_MAX, &bytes, &len);
		if (err == KIOSK_OK)
			err = tz_parse(&sh->zone, name, (const unsigned char *)bytes, len);
	}
	free(bytes);
	if (err != KIOSK_OK) {
		fprintf(stderr, "kiosk: time zone %s: %s; appointments are computed in UTC\n",
			name[0] ? name : "(none)", kiosk_err_str(err));
		tz_fixed(&sh->zone, "UTC", 0);
	}
}

/* Which backend: none without a bookable service. */
static void choose_backend(struct shell *sh)
{
	bool offered = false;
	for (int i = 0; i < sh->services.count; i++)
		offered = offered || sh->services.s[i].booking.offered;
	sh->app.booking_backend = !offered		       ? APP_BOOKING_NONE
				  : sh->base_cfg.server_url[0] ? APP_BOOKING_CENTRAL
							       : APP_BOOKING_EMBEDDED;
}

void shell_booking_init(struct shell *sh)
{
	booking_backend_init(&sh->bookings, &sh->post);
	load_zone(sh);
	sh->app.zone = &sh->zone;
	uint64_t seed = 0;
	if (getrandom(&seed, sizeof(seed), GRND_NONBLOCK) != (ssize_t)sizeof(seed)) {
		struct timespec ts;
		clock_gettime(CLOCK_MONOTONIC, &ts);
		seed = ((uint64_t)ts.tv_nsec << 24 ^ (uint64_t)ts.tv_sec ^ (uint64_t)sh->cfg.kiosk_number << 56) *
		       0x9e3779b97f4a7c15ULL;
	}
	sh->app.seed = seed;
	choose_backend(sh);
}

void shell_booking_start(struct shell *sh)
{
	if (sh->app.booking_backend != APP_BOOKING_EMBEDDED || !sh->store)
		return;
	struct store_booking_site *site = malloc(sizeof(*site)); /* ~20 KB: not on the stack */
	if (site) {
		store_booking_site_init(site, &sh->services, &sh->cfg, &sh->zone);
		sh->bookings_started = store_start_bookings(sh->store, site, &sh->bookings, sh->app.utc);
	}
	free(site);
	if (!sh->bookings_started)
		fprintf(stderr, "kiosk: booking: the kiosk's own booking service did not start\n");
}

void shell_booking_site_changed(struct shell *sh)
{
	/* Only the central server sends new site data, so the choice is between
	 * it and none: the embedded backend keeps the rules it started with. */
	if (sh->app.booking_backend != APP_BOOKING_EMBEDDED)
		choose_backend(sh);
}

/* Answers at once, without a backend. */
static void answer_here(struct shell *sh, const struct booking_request *r, enum booking_status s, const char *why)
{
	struct booking_reply *out = booking_backend_new_reply(r);
	if (out) {
		out->status = s;
		snprintf(out->message, sizeof(out->message), "%s", why);
	}
	booking_backend_reply(&sh->bookings, out);
}

void shell_booking_request(struct shell *sh, struct app_request *q)
{
	struct booking_request *r = &q->booking;
	switch (sh->app.booking_backend) {
	case APP_BOOKING_CENTRAL:
		if (sh->uplink)
			uplink_booking(sh->uplink, r);
		else
			answer_here(sh, r, BOOKING_UNREACHABLE, "the uplink did not start");
		break;
	case APP_BOOKING_EMBEDDED:
		if (sh->bookings_started)
			store_booking(sh->store, r, sh->app.utc);
		else
			answer_here(sh, r, BOOKING_FAILED, "the kiosk's booking service did not start");
		break;
	default:
		answer_here(sh, r, BOOKING_FAILED, "no service can be booked");
		break;
	}
	booking_backend_wipe(r); /* the backend has its own copy */
}

void shell_booking_msg(struct shell *sh, const struct app_msg *m)
{
	struct booking_reply *r = booking_backend_take(&sh->bookings);
	if (!r) {
		fprintf(stderr, "kiosk: booking: no reply for request %d\n", m->arg);
		return;
	}
	app_on_booking(&sh->app, r);
	free(r);
}

void shell_print_slip(struct shell *sh)
{
	const struct ticket_paper *paper = ticket_paper_find(sh->cfg.paper);
	struct printer_page *page = NULL;
	if (!sh->printer) {
		struct app_msg m = {APP_MSG_PRINT_DONE, PRINTER_NOT_CONFIGURED, SHELL_SLIP_TAG};
		app_on_msg(&sh->app, &m);
		return;
	}
	page = calloc(1, sizeof(*page));
	if (!page || !paper || !(page->slip = ticket_slip_job_create(&sh->app.slip, paper))) {
		free(page);
		struct app_msg m = {APP_MSG_PRINT_DONE, PRINTER_OTHER_ERROR, SHELL_SLIP_TAG};
		app_on_msg(&sh->app, &m);
		return;
	}
	page->tag = SHELL_SLIP_TAG;
	/* Unique per kiosk and start, so a test can find the printed file; the
	 * slip's reference stays out of the name (printers log job names). */
	snprintf(page->job_name, sizeof page->job_name, "slip-%s-k%d-%u", sh->app.local.day, sh->cfg.kiosk_number,
		 ++sh->slips);
	printer_submit(sh->printer, page);
	sh->print_jobs++; /* it renders with the visitor's catalogs until APP_MSG_PRINT_DONE */
}

void shell_booking_fini(struct shell *sh)
{
	if (sh->bookings.post) /* set up: the start did not fail before */
		booking_backend_fini(&sh->bookings);
}
