/*
 * DESIGN: app_dates, dates and times as a visitor reads them.
 *
 * What it is: a day, a time of day and a moment in the visitor's language
 * ("mandag 23. november", "lunedì 23 novembre", "Monday 23 November 2026,
 * 09:30"), in the site's zone (a->zone), across daylight-saving changes.
 * Weekday and month names and the order of the parts come from the
 * translations, so each language writes a date the way its readers expect.
 * What it is not: parsing, or the machine's locale (never consulted).
 * Threading: pure; the UI thread calls it.
 */
#include <stdio.h>

#include "kiosk/app.h"
#include "kiosk/i18n.h"
#include "kiosk/tz.h"

static const char *const weekday_names[7] = {
	N_("Monday"), N_("Tuesday"), N_("Wednesday"), N_("Thursday"), N_("Friday"), N_("Saturday"), N_("Sunday"),
};

static const char *const month_names[12] = {
	/* TRANSLATORS: month names as they stand inside a date ("Monday 23 November"). */
	N_("January"), N_("February"), N_("March"),     N_("April"),   N_("May"),      N_("June"),
	N_("July"),    N_("August"),   N_("September"), N_("October"), N_("November"), N_("December"),
};

/* A msgid with a context, for xgettext (--keyword=NC_:1c,2). */
#define NC_(ctxt, msgid) msgid

static const char *const weekday_alone[7] = {
	/* TRANSLATORS: weekday names standing alone, as in a list of opening
	   hours ("Monday–Wednesday: 08:00–15:00"). */
	NC_("weekday alone", "Monday"),	  NC_("weekday alone", "Tuesday"), NC_("weekday alone", "Wednesday"),
	NC_("weekday alone", "Thursday"), NC_("weekday alone", "Friday"),  NC_("weekday alone", "Saturday"),
	NC_("weekday alone", "Sunday"),
};

static const char *const month_headings[12] = {
	/* TRANSLATORS: month names standing alone, as a calendar's heading or
	   button ("November 2026"); some languages decline them inside a date. */
	NC_("month heading", "January"), NC_("month heading", "February"),  NC_("month heading", "March"),
	NC_("month heading", "April"),   NC_("month heading", "May"),       NC_("month heading", "June"),
	NC_("month heading", "July"),    NC_("month heading", "August"),    NC_("month heading", "September"),
	NC_("month heading", "October"), NC_("month heading", "November"),  NC_("month heading", "December"),
};

/* The local calendar time of a moment. Before the shell has a zone (unit
 * tests of other modules) the kiosk counts in UTC rather than crash. */
static void local(const struct app *a, int64_t utc, struct tz_civil *c)
{
	if (a->zone) {
		tz_to_local(a->zone, utc, c);
		return;
	}
	int64_t days = utc >= 0 ? utc / 86400 : -((-utc + 86399) / 86400);
	int64_t s = utc - days * 86400;
	tz_civil_from_days(days, &c->year, &c->month, &c->day);
	c->hour = (int)(s / 3600);
	c->minute = (int)(s / 60 % 60);
	c->second = (int)(s % 60);
	c->weekday = tz_weekday_of_days(days);
	c->offset_s = 0;
}

int64_t app_local_day(const struct app *a, int64_t utc)
{
	struct tz_civil c;
	local(a, utc, &c);
	return tz_days_from_civil(c.year, c.month, c.day);
}

const char *app_weekday_name(const struct app *a, int weekday)
{
	return app_tr(a, weekday_names[((weekday % 7) + 7) % 7]);
}

const char *app_month_name(const struct app *a, int month)
{
	return app_tr(a, month_names[((month - 1) % 12 + 12) % 12]);
}

const char *app_weekday_alone(const struct app *a, int weekday)
{
	return i18n_pget(a->cat[a->lang], "weekday alone", weekday_alone[((weekday % 7) + 7) % 7]);
}

const char *app_month_heading(const struct app *a, int month)
{
	const char *id = month_headings[((month - 1) % 12 + 12) % 12];
	return i18n_pget(a->cat[a->lang], "month heading", id);
}

void app_format_day(const struct app *a, int64_t day, char *out, size_t cap)
{
	int y, m, d;
	tz_civil_from_days(day, &y, &m, &d);
	/* TRANSLATORS: a day: weekday, day of the month, month ("Monday 23
	   November"). Reorder with %1$s, %2$d, %3$s; Danish "%1$s %2$d. %3$s". */
	snprintf(out, cap, app_tr(a, "%s %d %s"), app_weekday_name(a, tz_weekday_of_days(day)), d,
		 app_month_name(a, m));
}

void app_format_time(const struct app *a, int64_t utc, char *out, size_t cap)
{
	struct tz_civil c;
	local(a, utc, &c);
	snprintf(out, cap, "%02d:%02d", c.hour, c.minute);
}

void app_format_when(const struct app *a, int64_t utc, char *out, size_t cap)
{
	struct tz_civil c;
	local(a, utc, &c);
	int64_t day = tz_days_from_civil(c.year, c.month, c.day);
	char date[96], time[8];
	/* TRANSLATORS: a day with its year: weekday, day of the month, month,
	   year ("Monday 23 November 2026"). Reorder with %1$s, %2$d, %3$s, %4$d. */
	snprintf(date, sizeof date, app_tr(a, "%s %d %s %d"), app_weekday_name(a, tz_weekday_of_days(day)), c.day,
		 app_month_name(a, c.month), c.year);
	snprintf(time, sizeof time, "%02d:%02d", c.hour, c.minute);
	/* TRANSLATORS: a day and a time of day ("Monday 23 November 2026, 09:30");
	   Danish might say "%s kl. %s". */
	snprintf(out, cap, app_tr(a, "%s, %s"), date, time);
}
