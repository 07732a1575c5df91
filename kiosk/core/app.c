/*
 * Visitor session, navigation and idle handling.
 *
 * What it is: the state machine around the screens: which screen shows, the
 * way back, the language, the idle warning and the end of a session (which
 * wipes everything the visitor entered). What it is not: drawing (screens and
 * chrome do that) or I/O (requests are queued for the shell). UI thread only;
 * time always comes in as an argument, so flows are tested without a clock.
 */
#include "kiosk/app.h"

#include <stdio.h>
#include <string.h>

#include "kiosk/i18n.h"
#include "kiosk/printer_state.h"
#include "kiosk/services.h"

const struct screen *const app_screens[] = {
	&screen_attract, &screen_home,  &screen_language, &screen_ticket, &screen_booking,
	&screen_checkin, &screen_guides, &screen_staff,   &screen_priority, &screen_wait, &screen_number,
	/* I have an appointment: check in, cancel or move (checkin*.c, manage*.c). */
	&screen_checkin_ref, &screen_checkin_done, &screen_manage, &screen_manage_check, &screen_manage_confirm,
	&screen_manage_done,
	/* Book an appointment, after screen_booking (book_*.c). */
	&screen_book_mode, &screen_book_day, &screen_book_time, &screen_book_contact, &screen_book_reach,
	&screen_book_phone, &screen_book_email, &screen_book_reason, &screen_book_words, &screen_book_review,
	&screen_book_done, &screen_book_taken, &screen_book_offline,
	/* Help with digital ID, after screen_guides (guide*.c). */
	&screen_guide_topics, &screen_guide_step, &screen_guide_help, NULL,
};

const struct screen *app_screen_find(const char *name)
{
	for (int i = 0; app_screens[i]; i++) {
		if (strcmp(app_screens[i]->name, name) == 0)
			return app_screens[i];
	}
	return NULL;
}

static int default_lang(const struct config *cfg)
{
	int i = config_lang_index(cfg, cfg->default_lang);
	return i < 0 ? 0 : i;
}

void app_init(struct app *a, const struct config *cfg)
{
	memset(a, 0, sizeof(*a));
	a->cfg = cfg;
	a->lang = default_lang(cfg);
	a->screen = &screen_attract;
	a->dirty = true;
	a->uplink = APP_UPLINK_NONE;
	a->guide_help_service = -1;
	a->s.guide.scheme = -1;
}

bool app_uplink_trouble(const struct app *a)
{
	switch (a->uplink) {
	case APP_UPLINK_AUTH:
	case APP_UPLINK_NOT_ENROLLED:
		return true;
	case APP_UPLINK_OFFLINE:
		return a->uplink_parked > 0 || a->now_ms - a->uplink_offline_ms >= APP_UPLINK_TROUBLE_MS;
	case APP_UPLINK_OK:
		return a->uplink_parked > 0;
	default:
		return false;
	}
}

/* Redraws when the mark should appear or go. */
static void update_uplink_mark(struct app *a)
{
	bool mark = app_uplink_trouble(a);
	if (mark != a->uplink_mark)
		a->dirty = true;
	a->uplink_mark = mark;
}

const char *app_tr(const struct app *a, const char *msgid)
{
	return i18n_get(a->cat[a->lang], msgid);
}

const char *app_ntr(const struct app *a, const char *msgid, const char *msgid_plural, unsigned long n)
{
	return i18n_nget(a->cat[a->lang], msgid, msgid_plural, n);
}

const char *app_lang_code(const struct app *a)
{
	return a->cfg->langs[a->lang];
}

bool app_lang_rtl(const struct app *a)
{
	const struct i18n_lang *l = i18n_lang_find(app_lang_code(a));
	return l && l->rtl;
}

void app_set_lang(struct app *a, int index)
{
	if (index < 0 || index >= a->cfg->nlangs || index == a->lang)
		return;
	a->lang = index;
	a->dirty = true;
	char data[64];
	snprintf(data, sizeof(data), "{\"language\":\"%s\"}", a->cfg->langs[index]);
	app_request_event(a, "kiosk.language.selected", data);
}

void app_request_event(struct app *a, const char *type, const char *data_json)
{
	if (a->nreq == APP_MAX_REQ)
		return; /* the shell drains after every input; a full queue is a bug caught by tests */
	struct app_request *r = &a->req[a->nreq++];
	r->kind = APP_REQ_EVENT;
	snprintf(r->type, sizeof(r->type), "%s", type);
	snprintf(r->data, sizeof(r->data), "%s", data_json ? data_json : "{}");
}

static void enter(struct app *a, const struct screen *next)
{
	a->screen = next;
	a->pressed[0] = '\0';
	a->focused[0] = '\0';
	if (next->enter)
		next->enter(a);
	a->dirty = true;
}

