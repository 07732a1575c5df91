/*
 * DESIGN: slip, what a visitor takes home from booking.
 *
 * What it is: the words of each printed slip (enum app_slip_kind) in the
 * visitor's language, filled into a->slip for ticket_layout_slip: a booking
 * made or moved (the reference large and as a QR code, the day, the time,
 * how and where, what to bring, how to cancel or move), a booking cancelled,
 * the instructions for a phone or video meeting at check-in, the number in
 * the appointments queue at check-in in person, and how to book by phone or
 * online when the kiosk cannot. A slip never carries the visitor's name,
 * phone number or e-mail address: the booking record has none, and nothing
 * here reads a->s.book.contact.
 * What it is not: a guide's printed steps (slip_guide.c), layout
 * (core/ticket_slip.c) or printing (the shell sends APP_REQ_PRINT_SLIP to
 * the printer thread).
 * Threading: the UI thread.
 */
#include <stdio.h>
#include <string.h>

#include "kiosk/app.h"
#include "kiosk/i18n.h"
#include "kiosk/queue.h"
#include "kiosk/services.h"
#include "kiosk/tz.h"
#include "slip_private.h"

static void row(struct ticket_slip *s, const char *label, const char *value)
{
	if (!value || !value[0] || s->nrows == TICKET_SLIP_ROWS)
		return;
	struct ticket_slip_row *r = &s->row[s->nrows++];
	snprintf(r->label, sizeof r->label, "%s", label);
	snprintf(r->value, sizeof r->value, "%s", value);
}

/* When it is printed, local time: the site's zone, or the shell's local
 * fields before it has one. */
static void printed(const struct app *a, struct ticket_slip *s)
{
	if (a->zone) {
		struct tz_civil c;
		tz_to_local(a->zone, a->utc, &c);
		s->year = c.year;
		s->month = c.month;
		s->day = c.day;
		s->hour = c.hour;
		s->minute = c.minute;
		return;
	}
	if (sscanf(a->local.day, "%4d-%2d-%2d", &s->year, &s->month, &s->day) != 3)
		s->year = s->month = s->day = 0;
	s->hour = a->local.minute / 60;
	s->minute = a->local.minute % 60;
}

static void langs(const struct app *a, struct ticket_slip *s)
{
	int office = config_lang_index(a->cfg, a->cfg->default_lang);
	office = office < 0 ? 0 : office;
	const struct i18n_lang *vl = i18n_lang_find(a->cfg->langs[a->lang]);
	const struct i18n_lang *ol = i18n_lang_find(a->cfg->langs[office]);
	s->visitor_lang = (struct ticket_lang){a->cat[a->lang], a->cfg->langs[a->lang], vl && vl->rtl};
	s->office_lang = (struct ticket_lang){a->cat[office], a->cfg->langs[office], ol && ol->rtl};
}

static const struct service *service_of(const struct app *a)
{
	return a->services ? services_find(a->services, a->s.book.record.service) : NULL;
}

/* The QR code: the site's status link for the booking when it has one and
 * the kiosk's scanner finds the reference in it again, else the reference,
 * which the check-in screen reads either way. */
static void code(const struct app *a, struct ticket_slip *s)
{
	const struct booking_record *r = &a->s.book.record;
	char day[11], back[BOOKING_REF_LEN];
	tz_format_date(day, app_local_day(a, r->start));
	ticket_code(s->qr, sizeof s->qr, a->cfg->status_url, r->reference, day, NULL);
	if (!a->cfg->status_url[0] || !booking_reference_parse(s->qr, back) || strcmp(back, r->reference) != 0)
		snprintf(s->qr, sizeof s->qr, "%s", r->reference);
}

/* "09:30–09:50" */
static void times(const struct app *a, const struct booking_record *r, char *out, size_t cap)
{
	char from[16], to[16];
	app_format_time(a, r->start, from, sizeof from);
	app_format_time(a, r->end, to, sizeof to);
	if (r->end > r->start)
		snprintf(out, cap, "%s\xe2\x80\x93%s", from, to);
	else
		snprintf(out, cap, "%s", from);
}

/* The rows every appointment slip has: service, date, time. */
static void when_rows(struct app *a, struct ticket_slip *s, const struct service *sv)
{
	const struct booking_record *r = &a->s.book.record;
	char buf[96];
	if (sv)
		row(s, app_tr(a, "Service"), sv->name[a->lang]);
	app_format_day(a, app_local_day(a, r->start), buf, sizeof buf);
	row(s, app_tr(a, "Date"), buf);
	times(a, r, buf, sizeof buf);
	row(s, app_tr(a, "Time"), buf);
}

