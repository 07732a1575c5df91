/*
 * The tour: every screen and state, in every language of the site, drawn at
 * the configured panel size and rotation. --layout-check fails when any text
 * overflows its box (as laid out or as really rendered), when a font lacks a
 * character, or when a touch target is smaller than 11.6 mm on the panel;
 * --screenshots also writes each frame as a PNG for people to look at.
 * The digital-ID guides, every step in every language, are tour_guides.c.
 * UI thread; virtual clock.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kiosk/i18n.h"
#include "pngout.h"
#include "shell_private.h"
#include "ticket_render.h"

struct state {
	const char *name;
	const char *screen;
	void (*prepare)(struct app *a);
};

static void typed(struct app *a)
{
	snprintf(a->s.field, sizeof(a->s.field), "%s", "AB12 CD");
	a->s.shift = true;
}

static void numpad(struct app *a)
{
	snprintf(a->s.field, sizeof(a->s.field), "%s", "4711");
	a->s.numpad = true;
}

static void latin(struct app *a)
{
	a->s.latin = true;
}

/* ---- I have an appointment: check in, cancel, move ---- */

/* A local time in the site's zone. */
static int64_t local_at(const struct app *a, int y, int mo, int d, int h, int mi)
{
	int64_t t = 0;
	tz_from_local(a->zone, y, mo, d, h, mi, &t);
	return t;
}

/* Monday 23 November 2026 at h:m in the site's zone. */
static int64_t monday_at(const struct app *a, int h, int m)
{
	return local_at(a, 2026, 11, 23, h, m);
}

/* A booking found by its reference: 09:30 in person, for the first bookable
 * service; it is 09:10 now. */
static void booking_found(struct app *a)
{
	a->utc = monday_at(a, 9, 10);
	struct app_booking *b = &a->s.book;
	struct booking_record *r = &b->record;
	for (int i = 0; a->services && i < a->services->count && !r->service[0]; i++) {
		if (a->services->s[i].booking.offered)
			snprintf(r->service, sizeof r->service, "%s", a->services->s[i].id);
	}
	snprintf(r->reference, sizeof r->reference, "%s", "K7R49X");
	snprintf(b->reference, sizeof b->reference, "%s", "K7R49X");
	r->state = BOOKING_BOOKED;
	r->start = monday_at(a, 9, 30);
	r->end = monday_at(a, 9, 50);
	r->check_kind = 'p';
	r->ahead = -1;
	b->status = BOOKING_OK;
}

static void ref_malformed(struct app *a)
{
	snprintf(a->s.book.typed, sizeof a->s.book.typed, "%s", "15Qw-7X");
	a->s.book.ref_problem = APP_REF_MALFORMED;
	a->s.field[0] = '\0';
}

static void ref_unknown(struct app *a)
{
	snprintf(a->s.book.typed, sizeof a->s.book.typed, "%s", "K7R-49X");
	a->s.book.ref_problem = APP_REF_UNKNOWN;
	a->s.field[0] = '\0';
}

static void ref_waiting(struct app *a)
{
	snprintf(a->s.field, sizeof(a->s.field), "%s", "K7R-49X");
	a->s.book.waiting = true;
}

static void ref_manage(struct app *a)
{
	a->s.book.manage = true;
}

static void arrived(struct app *a)
{
	booking_found(a);
	a->s.book.arrived = true;
	a->s.book.record.state = BOOKING_ARRIVED;
	snprintf(a->s.book.record.number, sizeof a->s.book.record.number, "%s", "T012");
	a->s.book.record.ahead = 2;
}

static void arrived_printing(struct app *a)
{
	arrived(a);
	a->s.book.slip_print = APP_PRINT_BUSY;
}

static void arrived_by_phone(struct app *a)
{
	arrived(a);
	a->s.book.record.mode = BOOKING_PHONE;
	a->s.book.record.number[0] = '\0';
	a->printer_configured = true;
}

static void arrived_by_video(struct app *a)
{
	arrived_by_phone(a);
	a->s.book.record.mode = BOOKING_VIDEO;
	a->s.book.slip_print = APP_PRINT_BUSY;
}

