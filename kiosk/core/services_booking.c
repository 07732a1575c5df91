/*
 * DESIGN: services_booking, the booking part of the services file.
 *
 * What it is: a service's "booking" object (durations, notice, horizon,
 * capacity, booking hours, ways to meet by weekday, the check-in window,
 * reasons, what to bring, the place), the site's "closures", and the
 * appointments queue checked-in visitors join (docs/booking.md). Every
 * problem is reported with its JSON line, like the rest of the file.
 * What it is not: slots (booking.c) or the services themselves (services.c).
 * Pure; any thread.
 */
#include <jansson.h>
#include <stdio.h>
#include <string.h>

#include "kiosk/i18n.h"
#include "services_private.h"

/* ---- booking rules ---- */

/* A whole number member within [min, max]; def when absent and not required. */
static bool number(json_t *obj, const char *key, int min, int max, int def, bool required, int *out,
		   const char *where, const char *path, const struct parse *ps)
{
	json_t *v = json_object_get(obj, key);
	*out = def;
	if (!v && !required)
		return true;
	json_int_t n = json_integer_value(v);
	if (!json_is_integer(v) || n < min || n > max) {
		int line = v ? services_line_of(ps, "%s/%s", path, key) : services_line_of(ps, "%s", path);
		/* The member named as in the documentation: "booking.checkin.late_minutes". */
		const char *from = strstr(path, "booking");
		char label[64];
		snprintf(label, sizeof label, "%s", from ? from : path);
		for (char *p = label; *p; p++)
			*p = *p == '/' ? '.' : *p;
		config_report_add(ps->rep, ps->tr, line,
				  N_("service %s: \"%s.%s\" must be a whole number from %d to %d"), where, label, key,
				  min, max);
		return false;
	}
	*out = (int)n;
	return true;
}

static bool weekday_parse(const char *name, int *wd)
{
	for (int d = 0; name && d < 7; d++) {
		if (strcmp(name, services_days[d]) == 0) {
			*wd = d;
			return true;
		}
	}
	return false;
}

static bool modes(json_t *b, int idx, struct booking_rules *r, const char *where, const struct parse *ps)
{
	json_t *m = json_object_get(b, "modes");
	bool ok = true, any = false;
	const char *name;
	json_t *list;
	json_object_foreach(m, name, list) {
		int line = services_line_of(ps, "services/%d/booking/modes/%s", idx, name);
		enum booking_mode mode;
		if (!booking_mode_parse(name, &mode)) {
			config_report_add(ps->rep, ps->tr, line,
					  N_("service %s: \"%s\" is not a contact mode (in_person, phone or video)"),
					  where, name);
			ok = false;
			continue;
		}
		if (!json_is_array(list)) {
			config_report_add(ps->rep, ps->tr, line,
					  N_("service %s: \"booking.modes.%s\" must be a list of weekdays like "
					     "[\"mon\", \"tue\"]"),
					  where, name);
			ok = false;
			continue;
		}
		size_t i;
		json_t *day;
		json_array_foreach(list, i, day) {
			int wd;
			if (!weekday_parse(json_string_value(day), &wd)) {
				int at = services_line_of(ps, "services/%d/booking/modes/%s/%zu", idx, name, i);
				config_report_add(ps->rep, ps->tr, at,
						  N_("service %s: \"%s\" in \"booking.modes.%s\" is not a weekday "
						     "(mon, tue, wed, thu, fri, sat, sun)"),
						  where, json_is_string(day) ? json_string_value(day) : "?", name);
				ok = false;
				continue;
			}
			r->mode_days[mode] |= (unsigned char)(1u << wd);
			any = true;
		}
	}
	if (ok && !any) {
		config_report_add(ps->rep, ps->tr, services_line_of(ps, "services/%d/booking", idx),
				  N_("service %s: \"booking\" needs \"modes\" with at least one of in_person, phone or "
				     "video and the weekdays it is offered"),
				  where);
		ok = false;
	}
	return ok;
}

