/*
 * The office's services, from the site's services file (JSON): for each, a
 * translated name and description, a ticket prefix, opening hours, whether
 * priority tickets are offered (and who they are for), a typical handling
 * time, and how it is booked (docs/booking.md): its booking rules, the
 * office's closures and the queue booked visitors join when they check in.
 * Pure: text in, struct out; times are passed in.
 */
#ifndef KIOSK_SERVICES_H
#define KIOSK_SERVICES_H

#include <stdbool.h>
#include <stddef.h>

#include "kiosk/booking.h"
#include "kiosk/config.h"
#include "kiosk/error.h"

#define SERVICES_MAX 12
#define SERVICES_MAX_SPANS 3

struct service {
	char id[24];
	char prefix[3];                          /* one or two capital letters: "A" */
	const char *name[CONFIG_MAX_LANGS];      /* by index in cfg->langs; never NULL after parsing */
	const char *description[CONFIG_MAX_LANGS];
	const char *priority[CONFIG_MAX_LANGS];  /* who priority is for; NULL: not offered */
	short open[7][SERVICES_MAX_SPANS][2];    /* [weekday: 0 = Monday][span] = {from, to} in minutes */
	int spans[7];
	int handling_min;                        /* typical minutes per visitor, before there is history */
	struct booking_rules booking;            /* booking.offered false: not bookable */
};

struct services {
	int count;
	struct service s[SERVICES_MAX];
	struct booking_calendar closures;        /* the office's closures, for every service */
	/* The queue checked-in in-person visitors join; set when any service is bookable. */
	char appointments_prefix[3];             /* "T"; "" when nothing is bookable */
	const char *appointments_name[CONFIG_MAX_LANGS];
	char *arena;                             /* owns every string */
};

/* Parses the services file for the site's languages. Every problem goes to rep
 * (line numbers are the JSON's); on failure out is emptied. */
enum kiosk_err services_parse(const char *text, size_t len, const struct config *cfg,
			      const struct i18n_catalog *tr, struct services *out, struct config_report *rep);
enum kiosk_err services_load(const char *path, const struct config *cfg, const struct i18n_catalog *tr,
			     struct services *out, struct config_report *rep);
void services_fini(struct services *sv);
/* The service with that id, or NULL. */
const struct service *services_find(const struct services *sv, const char *id);
/* Whether any service can be booked. */
bool services_bookable(const struct services *sv);

/* Whether the service is open at minute (0..1439) of weekday (0 = Monday). */
bool service_open_at(const struct service *s, int weekday, int minute);
/* When it next opens after that moment, within a week: days from now (0 = today)
 * and the minute of that day. False when it never opens. */
bool service_next_opening(const struct service *s, int weekday, int minute, int *days, int *at);

/* A ticket number as shown and printed: prefix and three digits, "A017". */
void service_format_number(char *dst, size_t cap, const char *prefix, int number);
/* The n-th number of the day (n from 1) for kiosk k of kiosks: kiosks interleave
 * (1, 3, 5... and 2, 4, 6...), so two kiosks never issue the same number even
 * when they cannot reach each other. */
int service_number_for(int n, int kiosk, int kiosks);

#endif