/* Checking in at h:m, outside the window of 09:00-09:40 (status says which side). */
static void outside_window(struct app *a, int h, int m, enum booking_status status)
{
	booking_found(a);
	a->utc = monday_at(a, h, m);
	a->s.book.status = status;
	a->s.book.window_from = monday_at(a, 9, 0);
	a->s.book.window_to = monday_at(a, 9, 40);
}

static void too_early(struct app *a)
{
	outside_window(a, 8, 0, BOOKING_TOO_EARLY);
}

static void too_early_other_day(struct app *a)
{
	too_early(a);
	a->utc -= 3 * 86400;
}

static void too_late(struct app *a)
{
	outside_window(a, 10, 5, BOOKING_TOO_LATE);
}

static void was_cancelled(struct app *a)
{
	booking_found(a);
	a->s.book.record.state = BOOKING_CANCELLED;
}

static void already_arrived(struct app *a)
{
	booking_found(a);
	a->s.book.record.state = BOOKING_ARRIVED;
}

static void unreachable(struct app *a)
{
	a->s.book.status = BOOKING_UNREACHABLE;
}

static void unreachable_manage(struct app *a)
{
	unreachable(a);
	a->s.book.manage = true;
}

static void backend_failed(struct app *a)
{
	a->s.book.status = BOOKING_FAILED;
}

static void not_active(struct app *a)
{
	booking_found(a);
	a->s.book.status = BOOKING_NOT_ACTIVE;
}

static void booking_over(struct app *a)
{
	booking_found(a);
	a->utc = monday_at(a, 11, 0);
}

static void check_phone(struct app *a)
{
	booking_found(a);
	snprintf(a->s.field, sizeof(a->s.field), "%s", "47");
}

static void check_email(struct app *a)
{
	booking_found(a);
	a->s.book.record.check_kind = 'e';
	a->s.book.manage_move = true;
	a->s.numpad = false;
}

static void check_failed(struct app *a)
{
	booking_found(a);
	a->s.book.check_failures = 1;
}

static void check_blocked(struct app *a)
{
	booking_found(a);
	a->s.book.check_failures = APP_CHECK_TRIES;
}

static void cancel_waiting(struct app *a)
{
	booking_found(a);
	a->s.book.waiting = true;
}

static void cancelled_printing(struct app *a)
{
	booking_found(a);
	a->s.book.record.state = BOOKING_CANCELLED;
	a->s.book.slip_print = APP_PRINT_BUSY;
}

static void second_page(struct app *a)
{
	a->s.list_page = 1;
}

static void warning(struct app *a)
{
	a->warning = true;
	a->last_input_ms = a->now_ms - (uint64_t)a->cfg->idle_timeout_s * 1000;
}

static void monday_morning(struct app *a)
{
	a->local.weekday = 0;
	a->local.minute = 10 * 60;
}

static void saturday(struct app *a)
{
	a->local.weekday = 5;
	a->local.minute = 10 * 60;
}

static void chose_priority(struct app *a)
{
	monday_morning(a);
	a->s.service = 0;
}

/* The server's queue: many ahead (the longest plural forms), and a short
 * history (the "cannot estimate" sentence next to the usual visit). */
static void queue_known(struct app *a)
{
	chose_priority(a);
	struct queue_handling h = {.avg_s = 420, .samples = 12, .desks = 2};
	app_set_queue(a, a->services->s[0].id, 23, &h);
}

static void queue_young(struct app *a)
{
	chose_priority(a);
	struct queue_handling h = {.avg_s = 420, .samples = 1, .desks = 1};
	app_set_queue(a, a->services->s[0].id, 1, &h);
}

/* Every staff mark at once: disk failed, not reporting, paper low. */
static void marks(struct app *a)
{
	a->store_status = KIOSK_ERR_FULL;
	a->uplink = APP_UPLINK_AUTH;
	a->uplink_mark = true;
	a->paper_low = true;
}

static void marks_on_services(struct app *a)
{
	monday_morning(a);
	marks(a);
}

static void got_number(struct app *a)
{
	chose_priority(a);
	a->s.number = 17;
}

static void waiting_number(struct app *a)
{
	chose_priority(a);
	a->s.number = 0;
}

static void no_number(struct app *a)
{
	chose_priority(a);
	a->s.number = -1;
}

/* ---- Book an appointment ---- */