static bool reason_id_ok(const char *id, size_t cap)
{
	if (!id || !*id || strlen(id) >= cap)
		return false;
	for (const char *p = id; *p; p++) {
		if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '-' || *p == '_'))
			return false;
	}
	return true;
}

static bool reasons(json_t *b, int idx, struct booking_rules *r, const char *where, const struct parse *ps)
{
	json_t *list = json_object_get(b, "reasons");
	if (!list)
		return true;
	if (!json_is_array(list) || json_array_size(list) > BOOKING_MAX_REASONS) {
		config_report_add(ps->rep, ps->tr, services_line_of(ps, "services/%d/booking/reasons", idx),
				  N_("service %s: \"booking.reasons\" must be a list of at most %d reasons"), where,
				  BOOKING_MAX_REASONS);
		return false;
	}
	bool ok = true;
	size_t i;
	json_t *o;
	json_array_foreach(list, i, o) {
		int line = services_line_of(ps, "services/%d/booking/reasons/%zu", idx, i);
		const char *id = json_string_value(json_object_get(o, "id"));
		if (!reason_id_ok(id, sizeof r->reason[0].id)) {
			config_report_add(ps->rep, ps->tr, line,
					  N_("service %s: reason %d needs an \"id\" of 1 to %d small letters, digits "
					     "or dashes"),
					  where, (int)i + 1, (int)sizeof r->reason[0].id - 1);
			ok = false;
			continue;
		}
		bool dup = false;
		for (int k = 0; k < r->nreasons; k++)
			dup = dup || strcmp(r->reason[k].id, id) == 0;
		if (dup) {
			config_report_add(ps->rep, ps->tr, line, N_("service %s: the reason id \"%s\" is used twice"),
					  where, id);
			ok = false;
			continue;
		}
		struct booking_reason *reason = &r->reason[r->nreasons];
		snprintf(reason->id, sizeof reason->id, "%s", id);
		char label[40];
		snprintf(label, sizeof label, "booking.reasons[%d].name", (int)i + 1);
		if (!services_texts_at(o, "name", label, ps->cfg, ps->a, reason->name, true, where, ps->tr, ps->rep,
			      services_line_of(ps, "services/%d/booking/reasons/%zu/name", idx, i))) {
			ok = false;
			continue;
		}
		r->nreasons++;
	}
	return ok;
}

static void format_span(char out[16], int a, int b)
{
	snprintf(out, 16, "%02u:%02u-%02u:%02u", (unsigned)a / 60u % 100u, (unsigned)a % 60u, (unsigned)b / 60u % 100u,
		 (unsigned)b % 60u);
}