/* How the meeting happens, and where or what to expect. */
static void how_rows(struct app *a, struct ticket_slip *s, const struct service *sv)
{
	const struct booking_record *r = &a->s.book.record;
	switch (r->mode) {
	case BOOKING_PHONE:
		row(s, app_tr(a, "How"), app_tr(a, "By phone. We call you on the number you gave."));
		break;
	case BOOKING_VIDEO:
		row(s, app_tr(a, "How"),
		    app_tr(a, "By video call. The link arrives by text message or e-mail. You need a phone, tablet or "
			      "computer with a camera."));
		break;
	default:
		row(s, app_tr(a, "How"), app_tr(a, "In person, at the office."));
		if (sv && sv->booking.place[a->lang])
			row(s, app_tr(a, "Where"), sv->booking.place[a->lang]);
		break;
	}
	if (sv && sv->booking.bring[a->lang])
		row(s, app_tr(a, "Bring"), sv->booking.bring[a->lang]);
}

/* How to cancel or move: at the kiosk with the reference and the second
 * check the booking asks for, or by phone. */
static void cancel_note(struct app *a, struct ticket_slip *s)
{
	bool email = a->s.book.record.check_kind == 'e';
	const char *phone = a->cfg->booking_phone;
	if (phone[0] && email)
		snprintf(s->note, sizeof s->note,
			 app_tr(a, "To cancel or move it, come to the kiosk with this reference and the first 4 "
				   "letters of your e-mail address, or call us on %s."),
			 phone);
	else if (phone[0])
		snprintf(s->note, sizeof s->note,
			 app_tr(a, "To cancel or move it, come to the kiosk with this reference and the last 4 digits "
				   "of your phone number, or call us on %s."),
			 phone);
	else if (email)
		snprintf(s->note, sizeof s->note, "%s",
			 app_tr(a, "To cancel or move it, come to the kiosk with this reference and the first 4 "
				   "letters of your e-mail address."));
	else
		snprintf(s->note, sizeof s->note, "%s",
			 app_tr(a, "To cancel or move it, come to the kiosk with this reference and the last 4 digits "
				   "of your phone number."));
}

/* The office's opening hours by weekday, days with the same hours joined:
 * "Monday–Wednesday: 08:00–15:00". From the earliest opening to the latest
 * closing of any service that day. */
static void opening_hours(struct app *a, char *out, size_t cap)
{
	int from[7], to[7];
	for (int d = 0; d < 7; d++) {
		from[d] = 24 * 60;
		to[d] = 0;
		for (int i = 0; a->services && i < a->services->count; i++) {
			const struct service *sv = &a->services->s[i];
			for (int k = 0; k < sv->spans[d]; k++) {
				from[d] = sv->open[d][k][0] < from[d] ? sv->open[d][k][0] : from[d];
				to[d] = sv->open[d][k][1] > to[d] ? sv->open[d][k][1] : to[d];
			}
		}
	}
	size_t n = 0;
	out[0] = '\0';
	for (int d = 0; d < 7;) {
		int e = d;
		while (e + 1 < 7 && from[e + 1] == from[d] && to[e + 1] == to[d])
			e++;
		if (to[d] > from[d] && n < cap) {
			char days[96];
			if (e > d)
				snprintf(days, sizeof days, "%s\xe2\x80\x93%s", app_weekday_alone(a, d),
					 app_weekday_alone(a, e));
			else
				snprintf(days, sizeof days, "%s", app_weekday_alone(a, d));
			int w = snprintf(out + n, cap - n, "%s%s: %02d:%02d\xe2\x80\x93%02d:%02d", n ? "\n" : "", days,
					 from[d] / 60, from[d] % 60, to[d] / 60, to[d] % 60);
			n = w < 0 ? n : n + (size_t)w;
		}
		d = e + 1;
	}
	if (n >= cap)
		out[cap - 1] = '\0';
}

static void how_to_book(struct app *a, struct ticket_slip *s)
{
	snprintf(s->title, sizeof s->title, "%s", app_tr(a, "How to book an appointment"));
	row(s, app_tr(a, "By phone"), a->cfg->booking_phone);
	row(s, app_tr(a, "Online"), a->cfg->booking_web);
	char hours[240];
	opening_hours(a, hours, sizeof hours);
	row(s, app_tr(a, "Opening hours"), hours);
	if (a->cfg->booking_web[0] && strlen(a->cfg->booking_web) <= TICKET_QR_MAX)
		snprintf(s->qr, sizeof s->qr, "%s", a->cfg->booking_web);
	const char *desk = config_help_desk(a->cfg, app_lang_code(a));
	if (desk[0])
		snprintf(s->note, sizeof s->note, app_tr(a, "You can also ask at %s: staff will help you book."), desk);
	else
		snprintf(s->note, sizeof s->note, "%s",
			 app_tr(a, "You can also ask a member of staff: they will help you book."));
}