/* The bookable service with the most ways to meet (the demo's pensions). */
static int book_service_index(const struct app *a)
{
	int best = -1, most = 0;
	for (int i = 0; a->services && i < a->services->count; i++) {
		const struct service *s = &a->services->s[i];
		int n = 0;
		for (int m = 0; m < BOOKING_MODES; m++)
			n += s->booking.mode_days[m] != 0;
		if (s->booking.offered && n > most) {
			best = i;
			most = n;
		}
	}
	return best;
}

/* Free slots on the weekdays of days [from, from + days), per_day from 08:30
 * every step minutes. */
static void book_slots(struct app *a, int64_t from, int days, int per_day, int step)
{
	struct app_booking *b = &a->s.book;
	b->nslots = 0;
	for (int64_t d = from; d < from + days; d++) {
		if (tz_weekday_of_days(d) >= 5)
			continue;
		int y, mo, dd;
		tz_civil_from_days(d, &y, &mo, &dd);
		for (int k = 0; k < per_day && b->nslots < BOOKING_MAX_SLOTS; k++) {
			int minute = 8 * 60 + 30 + k * step;
			struct booking_slot *sl = &b->slots[b->nslots++];
			sl->start = local_at(a, y, mo, dd, minute / 60, minute % 60);
			sl->end = sl->start + 20 * 60;
			sl->free = 1;
		}
	}
	b->have_slots = true;
	b->waiting = false;
	b->status = BOOKING_OK;
}

/* Pensions, at the office, on Monday 23 November 2026 at 10:00. */
static void book_chose(struct app *a)
{
	struct app_booking *b = &a->s.book;
	a->utc = monday_at(a, 10, 0);
	b->service = book_service_index(a);
	b->mode = BOOKING_IN_PERSON;
	b->day = -1;
	b->reason = -1;
	b->month = tz_days_from_civil(2026, 11, 1);
	b->waiting = false;
}

static void book_day(struct app *a)
{
	book_chose(a);
	book_slots(a, tz_days_from_civil(2026, 11, 24), 58, 8, 30);
}

/* May 2027 takes six rows, the most a month can; a day is chosen. */
static void book_day_long(struct app *a)
{
	book_chose(a);
	a->utc = local_at(a, 2027, 4, 30, 10, 0);
	book_slots(a, tz_days_from_civil(2027, 5, 3), 50, 8, 30);
	a->s.book.month = tz_days_from_civil(2027, 5, 1);
	a->s.book.day = tz_days_from_civil(2027, 5, 12);
}

static void book_day_waiting(struct app *a)
{
	book_chose(a);
	a->s.book.waiting = true;
	a->s.book.have_slots = false;
}

static void book_day_none(struct app *a)
{
	book_chose(a);
	book_slots(a, 0, 0, 0, 30);
}

static void book_time(struct app *a)
{
	book_day(a);
	a->s.book.day = tz_days_from_civil(2026, 11, 24);
}

/* Five-minute meetings: more times than a page holds. */
static void book_time_many(struct app *a)
{
	book_chose(a);
	book_slots(a, tz_days_from_civil(2026, 11, 24), 3, 44, 5);
	a->s.book.day = tz_days_from_civil(2026, 11, 24);
}

static void book_held(struct app *a)
{
	book_time(a);
	struct app_booking *b = &a->s.book;
	b->start = local_at(a, 2026, 11, 24, 9, 0);
	b->end = b->start + 20 * 60;
	snprintf(b->hold, sizeof b->hold, "%s", "h-tour");
	b->hold_expires = a->utc + BOOKING_HOLD_S;
}

static void book_time_holding(struct app *a)
{
	book_time(a);
	a->s.book.waiting = true;
}

static void book_name(struct app *a)
{
	book_held(a);
	a->s.book.field = 0;
	a->s.shift = true;
}

static void book_name_typed(struct app *a)
{
	book_name(a);
	snprintf(a->s.book.contact.name, sizeof a->s.book.contact.name, "%s", "Anne-Marie Christensen-Østergaard");
	a->s.shift = false;
}

static void book_name_id(struct app *a)
{
	book_name(a);
	snprintf(a->s.book.contact.name, sizeof a->s.book.contact.name, "%s", "0101901234");
	a->s.book.problem = BOOKING_CONTACT_ID_NUMBER;
}