void app_goto(struct app *a, const struct screen *next)
{
	if (!next || next == a->screen)
		return;
	if (next == &screen_home) {
		a->depth = 0; /* Home is the root: Back from there goes to the start screen. */
	} else if (a->depth < APP_MAX_DEPTH) {
		a->history[a->depth++] = a->screen;
	}
	enter(a, next);
}

static void start_session(struct app *a, uint64_t now_ms)
{
	if (a->s.active)
		return;
	memset(&a->s, 0, sizeof(a->s));
	a->s.active = true;
	a->s.ahead = a->s.wait_min = a->s.wait_max = -1;
	a->s.guide.scheme = -1;
	a->sessions++;
	a->last_input_ms = now_ms;
	app_request_event(a, "kiosk.session.started", NULL);
}

void app_end_session(struct app *a, const char *reason)
{
	bool was_active = a->s.active;
	app_booking_end(a);
	/* Wipe what the visitor entered; volatile so the compiler cannot skip it. */
	volatile unsigned char *p = (volatile unsigned char *)&a->s;
	for (size_t i = 0; i < sizeof(a->s); i++)
		p[i] = 0;
	a->warning = false;
	a->depth = 0;
	a->lang = default_lang(a->cfg);
	enter(a, &screen_attract);
	if (was_active) {
		char data[64];
		snprintf(data, sizeof(data), "{\"reason\":\"%s\"}", reason);
		app_request_event(a, "kiosk.session.ended", data);
	}
}

void app_back(struct app *a)
{
	if (a->depth > 0) {
		enter(a, a->history[--a->depth]);
	} else if (a->screen == &screen_home) {
		app_end_session(a, "back");
	} else {
		enter(a, &screen_home);
	}
}

/* ---- idle ---- */

static uint64_t warn_at(const struct app *a)
{
	return a->last_input_ms + (uint64_t)a->cfg->idle_timeout_s * 1000;
}

static uint64_t reset_at(const struct app *a)
{
	return warn_at(a) + (uint64_t)a->cfg->idle_warning_s * 1000;
}

static uint64_t session_deadline(const struct app *a)
{
	if (!a->s.active)
		return UINT64_MAX;
	if (!a->warning)
		return warn_at(a);
	/* While the countdown shows, wake at each whole second it displays. */
	uint64_t end = reset_at(a);
	if (a->now_ms >= end)
		return end;
	uint64_t left = end - a->now_ms;
	uint64_t next = a->now_ms + (left % 1000 ? left % 1000 : 1000);
	return next < end ? next : end;
}

uint64_t app_next_deadline(const struct app *a)
{
	/* Offline: one wake-up when the "not reporting" mark is due. */
	uint64_t mark = a->uplink == APP_UPLINK_OFFLINE && !a->uplink_mark ? a->uplink_offline_ms + APP_UPLINK_TROUBLE_MS
									     : UINT64_MAX;
	uint64_t session = session_deadline(a);
	return mark < session ? mark : session;
}

int app_warning_seconds_left(const struct app *a)
{
	uint64_t end = reset_at(a);
	return a->now_ms >= end ? 0 : (int)((end - a->now_ms + 999) / 1000);
}

void app_tick(struct app *a, uint64_t now_ms)
{
	a->now_ms = now_ms;
	update_uplink_mark(a);
	if (!a->s.active)
		return;
	if (now_ms >= reset_at(a)) {
		app_end_session(a, "idle");
		return;
	}
	if (now_ms >= warn_at(a)) {
		if (!a->warning) {
			a->warning = true;
			a->pressed[0] = '\0';
			a->focused[0] = '\0';
			a->dirty = true;
		}
		int left = app_warning_seconds_left(a);
		if (left != a->warning_shown_s)
			a->dirty = true;
	}
}

/* Any touch or key is a sign of life; only a real action starts a session. */
static void touched(struct app *a, uint64_t now_ms)
{
	a->now_ms = now_ms;
	if (a->s.active && !a->warning)
		a->last_input_ms = now_ms;
}

/* ---- input ---- */

void app_press(struct app *a, const char *id, uint64_t now_ms)
{
	a->now_ms = now_ms;
	snprintf(a->pressed, sizeof(a->pressed), "%s", id ? id : "");
	a->dirty = true;
}

