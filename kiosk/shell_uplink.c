/*
 * DESIGN: shell_uplink, the UI thread's side of the central server.
 *
 * What it is: what shell.c does with the uplink (kiosk/uplink.h): the
 * server's last good site data at start, queue numbers asked of the server,
 * the queue's state copied into the app (APP_MSG_QUEUE), new site data
 * applied at the attract screen (APP_MSG_SITE), the printer's state changes
 * recorded as events, and the health snapshot for the heartbeat. New site data never changes a visitor's session, and the
 * catalogs it replaces stay alive until no print job can still be rendering
 * with them (the printer thread renders tickets with the visitor's catalog).
 * What it is not: any I/O but the start-up read of the cache: the uplink
 * thread fetches, checks and loads everything before it hands it over.
 * Threading: the UI thread.
 */
#include <stdio.h>
#include <string.h>

#include "kiosk/i18n.h"
#include "shell_private.h"
#include "site_cache.h"
#include "sitecheck.h"

/* APP_MSG_UPLINK carries the uplink's state as the app's enum. */
_Static_assert((int)UPLINK_OK == APP_UPLINK_OK && (int)UPLINK_OFFLINE == APP_UPLINK_OFFLINE &&
		       (int)UPLINK_AUTH == APP_UPLINK_AUTH && (int)UPLINK_NOT_ENROLLED == APP_UPLINK_NOT_ENROLLED,
	       "enum uplink_state and enum app_uplink must agree");

static const char *store_state_name(int status)
{
	return status == KIOSK_OK ? "ok" : status == KIOSK_ERR_DISK_FULL ? "full" : "failed";
}

/* What the heartbeat reports of the UI's side; the uplink sends it early
 * when the printer's or the store's state changed. */
void shell_send_health(struct shell *sh)
{
	if (!sh->uplink)
		return;
	struct uplink_health h = {
	    .printer_state = -1,
	    .printer_state_name = sh->printer ? sh->printer_state : "none",
	    .paper = sh->printer && sh->paper ? sh->paper : "unknown",
	    .store = store_state_name(sh->app.store_status),
	};
	for (int i = 0; i < sh->services.count && h.nqueues < (int)(sizeof h.queues / sizeof h.queues[0]); i++)
		snprintf(h.queues[h.nqueues++].service, sizeof h.queues[0].service, "%s", sh->services.s[i].id);
	snprintf(h.day, sizeof h.day, "%s", sh->app.local.day);
	uplink_set_health(sh->uplink, &h);
}

static void apply_queue(struct shell *sh, const struct uplink_queue_snapshot *q)
{
	for (int i = 0; i < q->n; i++)
		app_set_queue(&sh->app, q->s[i].service, q->s[i].waiting,
			      q->s[i].has_handling ? &q->s[i].handling : NULL);
}

/* APP_MSG_TICKET. For a number the server just allocated, the visitor is
 * told who was ahead of it (the reply's "ahead"), not the queue as it is
 * now with their own ticket in it: the app takes the ticket's figures from
 * the queue it holds, so for that moment it holds the reply's. */
static void ticket_taken(struct shell *sh, const struct app_msg *m)
{
	struct uplink_queue_snapshot q;
	const struct app *a = &sh->app;
	uplink_kick(sh->uplink);
	if (!sh->uplink || m->status != KIOSK_OK || !a->services || a->s.service < 0 ||
	    a->s.service >= a->services->count) {
		app_on_msg(&sh->app, m);
		return;
	}
	uplink_queue_snapshot(sh->uplink, &q);
	const char *id = a->services->s[a->s.service].id;
	if (q.ticket_number != m->arg || strcmp(q.ticket.service, id) != 0) {
		app_on_msg(&sh->app, m);
		return;
	}
	app_set_queue(&sh->app, id, q.ticket.waiting, q.ticket.has_handling ? &q.ticket.handling : NULL);
	app_on_msg(&sh->app, m);
	apply_queue(sh, &q); /* the queue as it is now, for the next visitor */
}

void shell_free_retired(struct shell *sh)
{
	for (int i = 0; i < sh->nretired; i++)
		i18n_catalog_destroy(sh->retired[i]);
	sh->nretired = 0;
}