static void book_name_latin(struct app *a)
{
	book_name_typed(a);
	a->s.latin = true;
}

static void book_reach_video(struct app *a)
{
	book_name_typed(a);
	a->s.book.mode = BOOKING_VIDEO;
}

static void book_phone(struct app *a)
{
	book_name_typed(a);
	a->s.book.field = 1;
	snprintf(a->s.book.contact.phone, sizeof a->s.book.contact.phone, "%s", "+45 12 34 56 78");
}

static void book_phone_bad(struct app *a)
{
	book_phone(a);
	snprintf(a->s.book.contact.phone, sizeof a->s.book.contact.phone, "%s", "123");
	a->s.book.problem = BOOKING_CONTACT_BAD_PHONE;
}

static void book_email(struct app *a)
{
	book_name_typed(a);
	a->s.book.field = 2;
	a->s.book.contact.phone[0] = '\0';
	snprintf(a->s.book.contact.email, sizeof a->s.book.contact.email, "%s",
		 "anne-marie.christensen.oestergaard@example.dk");
}

static void book_email_digits(struct app *a)
{
	book_email(a);
	a->s.numpad = true;
}

static void book_words(struct app *a)
{
	book_phone(a);
	a->s.book.field = 3;
	snprintf(a->s.book.reason_text, sizeof a->s.book.reason_text, "%s",
		 "Jeg vil gerne tale om min pension og om boligstøtte til min nye lejlighed i byen");
}

static void book_review(struct app *a)
{
	book_phone(a);
	a->s.book.reason = 0;
}

static void book_review_words(struct app *a)
{
	book_email(a);
	book_words(a);
	a->s.book.contact.phone[0] = '\0';
	snprintf(a->s.book.contact.email, sizeof a->s.book.contact.email, "%s",
		 "anne-marie.christensen.oestergaard@example.dk");
	a->s.book.mode = BOOKING_VIDEO;
}

static void book_review_move(struct app *a)
{
	book_held(a);
	struct app_booking *b = &a->s.book;
	b->moving = true;
	snprintf(b->record.reference, sizeof b->record.reference, "%s", "K7R49X");
	b->record.start = monday_at(a, 11, 0);
	b->record.end = b->record.start + 20 * 60;
	snprintf(b->check, sizeof b->check, "%s", "5678");
}

static void book_review_sending(struct app *a)
{
	book_held(a);
	a->s.book.sent = true;
	a->s.book.waiting = true;
}

static void book_review_answered(struct app *a)
{
	book_held(a);
	a->s.book.sent = true;
	a->s.book.status = BOOKING_OK;
}

static void book_done(struct app *a)
{
	book_held(a);
	struct app_booking *b = &a->s.book;
	struct booking_record *r = &b->record;
	snprintf(r->reference, sizeof r->reference, "%s", "K7R49X");
	snprintf(r->service, sizeof r->service, "%s", b->service >= 0 ? a->services->s[b->service].id : "");
	r->mode = BOOKING_IN_PERSON;
	r->start = b->start;
	r->end = b->end;
	r->check_kind = 'p';
	b->hold[0] = '\0';
}

static void book_done_printing(struct app *a)
{
	book_done(a);
	a->printer_configured = true;
	a->s.book.slip_print = APP_PRINT_BUSY;
}

static void book_done_video(struct app *a)
{
	book_done(a);
	a->s.book.record.mode = BOOKING_VIDEO;
	a->s.book.record.check_kind = 'e';
	a->printer_configured = true;
	a->s.book.slip_print = APP_PRINT_FAILED;
}

static void book_done_moved_phone(struct app *a)
{
	book_done(a);
	a->s.book.moving = true;
	a->s.book.record.mode = BOOKING_PHONE;
	a->printer_configured = true;
	a->s.book.slip_print = APP_PRINT_DONE;
}

static void book_taken(struct app *a)
{
	book_held(a);
	struct app_booking *b = &a->s.book;
	b->status = BOOKING_SLOT_TAKEN;
	book_slots(a, tz_days_from_civil(2026, 11, 24), 2, 3, 30);
	b->status = BOOKING_SLOT_TAKEN;
	b->have_slots = false;
}