void app_activate(struct app *a, int action, int arg, uint64_t now_ms)
{
	bool from_attract = a->screen == &screen_attract;
	touched(a, now_ms);
	if (action != APP_ACT_NONE)
		start_session(a, now_ms);
	if (from_attract && action < APP_ACT_SCREEN) {
		/* The start screen has no chrome; any stray action simply starts. */
		app_goto(a, &screen_home);
		return;
	}
	switch (action) {
	case APP_ACT_NONE:
		return;
	case APP_ACT_MORE_TIME:
		a->warning = false;
		a->last_input_ms = now_ms;
		a->dirty = true;
		return;
	case APP_ACT_START_OVER:
		app_end_session(a, "visitor");
		return;
	default:
		break;
	}
	if (a->warning)
		return; /* only the warning's own buttons work while it is up */
	switch (action) {
	case APP_ACT_BACK:
		if (a->screen->back && a->screen->back(a)) {
			a->dirty = true;
			return;
		}
		app_back(a);
		return;
	case APP_ACT_HOME:
		if (a->screen != &screen_home)
			app_goto(a, &screen_home);
		return;
	case APP_ACT_LANGUAGE:
		app_goto(a, &screen_language);
		return;
	case APP_ACT_STAFF:
		app_goto(a, &screen_staff);
		return;
	default:
		if (a->screen->on_action)
			app_goto(a, a->screen->on_action(a, action, arg));
		a->dirty = true;
		return;
	}
}

void app_release(struct app *a, const struct draw_target *t, uint64_t now_ms)
{
	/* A tap counts only when the finger comes up on the target it went down on. */
	bool same = t && a->pressed[0] && strcmp(a->pressed, t->id) == 0;
	a->pressed[0] = '\0';
	a->dirty = true;
	if (same) {
		snprintf(a->focused, sizeof(a->focused), "%s", "");
		app_activate(a, t->action, t->arg, now_ms);
	} else {
		touched(a, now_ms);
	}
}

/* The field this screen types into, or NULL when it takes no text. */
static char *typed_field(struct app *a, size_t *cap)
{
	if (!a->screen->takes_text)
		return NULL;
	if (a->screen->text)
		return a->screen->text(a, cap);
	*cap = sizeof a->s.field;
	return a->s.field;
}

void app_type(struct app *a, const char *utf8, uint64_t now_ms)
{
	touched(a, now_ms);
	if (a->warning)
		return;
	size_t cap;
	char *field = typed_field(a, &cap);
	if (!field || a->s.submitted)
		return;
	size_t have = strlen(field), add = strlen(utf8);
	for (size_t i = 0; i < add; i++) {
		unsigned char c = (unsigned char)utf8[i];
		if (c < 0x20 || c == 0x7F)
			return; /* control characters from a scanner or keyboard are ignored */
	}
	if (have + add >= cap)
		return;
	memcpy(field + have, utf8, add + 1);
	/* Typing puts the focus back in the field: a scanner's Return then
	 * sends what it typed, not a button focused earlier. */
	a->focused[0] = '\0';
	a->dirty = true;
}

static int target_index(const struct draw_list *dl, const char *id)
{
	for (int i = dl->modal_from; i < dl->ntarget; i++) {
		if (strcmp(dl->target[i].id, id) == 0)
			return i;
	}
	return -1;
}

void app_key(struct app *a, enum app_key key, uint64_t now_ms)
{
	const struct draw_list *dl = a->last;
	touched(a, now_ms);
	switch (key) {
	case APP_KEY_BACK:
		app_activate(a, a->warning ? APP_ACT_MORE_TIME : APP_ACT_BACK, 0, now_ms);
		return;
	case APP_KEY_HOME:
		app_activate(a, APP_ACT_HOME, 0, now_ms);
		return;
	case APP_KEY_ERASE: {
		size_t cap;
		char *field = typed_field(a, &cap);
		if (field && field[0]) {
			size_t n = strlen(field);
			while (n > 0 && ((unsigned char)field[n - 1] & 0xC0) == 0x80)
				n--;
			field[n ? n - 1 : 0] = '\0';
			a->dirty = true;
		}
		return;
	}
	case APP_KEY_NEXT:
	case APP_KEY_PREV: {
		if (!dl || dl->ntarget <= dl->modal_from)
			return;
		int n = dl->ntarget - dl->modal_from;
		int i = a->focused[0] ? target_index(dl, a->focused) : -1;
		if (i < 0)
			i = key == APP_KEY_NEXT ? dl->modal_from : dl->ntarget - 1;
		else
			i = dl->modal_from + ((i - dl->modal_from) + (key == APP_KEY_NEXT ? 1 : n - 1)) % n;
		snprintf(a->focused, sizeof(a->focused), "%s", dl->target[i].id);
		a->dirty = true;
		return;
	}
	case APP_KEY_ACTIVATE: {
		if (!a->focused[0] && a->screen->takes_text) {
			/* Scanners end with Return: it sends what was typed, at once,
			 * even before the frame showing the text was drawn. */
			app_activate(a, APP_ACT_ENTER, 0, now_ms);
			return;
		}
		if (!dl || !a->focused[0])
			return;
		int i = target_index(dl, a->focused);
		if (i >= 0)
			app_activate(a, dl->target[i].action, dl->target[i].arg, now_ms);
		return;
	}
	}
}

