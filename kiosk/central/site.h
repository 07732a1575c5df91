/*
 * The offices a server serves: each one's site file (the kiosk's own INI
 * format), its services with their booking rules and closures, its time
 * zone, the /v1/config document made from them, and the office's local date
 * and time. Loaded at start, read-only afterwards.
 */
#ifndef CENTRAL_SITE_H
#define CENTRAL_SITE_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "kiosk/config.h"
#include "kiosk/error.h"
#include "kiosk/services.h"
#include "kiosk/tz.h"

struct central;

#define SITE_ID_MAX 48 /* an office id: [a-z0-9-], so kiosk ids "<office>-NN" stay within 64 */

struct office {
	char id[SITE_ID_MAX + 1];
	struct config cfg;
	struct services sv;
	char *config_body; /* GET /v1/config's body */
	size_t config_len;
	char config_etag[32];
	struct tz zone;		     /* the site's time zone, from the system's tz database */
	struct service appointments; /* the queue of in-person check-ins: id TICKETS_APPOINTMENTS */
};

/* A moment in the office's zone. */
struct site_time {
	char day[11]; /* 2026-11-22 */
	int weekday;  /* 0 = Monday */
	int minute;   /* 0..1439 */
};

/* Whether id is a valid office id. */
bool site_id_valid(const char *id);
/* Loads "ID=SITE.ini": the site file, its services file (relative to the
 * site file's folder, as the kiosk resolves it) and the config document.
 * Problems go to stderr with file and line. */
enum kiosk_err site_load(struct office *o, const char *spec);
void site_fini(struct office *o);
/* The office with this id, or NULL. */
const struct office *site_find(const struct central *c, const char *id);
/* The service with this id at the office, or NULL. */
const struct service *site_service(const struct office *o, const char *id);
/* A queue desks may call: a service, or the appointments queue. NULL: none. */
const struct service *site_queue(const struct office *o, const char *id);
/* t in the office's time zone. */
void site_local_time(const struct office *o, time_t t, struct site_time *out);

#endif