static void book_taken_expired(struct app *a)
{
	book_held(a);
	a->s.book.status = BOOKING_HOLD_EXPIRED;
	a->s.book.nslots = 0;
}

static void book_offline(struct app *a)
{
	book_chose(a);
	a->s.book.status = BOOKING_UNREACHABLE;
	a->printer_configured = true;
}

static void book_offline_printed(struct app *a)
{
	book_offline(a);
	a->s.book.slip_print = APP_PRINT_DONE;
}

static const struct state states[] = {
	{"ticket", "ticket", monday_morning},
	{"ticket-closed", "ticket", saturday},
	{"priority", "priority", chose_priority},
	{"wait", "wait", chose_priority},
	{"wait-queue", "wait", queue_known},
	{"wait-queue-young", "wait", queue_young},
	{"number", "number", got_number},
	{"number-waiting", "number", waiting_number},
	{"number-failed", "number", no_number},
	{"attract", "attract", NULL},
	{"attract-marks", "attract", marks},
	{"ticket-marks", "ticket", marks_on_services},
	{"home", "home", NULL},
	{"language", "language", NULL},
	{"language-page2", "language", second_page},
	{"book-service", "book.service", NULL},
	{"guides", "guides", NULL},
	{"staff", "staff", NULL},
	{"checkin", "checkin", NULL},
	{"checkin-ref", "checkin-ref", NULL},
	{"checkin-ref-typed", "checkin-ref", typed},
	{"checkin-ref-numpad", "checkin-ref", numpad},
	{"checkin-ref-latin", "checkin-ref", latin},
	{"checkin-ref-manage", "checkin-ref", ref_manage},
	{"checkin-ref-malformed", "checkin-ref", ref_malformed},
	{"checkin-ref-unknown", "checkin-ref", ref_unknown},
	{"checkin-ref-waiting", "checkin-ref", ref_waiting},
	{"checkin-done-number", "checkin-done", arrived},
	{"checkin-done-number-printing", "checkin-done", arrived_printing},
	{"checkin-done-phone", "checkin-done", arrived_by_phone},
	{"checkin-done-video", "checkin-done", arrived_by_video},
	{"checkin-done-early", "checkin-done", too_early},
	{"checkin-done-early-other-day", "checkin-done", too_early_other_day},
	{"checkin-done-late", "checkin-done", too_late},
	{"checkin-done-cancelled", "checkin-done", was_cancelled},
	{"checkin-done-already", "checkin-done", already_arrived},
	{"checkin-done-not-active", "checkin-done", not_active},
	{"checkin-done-unreachable", "checkin-done", unreachable},
	{"checkin-done-unreachable-manage", "checkin-done", unreachable_manage},
	{"checkin-done-failed", "checkin-done", backend_failed},
	{"manage", "manage", booking_found},
	{"manage-cancelled", "manage", was_cancelled},
	{"manage-over", "manage", booking_over},
	{"manage-check-phone", "manage-check", check_phone},
	{"manage-check-email", "manage-check", check_email},
	{"manage-check-failed", "manage-check", check_failed},
	{"manage-check-blocked", "manage-check", check_blocked},
	{"manage-confirm", "manage-confirm", booking_found},
	{"manage-confirm-waiting", "manage-confirm", cancel_waiting},
	{"manage-done", "manage-done", cancelled_printing},
	{"manage-done-not-active", "manage-done", not_active},
	{"manage-done-unreachable", "manage-done", unreachable},
	{"book-mode", "book.mode", book_chose},
	{"book-day", "book.day", book_day},
	{"book-day-long", "book.day", book_day_long},
	{"book-day-waiting", "book.day", book_day_waiting},
	{"book-day-none", "book.day", book_day_none},
	{"book-time", "book.time", book_time},
	{"book-time-many", "book.time", book_time_many},
	{"book-time-holding", "book.time", book_time_holding},
	{"book-contact", "book.contact", book_name},
	{"book-contact-typed", "book.contact", book_name_typed},
	{"book-contact-id", "book.contact", book_name_id},
	{"book-contact-latin", "book.contact", book_name_latin},
	{"book-reach", "book.reach", book_name_typed},
	{"book-reach-video", "book.reach", book_reach_video},
	{"book-phone", "book.phone", book_phone},
	{"book-phone-bad", "book.phone", book_phone_bad},
	{"book-email", "book.email", book_email},
	{"book-email-digits", "book.email", book_email_digits},
	{"book-reason", "book.reason", book_review},
	{"book-words", "book.words", book_words},
	{"book-review", "book.review", book_review},
	{"book-review-words", "book.review", book_review_words},
	{"book-review-move", "book.review", book_review_move},
	{"book-review-sending", "book.review", book_review_sending},
	{"book-review-answered", "book.review", book_review_answered},
	{"book-done", "book.done", book_done},
	{"book-done-printing", "book.done", book_done_printing},
	{"book-done-video", "book.done", book_done_video},
	{"book-done-moved-phone", "book.done", book_done_moved_phone},
	{"book-taken", "book.taken", book_taken},
	{"book-taken-expired", "book.taken", book_taken_expired},
	{"book-offline", "book.offline", book_offline},
	{"book-offline-printed", "book.offline", book_offline_printed},
	{"idle-warning", "home", warning},
};