void app_set_queue(struct app *a, const char *service, int waiting, const struct queue_handling *h)
{
	for (int i = 0; a->services && i < a->services->count; i++) {
		if (strcmp(a->services->s[i].id, service) != 0)
			continue;
		struct app_queue *q = &a->queue[i];
		q->known = true;
		q->waiting = waiting < 0 ? 0 : waiting;
		q->handling = h ? *h : (struct queue_handling){0};
		q->at_ms = a->now_ms;
		if (a->screen == &screen_wait)
			a->dirty = true;
		return;
	}
}

const struct app_queue *app_queue_now(const struct app *a, int service)
{
	if (service < 0 || service >= SERVICES_MAX)
		return NULL;
	const struct app_queue *q = &a->queue[service];
	return q->known && a->now_ms - q->at_ms <= APP_QUEUE_FRESH_MS ? q : NULL;
}

void app_on_msg(struct app *a, const struct app_msg *m)
{
	switch (m->kind) {
	case APP_MSG_STORE_OPENED:
	case APP_MSG_EVENT_SAVED:
		if (a->store_status != m->status)
			a->dirty = true;
		a->store_status = m->status;
		break;
	case APP_MSG_TICKET:
		if (a->screen == &screen_number && a->s.number == 0) {
			a->s.ticket_status = m->status;
			a->s.number = m->status == KIOSK_OK ? m->arg : -1;
			a->dirty = true;
			const struct app_queue *q = app_queue_now(a, a->s.service);
			if (a->s.number > 0 && q) {
				a->s.ahead = q->waiting;
				queue_wait_range(q->waiting, &q->handling, &a->s.wait_min, &a->s.wait_max);
			}
			if (a->s.number > 0 && a->printer_configured && a->nreq < APP_MAX_REQ) {
				const struct service *sv = &a->services->s[a->s.service];
				struct app_request *r = &a->req[a->nreq++];
				r->kind = APP_REQ_PRINT;
				snprintf(r->type, sizeof r->type, "%s", sv->id);
				service_format_number(r->data, sizeof r->data, sv->prefix, a->s.number);
				a->s.print = APP_PRINT_BUSY;
			}
		}
		break;
	case APP_MSG_PRINT_DONE:
		/* A booking slip (tag 0: queue numbers start at 1): the screen that
		 * asked for it says whether to take it or that it failed. */
		if (m->arg == 0 && a->s.book.slip_print == APP_PRINT_BUSY) {
			a->s.book.slip_print = m->status == PRINTER_READY ? APP_PRINT_DONE : APP_PRINT_FAILED;
			a->dirty = true;
			break;
		}
		/* A guide's steps (also tag 0: one slip is printed at a time). */
		if (m->arg == 0 && a->s.guide.print == APP_PRINT_BUSY) {
			a->s.guide.print = m->status == PRINTER_READY ? APP_PRINT_DONE : APP_PRINT_FAILED;
			a->dirty = true;
			break;
		}
		if (a->screen == &screen_number && a->s.print == APP_PRINT_BUSY && m->arg == a->s.number) {
			const struct service *sv = &a->services->s[a->s.service];
			char number[16], data[160];
			service_format_number(number, sizeof number, sv->prefix, a->s.number);
			a->s.print = m->status == PRINTER_READY ? APP_PRINT_DONE : APP_PRINT_FAILED;
			a->s.print_reason = m->status;
			int n = snprintf(data, sizeof data, "{\"service\":\"%s\",\"number\":\"%s\",\"day\":\"%s\"", sv->id,
					 number, a->local.day);
			if (m->status != PRINTER_READY && n > 0 && (size_t)n < sizeof data)
				snprintf(data + n, sizeof data - (size_t)n, ",\"reason\":\"%s\"",
					 printer_state_name((enum printer_state)m->status));
			strncat(data, "}", sizeof data - strlen(data) - 1);
			app_request_event(a, m->status == PRINTER_READY ? "kiosk.ticket.printed" : "kiosk.ticket.print_failed",
					  data);
			a->dirty = true;
		}
		break;
	case APP_MSG_UPLINK:
		if (m->status == APP_UPLINK_OFFLINE && a->uplink != APP_UPLINK_OFFLINE)
			a->uplink_offline_ms = a->now_ms;
		a->uplink = m->status;
		a->uplink_parked = m->arg;
		update_uplink_mark(a);
		break;
	case APP_MSG_PRINTER_STATE:
		if (a->paper_low != ((m->arg & 1) != 0))
			a->dirty = true;
		a->paper_low = (m->arg & 1) != 0;
		break;
	default:
		break;
	}
}
