/*
 * What the services file's two readers share: services.c (services, opening
 * hours) and services_booking.c (booking rules, closures, the appointments
 * queue). Pure.
 */
#ifndef KIOSK_SERVICES_PRIVATE_H
#define KIOSK_SERVICES_PRIVATE_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

#include "kiosk/services.h"

/* Every string of the parsed services, in one allocation. */
struct arena {
	char *buf;
	size_t len, cap;
};

/* One parse: the text (for line numbers), the site, where problems go. */
struct parse {
	const char *text;
	size_t len;
	const struct config *cfg;
	const struct i18n_catalog *tr;
	struct config_report *rep;
	struct arena *a;
};

/* The messages of one kind of hours: a msgid each, taking (where, day, max)
 * and (where, span, day). */
struct hours_msgs {
	const char *not_list;
	const char *bad_span;
};

/* "mon" .. "sun", the weekdays as the file names them. */
extern const char *const services_days[7];

/* Copies s into the arena; NULL when it is full. */
const char *services_keep(struct arena *a, const char *s);
/* A translated text (language -> string) for every site language; label names it in messages. */
bool services_texts_at(json_t *obj, const char *field, const char *label, const struct config *cfg, struct arena *a,
		       const char **out, bool required, const char *where, const struct i18n_catalog *tr,
		       struct config_report *rep, int line);
/* The line of the member at a JSON path ("services/2/booking/modes"), printf-style. */
int services_line_of(const struct parse *ps, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* "08:30-12:30" as minutes of the day; false unless from < to. */
bool services_span_parse(const char *span, short *a, short *b);
/* Spans per weekday ("mon": ["08:00-12:00"]); problems reported with msg. */
bool services_spans_parse(json_t *h, short out[7][SERVICES_MAX_SPANS][2], int spans[7], const char *where,
			  const char *path, const struct hours_msgs *msg, const struct parse *ps);

/* services_booking.c: a service's "booking" object (absent: not bookable),
 * the site's "closures", and its "appointments" queue. */
bool services_booking(json_t *o, int idx, struct service *s, const char *where, const struct parse *ps);
bool services_closures(json_t *root, struct booking_calendar *cal, const struct parse *ps);
bool services_appointments(json_t *root, struct services *out, const struct parse *ps);

#endif