void tour_prepare(struct shell *sh, const char *screen, void (*fn)(struct app *a), int lang)
{
	struct app *a = &sh->app;
	int backend = a->booking_backend; /* as the shell chose it */
	/* The guides and the site's schemes, as shell_guides resolved them. */
	const struct guide_library *guides = a->guides;
	int schemes[GUIDE_MAX_SCHEMES], nschemes = a->nguide_schemes, help = a->guide_help_service;
	memcpy(schemes, a->guide_scheme, sizeof schemes);
	app_init(a, &sh->cfg);
	/* The site's zone, as the shell set it: dates and times are local. */
	a->zone = &sh->zone;
	a->booking_backend = backend;
	a->guides = guides;
	memcpy(a->guide_scheme, schemes, sizeof schemes);
	a->nguide_schemes = nschemes;
	a->guide_help_service = help;
	for (int i = 0; i < sh->cfg.nlangs; i++)
		a->cat[i] = sh->cats[i];
	a->store_status = KIOSK_OK;
	a->lang = lang;
	a->now_ms = shell_now(sh);
	a->services = sh->services.count ? &sh->services : NULL;
	if (fn)
		fn(a); /* before entering: some screens read the choice on entry */
	if (strcmp(screen, "attract") != 0) {
		app_activate(a, APP_ACT_HOME, 0, a->now_ms);
		a->lang = lang;
		app_goto(a, app_screen_find(screen));
	}
	if (fn)
		fn(a);
	a->nreq = 0;
}

static void prepare(struct shell *sh, const struct state *st, int lang)
{
	tour_prepare(sh, st->screen, st->prepare, lang);
}

static int check_targets(struct shell *sh, const char *where)
{
	int bad = 0;
	float min = UI_MIN_TARGET_MM - 0.05f;
	for (int i = 0; i < sh->dl.ntarget; i++) {
		const struct draw_target *t = &sh->dl.target[i];
		float w = (float)t->r.w / sh->ppmm, h = (float)t->r.h / sh->ppmm;
		for (int j = 0; j < i; j++) {
			if (strcmp(sh->dl.target[j].id, t->id) == 0) {
				fprintf(stderr, "%s: two targets are called %s\n", where, t->id);
				bad++;
			}
		}
		if (w < min || h < min) {
			fprintf(stderr, "%s: target %s is %.1f x %.1f mm, smaller than %.1f mm\n", where, t->id, w, h,
				UI_MIN_TARGET_MM);
			bad++;
		}
	}
	return bad;
}

/* s[0..len) (len < 0: to its end) on one line, for a message: paragraphs
 * joined with " / ", a character cut off at the end left out. */
static const char *one_line(char *out, size_t cap, const char *s, int len)
{
	size_t n = 0, end = len < 0 ? strlen(s) : (size_t)len;
	for (size_t i = 0; i < end && s[i] && n + 4 < cap; i++) {
		if (s[i] == '\n') {
			memcpy(out + n, " / ", 3);
			n += 3;
		} else {
			out[n++] = s[i];
		}
	}
	/* Drop a last character whose bytes did not all fit. */
	size_t k = n;
	while (k > 0 && ((unsigned char)out[k - 1] & 0xC0) == 0x80)
		k--;
	if (k > 0 && (unsigned char)out[k - 1] >= 0xC0) {
		unsigned char lead = (unsigned char)out[k - 1];
		size_t need = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2;
		if (n - (k - 1) < need)
			n = k - 1;
	}
	out[n] = '\0';
	return out;
}