/* New site data from the server, at the attract screen with nobody there. */
static void apply_site(struct shell *sh)
{
	if (sh->print_jobs == 0)
		shell_free_retired(sh);
	if (sh->nretired + CONFIG_MAX_LANGS > SHELL_RETIRED_MAX)
		return; /* print jobs still hold the catalogs of earlier data: later */
	sh->site_pending = false;
	struct site_bundle *b = uplink_take_site(sh->uplink);
	if (!b)
		return;
	/* TZ is set once, before any thread: a new zone waits for the next start. */
	char zone[sizeof sh->cfg.time_zone];
	memcpy(zone, sh->cfg.time_zone, sizeof zone);
	if (strcmp(zone, b->cfg.time_zone) != 0)
		fprintf(stderr, "kiosk: the site's new time zone %s takes effect at the next start\n",
			b->cfg.time_zone);
	sh->cfg = b->cfg;
	memcpy(sh->cfg.time_zone, zone, sizeof zone);
	services_fini(&sh->services); /* print jobs carry their own copies of its texts */
	sh->services = b->sv;
	memset(&b->sv, 0, sizeof b->sv);
	for (int i = 0; i < CONFIG_MAX_LANGS; i++) {
		if (sh->cats[i])
			sh->retired[sh->nretired++] = sh->cats[i];
		sh->cats[i] = b->cats[i];
		b->cats[i] = NULL;
		sh->app.cat[i] = sh->cats[i];
	}
	sh->app.services = sh->services.count ? &sh->services : NULL;
	shell_booking_site_changed(sh);
	shell_guides_site_changed(sh);
	int lang = config_lang_index(&sh->cfg, sh->cfg.default_lang);
	sh->app.lang = lang < 0 ? 0 : lang;
	/* Queue figures are kept by service index, which may have moved. */
	memset(sh->app.queue, 0, sizeof sh->app.queue);
	struct uplink_queue_snapshot q;
	uplink_queue_snapshot(sh->uplink, &q);
	apply_queue(sh, &q);
	sh->app.dirty = true;
	if (sh->print_jobs == 0)
		shell_free_retired(sh);
	fprintf(stderr, "kiosk: site data %s from the server is in use\n", b->etag);
	site_bundle_destroy(b);
	shell_send_health(sh);
}

/* With a server the uplink asks it first; without one the numbers interleave. */
void shell_take_ticket(struct shell *sh, const struct app_request *r)
{
	sh->ticket_t0 = SDL_GetPerformanceCounter();
	if (sh->uplink) {
		struct uplink_ticket_request t = {
		    .priority = r->priority, .kiosk = sh->cfg.kiosk_number, .kiosks = sh->cfg.kiosks_in_office};
		snprintf(t.service, sizeof t.service, "%s", r->type);
		snprintf(t.prefix, sizeof t.prefix, "%.7s", r->data);
		snprintf(t.day, sizeof t.day, "%s", sh->app.local.day);
		uplink_take_ticket(sh->uplink, &t);
	} else if (sh->cfg.server_url[0]) {
		/* A server is configured but the uplink could not start: never a number the server may give. */
		struct store_ticket t = {
		    .service = r->type,
		    .prefix = r->data,
		    .day = sh->app.local.day,
		    .priority = r->priority,
		    .series = STORE_SERIES_OFFLINE,
		    .kiosk = sh->cfg.kiosk_number,
		    .kiosks = sh->cfg.kiosks_in_office,
		};
		store_take_ticket_number(sh->store, &t);
	} else {
		store_take_ticket(sh->store, r->type, r->data, sh->app.local.day, r->priority, sh->cfg.kiosk_number,
				  sh->cfg.kiosks_in_office);
	}
}

/* The server's last good site data, when there is one, instead of the
 * file's: the kiosk serves visitors as the server last said, offline too. */