bool services_booking(json_t *o, int idx, struct service *s, const char *where, const struct parse *ps)
{
	json_t *b = json_object_get(o, "booking");
	struct booking_rules *r = &s->booking;
	memset(r, 0, sizeof *r);
	if (!b)
		return true;
	char path[48];
	snprintf(path, sizeof path, "services/%d/booking", idx);
	if (!json_is_object(b)) {
		config_report_add(ps->rep, ps->tr, services_line_of(ps, "%s", path),
				  N_("service %s: \"booking\" must be an object (docs/booking.md)"), where);
		return false;
	}
	bool ok = number(b, "duration_minutes", 5, 480, 0, true, &r->duration_min, where, path, ps);
	ok = number(b, "buffer_minutes", 0, 120, 0, false, &r->buffer_min, where, path, ps) && ok;
	ok = number(b, "notice_minutes", 0, 20160, 60, false, &r->notice_min, where, path, ps) && ok;
	ok = number(b, "horizon_days", 1, 365, 60, false, &r->horizon_days, where, path, ps) && ok;
	ok = number(b, "capacity", 1, 50, 1, false, &r->capacity, where, path, ps) && ok;
	json_t *checkin = json_object_get(b, "checkin");
	char cpath[64];
	snprintf(cpath, sizeof cpath, "%s/checkin", path);
	if (checkin && !json_is_object(checkin)) {
		config_report_add(ps->rep, ps->tr, services_line_of(ps, "%s", cpath),
				  N_("service %s: \"booking.checkin\" must be an object like {\"early_minutes\": 30, "
				     "\"late_minutes\": 15}"),
				  where);
		ok = false;
	} else {
		ok = number(checkin, "early_minutes", 0, 240, 30, false, &r->early_min, where, cpath, ps) && ok;
		ok = number(checkin, "late_minutes", 0, 120, 15, false, &r->late_min, where, cpath, ps) && ok;
	}
	/* Booking hours default to the opening hours. */
	json_t *h = json_object_get(b, "hours");
	if (h) {
		static const struct hours_msgs msgs = {
			N_("service %s: booking hours for %s must be a list of at most %d spans"),
			N_("service %s: booking hours \"%s\" on %s are not a time span like \"08:30-12:30\" after the "
			   "previous one (spans may not overlap)"),
		};
		char hpath[64];
		snprintf(hpath, sizeof hpath, "%s/hours", path);
		if (!json_is_object(h)) {
			config_report_add(ps->rep, ps->tr, services_line_of(ps, "%s", hpath),
					  N_("service %s: \"booking.hours\" must be an object like {\"mon\": "
					     "[\"08:30-12:30\"]}"),
					  where);
			ok = false;
		} else {
			ok = services_spans_parse(h, r->hours, r->spans, where, hpath, &msgs, ps) && ok;
		}
	} else {
		memcpy(r->hours, s->open, sizeof r->hours);
		memcpy(r->spans, s->spans, sizeof r->spans);
	}
	ok = modes(b, idx, r, where, ps) && ok;
	ok = reasons(b, idx, r, where, ps) && ok;
	ok = services_texts_at(b, "bring", "booking.bring", ps->cfg, ps->a, r->bring, false, where, ps->tr, ps->rep,
		      services_line_of(ps, "%s/bring", path)) &&
	     ok;
	ok = services_texts_at(b, "place", "booking.place", ps->cfg, ps->a, r->place, false, where, ps->tr, ps->rep,
		      services_line_of(ps, "%s/place", path)) &&
	     ok;
	if (!ok)
		return false;
	/* What reads right but books nothing. */
	for (int d = 0; d < 7; d++) {
		for (int i = 0; i < r->spans[d]; i++) {
			if (r->hours[d][i][1] - r->hours[d][i][0] >= r->duration_min)
				continue;
			char span[16];
			format_span(span, r->hours[d][i][0], r->hours[d][i][1]);
			int line = h ? services_line_of(ps, "%s/hours/%s", path, services_days[d])
				     : services_line_of(ps, "services/%d/hours/%s", idx, services_days[d]);
			config_report_add(ps->rep, ps->tr, line,
					  N_("service %s: booking hours %s on %s are shorter than one meeting (%d "
					     "minutes)"),
					  where, span, services_days[d], r->duration_min);
			ok = false;
		}
		for (int m = 0; m < BOOKING_MODES; m++) {
			if ((r->mode_days[m] & (1u << d)) && r->spans[d] == 0) {
				int line = services_line_of(ps, "%s/modes/%s", path, booking_mode_name(m));
				config_report_add(ps->rep, ps->tr, line,
						  N_("service %s: %s meetings are offered on %s, but there are no "
						     "booking hours that day"),
						  where, booking_mode_name(m), services_days[d]);
				ok = false;
			}
		}
	}
	r->offered = ok;
	return ok;
}

/* ---- the office's closures and the appointments queue ---- */