void slip_begin(struct app *a)
{
	struct ticket_slip *s = &a->slip;
	memset(s, 0, sizeof *s);
	snprintf(s->office_name, sizeof s->office_name, "%s", a->cfg->site_name);
	printed(a, s);
	langs(a, s);
}

void app_slip_fill(struct app *a, enum app_slip_kind kind)
{
	struct ticket_slip *s = &a->slip;
	slip_begin(a);
	if (kind == APP_SLIP_HOW_TO_BOOK) {
		how_to_book(a, s);
		return;
	}
	const struct booking_record *r = &a->s.book.record;
	const struct service *sv = service_of(a);
	char ref[8], at[16], buf[240];
	booking_reference_format(r->reference, ref);
	snprintf(s->big, sizeof s->big, "%s", ref);
	app_format_time(a, r->start, at, sizeof at);
	switch (kind) {
	case APP_SLIP_BOOKED:
	case APP_SLIP_MOVED:
		snprintf(s->title, sizeof s->title, "%s",
			 kind == APP_SLIP_MOVED ? app_tr(a, "Your appointment has been moved")
						: app_tr(a, "Your appointment"));
		when_rows(a, s, sv);
		how_rows(a, s, sv);
		code(a, s);
		cancel_note(a, s);
		break;
	case APP_SLIP_CANCELLED:
		snprintf(s->title, sizeof s->title, "%s", app_tr(a, "Your appointment is cancelled"));
		when_rows(a, s, sv);
		if (a->cfg->booking_phone[0])
			snprintf(s->note, sizeof s->note,
				 app_tr(a, "To book a new appointment, use the kiosk or call us on %s."),
				 a->cfg->booking_phone);
		else
			snprintf(s->note, sizeof s->note, "%s",
				 app_tr(a, "To book a new appointment, use the kiosk."));
		break;
	case APP_SLIP_REMOTE:
		snprintf(s->title, sizeof s->title, "%s", app_tr(a, "You are checked in."));
		when_rows(a, s, sv);
		how_rows(a, s, sv);
		if (r->mode == BOOKING_PHONE)
			snprintf(s->note, sizeof s->note,
				 app_tr(a, "Your adviser will call you at %s on the number you gave."), at);
		else
			snprintf(s->note, sizeof s->note, app_tr(a, "Open the link we sent you at %s."), at);
		break;
	case APP_SLIP_ARRIVED:
		snprintf(s->title, sizeof s->title, "%s", app_tr(a, "Welcome, you are checked in."));
		if (r->number[0])
			snprintf(s->big, sizeof s->big, "%s", r->number);
		if (sv)
			row(s, app_tr(a, "Service"), sv->name[a->lang]);
		row(s, app_tr(a, "Time"), at);
		if (r->number[0])
			row(s, app_tr(a, "Booking reference"), ref);
		char wait[160];
		queue_describe(a->cat[a->lang], r->ahead, -1, -1, buf, sizeof buf, wait, sizeof wait);
		row(s, app_tr(a, "In the queue"), buf);
		snprintf(s->note, sizeof s->note, "%s",
			 app_tr(a, "Please take a seat. Your number will be called and shown on the screen."));
		break;
	case APP_SLIP_HOW_TO_BOOK:
		break;
	}
}

static const char *kind_name(enum app_slip_kind kind)
{
	static const char *const names[] = {"booked", "moved", "cancelled", "remote", "how_to_book", "arrived"};
	return (size_t)kind < sizeof names / sizeof names[0] ? names[kind] : "slip";
}

void slip_queue(struct app *a, const char *which)
{
	struct app_request *r = &a->req[a->nreq++];
	memset(r, 0, sizeof *r);
	r->kind = APP_REQ_PRINT_SLIP;
	snprintf(r->type, sizeof r->type, "%s", which);
	a->dirty = true;
}

bool app_print_slip(struct app *a, enum app_slip_kind kind)
{
	if (!a->printer_configured || a->nreq == APP_MAX_REQ)
		return false;
	app_slip_fill(a, kind);
	slip_queue(a, kind_name(kind));
	return true;
}