void shell_use_site_cache(struct shell *sh, const struct i18n_catalog *tr)
{
	struct config cfg;
	struct services sv;
	struct config_report rep;
	struct i18n_catalog *cats[CONFIG_MAX_LANGS];
	char etag[SITE_CACHE_ETAG_MAX], path[300];
	snprintf(path, sizeof path, "%s/server/site.json", sh->cfg.data_dir);
	enum kiosk_err err = site_cache_load(sh->cfg.data_dir, sh->opts->assets_dir, &sh->base_cfg, tr, &cfg, &sv, etag,
					     sizeof etag, &rep);
	if (err == KIOSK_ERR_NOT_FOUND)
		return;
	if (err == KIOSK_OK) {
		err = site_cache_load_catalogs(sh->cfg.data_dir, sh->opts->assets_dir, &cfg, tr, cats, &rep);
		if (err != KIOSK_OK)
			services_fini(&sv);
	}
	if (err != KIOSK_OK) {
		site_print_report(path, &rep);
		fprintf(stderr, "kiosk: %s is not used; the site data comes from %s\n", path, sh->opts->config_path);
		return;
	}
	sh->cfg = cfg;
	services_fini(&sh->services);
	sh->services = sv;
	for (int i = 0; i < CONFIG_MAX_LANGS; i++) {
		i18n_catalog_destroy(sh->cats[i]);
		sh->cats[i] = cats[i];
	}
	fprintf(stderr, "kiosk: site data %s from the server (%s)\n", etag, path);
}

/* Records each change of the printer's lasting state (kiosk.printer.state),
 * from checks and from how prints ended, for reporting and the heartbeat. */
static void note_printer(struct shell *sh, const struct app_msg *m)
{
	if (!printer_state_lasting((enum printer_state)m->status))
		return; /* one job's outcome */
	const char *state = printer_state_name((enum printer_state)m->status);
	bool low_before = sh->paper && strcmp(sh->paper, "low") == 0;
	const char *paper = "unknown";
	if (m->status == PRINTER_NO_PAPER)
		paper = "out";
	else if (m->kind == APP_MSG_PRINTER_STATE && (m->arg & PRINTER_FLAG_PAPER_LOW))
		paper = "low";
	else if (m->status == PRINTER_READY)
		/* A check says low or not; a printed ticket only that there was paper. */
		paper = m->kind == APP_MSG_PRINT_DONE && low_before ? "low" : "ok";
	if (sh->printer_state && strcmp(state, sh->printer_state) == 0 && strcmp(paper, sh->paper) == 0)
		return;
	sh->printer_state = state;
	sh->paper = paper;
	char data[96];
	snprintf(data, sizeof data, "{\"state\":\"%s\",\"paper\":\"%s\"}", state, paper);
	if (sh->store)
		store_add_event(sh->store, "kiosk.printer.state", data);
	shell_send_health(sh);
}

void shell_uplink_msg(struct shell *sh, const struct app_msg *m)
{
	if (m->kind == APP_MSG_PRINTER_STATE || m->kind == APP_MSG_PRINT_DONE)
		note_printer(sh, m);
	if (m->kind == APP_MSG_PRINT_DONE && sh->print_jobs > 0 && --sh->print_jobs == 0)
		shell_free_retired(sh);
	if (m->kind == APP_MSG_EVENT_SAVED)
		uplink_kick(sh->uplink);
	if (m->kind == APP_MSG_SITE)
		sh->site_pending = true;
	if (m->kind == APP_MSG_QUEUE && sh->uplink) {
		struct uplink_queue_snapshot q;
		uplink_queue_snapshot(sh->uplink, &q);
		apply_queue(sh, &q);
	}
	if (m->kind == APP_MSG_TICKET) {
		ticket_taken(sh, m);
		return;
	}
	int store_before = sh->app.store_status;
	app_on_msg(&sh->app, m);
	if (sh->app.store_status != store_before) {
		/* Recorded like any event: while the disk is full it waits in the
		 * store's memory and reaches the server once space returns, so the
		 * server learns both when the trouble began and when it ended. */
		char data[80];
		snprintf(data, sizeof data, "{\"state\":\"%s\",\"was\":\"%s\"}", store_state_name(sh->app.store_status),
			 store_state_name(store_before));
		store_add_event(sh->store, "kiosk.store.state", data);
		shell_send_health(sh);
	}
}

void shell_apply_site_when_idle(struct shell *sh)
{
	if (sh->site_pending && !sh->app.s.active && sh->app.screen == &screen_attract)
		apply_site(sh);
}