bool services_closures(json_t *root, struct booking_calendar *cal, const struct parse *ps)
{
	json_t *list = json_object_get(root, "closures");
	if (!list)
		return true;
	if (!json_is_array(list) || json_array_size(list) > BOOKING_MAX_CLOSURES) {
		config_report_add(ps->rep, ps->tr, services_line_of(ps, "closures"),
				  N_("\"closures\" must be a list of at most %d closures"), BOOKING_MAX_CLOSURES);
		return false;
	}
	bool ok = true;
	size_t i;
	json_t *o;
	json_array_foreach(list, i, o) {
		int line = services_line_of(ps, "closures/%zu", i);
		struct booking_closure c = {0, 0, 0, 24 * 60};
		json_t *day = json_object_get(o, "day");
		json_t *from = json_object_get(o, "from"), *to = json_object_get(o, "to");
		bool days_ok;
		if (day)
			days_ok = !from && !to && tz_parse_date(json_string_value(day) ? json_string_value(day) : "",
								&c.from_day);
		else
			days_ok = from && to &&
				  tz_parse_date(json_string_value(from) ? json_string_value(from) : "", &c.from_day) &&
				  tz_parse_date(json_string_value(to) ? json_string_value(to) : "", &c.to_day);
		if (!days_ok) {
			config_report_add(ps->rep, ps->tr, line,
					  N_("closure %d needs a \"day\", or \"from\" and \"to\", as dates like "
					     "\"2026-12-24\""),
					  (int)i + 1);
			ok = false;
			continue;
		}
		if (day)
			c.to_day = c.from_day;
		if (c.to_day < c.from_day) {
			config_report_add(ps->rep, ps->tr, line, N_("closure %d: \"to\" is before \"from\""),
					  (int)i + 1);
			ok = false;
			continue;
		}
		json_t *h = json_object_get(o, "hours");
		if (h && !services_span_parse(json_string_value(h), &c.from_min, &c.to_min)) {
			config_report_add(ps->rep, ps->tr, services_line_of(ps, "closures/%zu/hours", i),
					  N_("closure %d: \"hours\" must be a time span like \"12:00-16:00\""),
					  (int)i + 1);
			ok = false;
			continue;
		}
		cal->c[cal->n++] = c;
	}
	return ok;
}

bool services_appointments(json_t *root, struct services *out, const struct parse *ps)
{
	json_t *o = json_object_get(root, "appointments");
	bool bookable = false;
	for (int i = 0; i < out->count; i++)
		bookable = bookable || out->s[i].booking.offered;
	int line = services_line_of(ps, "appointments");
	if (!o) {
		if (!bookable)
			return true;
		config_report_add(ps->rep, ps->tr, 0,
				  N_("services can be booked, so the file needs \"appointments\": {\"prefix\": \"T\", "
				     "\"name\": {...}}, the queue booked visitors join when they arrive"));
		return false;
	}
	const char *prefix = json_string_value(json_object_get(o, "prefix"));
	bool prefix_ok = prefix && strlen(prefix) >= 1 && strlen(prefix) <= 2;
	for (const char *p = prefix; prefix_ok && *p; p++)
		prefix_ok = *p >= 'A' && *p <= 'Z';
	for (int i = 0; prefix_ok && i < out->count; i++)
		prefix_ok = strcmp(out->s[i].prefix, prefix) != 0;
	if (!prefix_ok) {
		config_report_add(ps->rep, ps->tr, services_line_of(ps, "appointments/prefix"),
				  N_("\"appointments\" needs a \"prefix\" of one or two capital letters A-Z that no "
				     "service uses"));
		return false;
	}
	snprintf(out->appointments_prefix, sizeof out->appointments_prefix, "%s", prefix);
	json_t *t = json_object_get(o, "name");
	int def = config_lang_index(ps->cfg, ps->cfg->default_lang);
	const char *def_lang = ps->cfg->langs[def < 0 ? 0 : def];
	json_t *fallback = json_object_get(t, def_lang);
	if (!json_is_object(t) || !json_is_string(fallback)) {
		config_report_add(ps->rep, ps->tr, t ? services_line_of(ps, "appointments/name") : line,
				  N_("\"appointments\" needs a \"name\" with a text in the default language %s"),
				  def_lang);
		return false;
	}
	for (int i = 0; i < ps->cfg->nlangs; i++) {
		json_t *v = json_object_get(t, ps->cfg->langs[i]);
		if (v && !json_is_string(v)) {
			config_report_add(ps->rep, ps->tr, services_line_of(ps, "appointments/name/%s", ps->cfg->langs[i]),
					  N_("\"appointments\": the name in %s must be text"), ps->cfg->langs[i]);
			return false;
		}
		out->appointments_name[i] = services_keep(ps->a, json_string_value(v ? v : fallback));
		if (!out->appointments_name[i])
			return false;
	}
	return true;
}