/* Draws the screen as it is now (saving a PNG at path, unless NULL) and
 * reports every problem with it, each line starting with where. *missing
 * is the count of missing glyphs so far. Returns the number of problems. */
int tour_frame(struct shell *sh, const char *where, const char *path, unsigned *missing)
{
	int problems = 0;
	char t1[200], t2[200];
	renderer_reset_overflow(sh->rd);
	if (!shell_redraw(sh, path)) {
		fprintf(stderr, "%s: cannot write %s\n", where, path);
		problems++;
	}
	if (sh->dl.overflow) {
		fprintf(stderr, "%s: %d text(s) do not fit, first: \"%s\"\n", where, sh->dl.overflow,
			one_line(t1, sizeof t1, sh->dl.overflow_what, -1));
		problems++;
	}
	struct render_stats rs = renderer_stats(sh->rd);
	if (rs.text_overflow) {
		fprintf(stderr, "%s: %u line(s) rendered wider than their box, first: \"%s\"\n", where,
			rs.text_overflow, one_line(t1, sizeof t1, rs.overflow_what, -1));
		problems++;
	}
	unsigned now = text_engine_stats(sh->te).missing_glyphs;
	if (now != *missing) {
		fprintf(stderr, "%s: %u character(s) have no glyph in any font\n", where, now - *missing);
		*missing = now;
		problems++;
	}
	problems += check_targets(sh, where);
	int ta, tb;
	if (draw_list_text_overlap(&sh->dl, &ta, &tb)) {
		const struct draw_cmd *p = &sh->dl.cmd[ta], *q = &sh->dl.cmd[tb];
		if (p->kind != DRAW_TEXT) {
			const struct draw_cmd *t = p;
			p = q;
			q = t;
		}
		if (q->kind == DRAW_TEXT)
			fprintf(stderr, "%s: text \"%s\" and \"%s\" are drawn over each other\n", where,
				one_line(t1, sizeof t1, draw_cmd_text(&sh->dl, p), (int)p->len),
				one_line(t2, sizeof t2, draw_cmd_text(&sh->dl, q), (int)q->len));
		else
			fprintf(stderr, "%s: text \"%s\" is partly hidden by a box at %d,%d %dx%d\n", where,
				one_line(t1, sizeof t1, draw_cmd_text(&sh->dl, p), (int)p->len), q->r.x, q->r.y,
				q->r.w, q->r.h);
		problems++;
	}
	return problems;
}

/* The booking slips, printed as the printer thread prints them: every kind
 * in every language, on both rolls (and on A4 for the screenshots, where
 * people look at them). A text that does not fit is a problem, as on screen. */
struct slip_state {
	const char *name;
	enum app_slip_kind kind;
	enum booking_mode mode;
};

static const struct slip_state slips[] = {
	{"slip-booked", APP_SLIP_BOOKED, BOOKING_IN_PERSON},
	{"slip-booked-video", APP_SLIP_BOOKED, BOOKING_VIDEO},
	{"slip-moved-phone", APP_SLIP_MOVED, BOOKING_PHONE},
	{"slip-cancelled", APP_SLIP_CANCELLED, BOOKING_IN_PERSON},
	{"slip-remote-phone", APP_SLIP_REMOTE, BOOKING_PHONE},
	{"slip-remote-video", APP_SLIP_REMOTE, BOOKING_VIDEO},
	{"slip-arrived", APP_SLIP_ARRIVED, BOOKING_IN_PERSON},
	{"slip-how-to-book", APP_SLIP_HOW_TO_BOOK, BOOKING_IN_PERSON},
};

static int tour_slips(struct shell *sh, int *shots)
{
	static const char *const papers[] = {"receipt80", "receipt58", "a4"};
	int problems = 0;
	struct app *a = &sh->app;
	for (int lang = 0; lang < sh->cfg.nlangs; lang++) {
		for (size_t i = 0; i < sizeof(slips) / sizeof(slips[0]); i++) {
			const struct slip_state *sl = &slips[i];
			prepare(sh, &(struct state){sl->name, "attract", NULL}, lang);
			booking_found(a);
			a->s.book.record.mode = sl->mode;
			if (sl->kind == APP_SLIP_ARRIVED)
				arrived(a);
			app_slip_fill(a, sl->kind);
			for (size_t k = 0; k < sizeof(papers) / sizeof(papers[0]); k++) {
				const struct ticket_paper *paper = ticket_paper_find(papers[k]);
				/* A sheet takes a tenth of a second or more: two kinds, only to look at. */
				if (!paper->roll && (!sh->opts->screenshots || (sl->kind != APP_SLIP_BOOKED &&
										 sl->kind != APP_SLIP_HOW_TO_BOOK)))
					continue;
				char where[96], path[1024];
				snprintf(where, sizeof where, "%s/%s/%s", sl->name, paper->name, sh->cfg.langs[lang]);
				uint8_t *gray = NULL;
				int w = 0, h = 0, overflow = 0;
				enum kiosk_err err =
					ticket_render_slip(sh->te, &a->slip, paper, &gray, &w, &h, &overflow);
				if (err != KIOSK_OK) {
					fprintf(stderr, "%s: cannot render: %s\n", where, kiosk_err_str(err));
					problems++;
					continue;
				}
				if (overflow) {
					fprintf(stderr, "%s: %d text(s) do not fit or are drawn over\n", where,
						overflow);
					problems++;
				}
				if (sh->opts->screenshots) {
					snprintf(path, sizeof path, "%s/%s.%s.%s.png", sh->opts->out_dir, sl->name,
						 paper->name, sh->cfg.langs[lang]);
					if (png_write_gray(path, gray, w, h, w, ticket_paper_ppmm(paper)) != KIOSK_OK) {
						fprintf(stderr, "%s: cannot write %s\n", where, path);
						problems++;
					}
					(*shots)++;
				}
				free(gray);
			}
		}
	}
	return problems;
}

int tour_run(struct shell *sh)
{
	int problems = 0, shots = 0;
	unsigned missing_before = text_engine_stats(sh->te).missing_glyphs;
	renderer_set_layout_only(sh->rd, !sh->opts->screenshots);
	/* KIOSK_TOUR_GUIDE=scheme/guide walks that guide alone (tour_guides.c): a
	 * quick look while writing one. */
	bool guide_only = getenv("KIOSK_TOUR_GUIDE") != NULL;
	for (int lang = 0; lang < sh->cfg.nlangs && !guide_only; lang++) {
		for (size_t i = 0; i < sizeof(states) / sizeof(states[0]); i++) {
			const struct state *st = &states[i];
			prepare(sh, st, lang);
			char where[96], path[1024];
			snprintf(where, sizeof(where), "%s/%s", st->name, sh->cfg.langs[lang]);
			if (sh->opts->screenshots)
				snprintf(path, sizeof(path), "%s/%s.%s.png", sh->opts->out_dir, st->name,
					 sh->cfg.langs[lang]);
			problems += tour_frame(sh, where, sh->opts->screenshots ? path : NULL, &missing_before);
			shots += sh->opts->screenshots;
		}
	}
	if (!guide_only)
		problems += tour_slips(sh, &shots);
	/* Every guide step, every page of it, in every language: screenshots
	 * always; as problems where the guides' layout tests ask
	 * (KIOSK_TOUR_GUIDES=1, tests/layout/guides.sh), on the panels they list. */
	int guide_problems = tour_guides(sh, &missing_before, &shots);
	if (getenv("KIOSK_TOUR_GUIDES"))
		problems += guide_problems;
	else if (guide_problems)
		printf("guide steps: %d layout problems (counted by tests/layout/guides.sh)\n", guide_problems);
	printf("%dx%d rotation %d: %d languages, %zu states, %d screenshots, %d problems\n", sh->cfg.width_px,
	       sh->cfg.height_px, sh->cfg.rotation, sh->cfg.nlangs, sizeof(states) / sizeof(states[0]), shots,
	       problems);
	return problems ? 1 : 0;
}
