/*
 * DESIGN: uplink_booking, the central booking backend.
 *
 * What it is: the uplink thread's side of a visitor's booking request
 * (docs/protocol.md, "Bookings"). uplink_booking (UI thread) copies the
 * request with a deadline 5 s away into a small ring; the thread sends one
 * request at a time on its own handle, with curl's timeout set to what is
 * left of the deadline and the request's own Idempotency-Key (made once per
 * visitor action, so a retry cannot book twice). Each op is one HTTP call,
 * JSON in and out. Exactly one reply goes to the mailbox:
 *   - the server's answer, 4xx codes mapped to the statuses (409
 *     slot_taken with the nearest free slots, 410 hold_expired, 403
 *     check_failed, 429 too_many_checks with until, 404 unknown_booking,
 *     409 not_active / too_early / too_late with the window, 422 and the
 *     rest: BOOKING_FAILED);
 *   - BOOKING_UNREACHABLE when there is no usable answer in time: no
 *     credentials, network, timeout, 408/5xx, another 429, a 4xx without the
 *     protocol's error body (a proxy). The kiosk never books a slot the
 *     server did not confirm.
 * After a confirmed, cancelled, moved or checked-in booking the matching
 * event (service, mode, local day; never the reference or a contact detail)
 * is committed to the outbox.
 * Personal data: the confirmation's body is written by hand into a buffer
 * that is wiped once curl has a copy; the job's contact is wiped as soon as
 * it is serialised, curl's copy of the body when the transfer ends. Replies
 * never carry contact details (the protocol says so).
 * What it is not: slot logic (the server's) or the screens.
 * Threading: the ring and the owed count are under u->lock; the transfer
 * and the job in flight belong to the uplink thread.
 */
#include <jansson.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "booking_backend.h"
#include "uplink_private.h"

/* ---- The request -------------------------------------------------------- */

/* A JSON text built by hand in a fixed buffer (wiped by its owner). */
struct jtext {
	char *p;
	size_t cap, n;
	bool over;
};

static void put_raw(struct jtext *j, const char *s)
{
	size_t k = strlen(s);
	if (j->n + k + 1 > j->cap) {
		j->over = true;
		return;
	}
	memcpy(j->p + j->n, s, k + 1);
	j->n += k;
}

static void put_string(struct jtext *j, const char *s)
{
	put_raw(j, "\"");
	for (const unsigned char *c = (const unsigned char *)s; *c; c++) {
		char esc[8] = {(char)*c, '\0'};
		if (*c == '"' || *c == '\\')
			snprintf(esc, sizeof(esc), "\\%c", *c);
		else if (*c < 0x20)
			snprintf(esc, sizeof(esc), "\\u%04x", *c);
		put_raw(j, esc);
	}
	put_raw(j, "\"");
}

/* ,"key":"value" (or without the comma first). */
static void put_field(struct jtext *j, bool first, const char *key, const char *value)
{
	put_raw(j, first ? "" : ",");
	put_string(j, key);
	put_raw(j, ":");
	put_string(j, value);
}

static void put_time(struct jtext *j, bool first, const char *key, int64_t utc)
{
	char t[25];
	uplink_format_time(t, (long long)utc * 1000);
	put_field(j, first, key, t);
}

/* Percent-encodes s for a URL path or query. */
static void escape(char *out, size_t cap, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	size_t n = 0;
	for (const unsigned char *c = (const unsigned char *)s; *c && n + 4 < cap; c++) {
		if ((*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') || (*c >= '0' && *c <= '9') || *c == '-' ||
		    *c == '_' || *c == '.' || *c == '~') {
			out[n++] = (char)*c;
		} else {
			out[n++] = '%';
			out[n++] = hex[*c >> 4];
			out[n++] = hex[*c & 15];
		}
	}
	out[n] = '\0';
}

/* The path, method and body of a request. False if they do not fit. */
static bool build(const struct booking_request *r, char *path, size_t path_cap, const char **method, struct jtext *body,
		  bool *has_body)
{
	char a[128], from[25], to[25];
	*method = NULL;
	*has_body = true;
	put_raw(body, "{");
	switch (r->op) {
	case BOOKING_OP_AVAILABILITY:
		*has_body = false;
		escape(a, sizeof(a), r->service);
		uplink_format_time(from, (long long)r->from * 1000);
		uplink_format_time(to, (long long)r->to * 1000);
		snprintf(path, path_cap, "/v1/availability?service=%s&mode=%s&from=%s&to=%s%s%s", a,
			 booking_mode_name(r->mode), from, to, r->reference[0] ? "&moving=" : "", r->reference);
		break;
	case BOOKING_OP_HOLD:
		snprintf(path, path_cap, "/v1/holds");
		put_field(body, true, "service", r->service);
		put_field(body, false, "mode", booking_mode_name(r->mode));
		put_time(body, false, "start", r->start);
		if (r->reference[0]) /* a move: the booking's own meeting is set aside */
			put_field(body, false, "moving", r->reference);
		break;
	case BOOKING_OP_RELEASE:
		*has_body = false;
		*method = "DELETE";
		escape(a, sizeof(a), r->hold);
		snprintf(path, path_cap, "/v1/holds/%s", a);
		break;
	case BOOKING_OP_CONFIRM:
		snprintf(path, path_cap, "/v1/bookings");
		put_field(body, true, "hold", r->hold);
		put_raw(body, ",\"contact\":{");
		put_field(body, true, "name", r->contact.name);
		put_field(body, false, "phone", r->contact.phone);
		put_field(body, false, "email", r->contact.email);
		put_raw(body, "}");
		put_field(body, false, "reason", r->reason);
		put_field(body, false, "reason_text", r->reason_text);
		put_field(body, false, "lang", r->lang);
		break;
	case BOOKING_OP_FIND:
		*has_body = false;
		escape(a, sizeof(a), r->reference);
		snprintf(path, path_cap, "/v1/bookings/%s", a);
		break;
	case BOOKING_OP_CANCEL:
		escape(a, sizeof(a), r->reference);
		snprintf(path, path_cap, "/v1/bookings/%s/cancel", a);
		put_field(body, true, "check", r->check);
		break;
	case BOOKING_OP_MOVE:
		escape(a, sizeof(a), r->reference);
		snprintf(path, path_cap, "/v1/bookings/%s/move", a);
		put_field(body, true, "check", r->check);
		put_field(body, false, "hold", r->hold);
		break;
	case BOOKING_OP_CHECKIN:
		escape(a, sizeof(a), r->reference);
		snprintf(path, path_cap, "/v1/bookings/%s/checkin", a);
		break;
	default:
		return false;
	}
	put_raw(body, "}");
	return !body->over;
}

/* ---- The reply ---------------------------------------------------------- */

static bool get_time(json_t *o, const char *key, int64_t *out)
{
	return tz_parse_iso(json_string_value(json_object_get(o, key)), out);
}

static bool get_text(json_t *o, const char *key, char *out, size_t cap)
{
	const char *s = json_string_value(json_object_get(o, key));
	if (!s || strlen(s) >= cap)
		return false;
	snprintf(out, cap, "%s", s);
	return true;
}

/* [{"start", "end", "free"}...] into out->slots; false on a wrong shape. */
static bool parse_slots(json_t *a, struct booking_reply *out)
{
	if (!json_is_array(a))
		return false;
	out->nslots = 0;
	size_t i;
	json_t *s;
	json_array_foreach(a, i, s)
	{
		if (out->nslots == BOOKING_MAX_SLOTS)
			break;
		struct booking_slot *slot = &out->slots[out->nslots];
		json_t *free_ = json_object_get(s, "free");
		if (!get_time(s, "start", &slot->start) || !get_time(s, "end", &slot->end) || slot->end <= slot->start)
			return false;
		slot->free = json_is_integer(free_) ? (int)json_integer_value(free_) : 1;
		out->nslots++;
	}
	return true;
}

/* The protocol's booking object, with a check-in's ticket. */
static bool parse_booking(json_t *o, struct booking_record *b)
{
	char mode[16], state[16], check[8], raw[16];
	memset(b, 0, sizeof(*b));
	b->ahead = -1;
	if (!get_text(o, "reference", raw, sizeof(raw)) || !booking_reference_parse(raw, b->reference) ||
	    !get_text(o, "service", b->service, sizeof(b->service)) || !get_text(o, "mode", mode, sizeof(mode)) ||
	    !booking_mode_parse(mode, &b->mode) || !get_text(o, "state", state, sizeof(state)) ||
	    !get_time(o, "start", &b->start) || !get_time(o, "end", &b->end))
		return false;
	if (strcmp(state, "booked") == 0)
		b->state = BOOKING_BOOKED;
	else if (strcmp(state, "cancelled") == 0)
		b->state = BOOKING_CANCELLED;
	else if (strcmp(state, "arrived") == 0)
		b->state = BOOKING_ARRIVED;
	else
		return false;
	b->check_kind = get_text(o, "check", check, sizeof(check)) && strcmp(check, "email") == 0 ? 'e' : 'p';
	json_t *ticket = json_object_get(o, "ticket");
	if (json_is_object(ticket)) {
		json_t *ahead = json_object_get(ticket, "ahead");
		if (!get_text(ticket, "number", b->number, sizeof(b->number)))
			return false;
		b->ahead = json_is_integer(ahead) ? (int)json_integer_value(ahead) : -1;
	}
	return true;
}

/* What a 2xx reply says; false when it is not what the op gets. */
static bool parse_ok(const struct booking_request *r, json_t *root, struct booking_reply *out)
{
	switch (r->op) {
	case BOOKING_OP_AVAILABILITY:
		return parse_slots(json_object_get(root, "slots"), out);
	case BOOKING_OP_HOLD:
		return get_text(root, "hold", out->hold, sizeof(out->hold)) && out->hold[0] &&
		       get_time(root, "expires", &out->hold_expires);
	case BOOKING_OP_RELEASE:
		return true;
	default:
		return parse_booking(root, &out->booking);
	}
}

/* An error's extras: "nearest", "window" and "until", in the error object or beside it. */
static json_t *extra(json_t *root, const char *key)
{
	json_t *v = json_object_get(json_object_get(root, "error"), key);
	return v ? v : json_object_get(root, key);
}

static enum booking_status status_of(long status, const char *code)
{
	if (status == 403 && strcmp(code, "check_failed") == 0)
		return BOOKING_CHECK_FAILED;
	if (status == 404 && (strcmp(code, "unknown_booking") == 0 || strcmp(code, "unknown_hold") == 0))
		return BOOKING_UNKNOWN;
	if (status == 409 && strcmp(code, "slot_taken") == 0)
		return BOOKING_SLOT_TAKEN;
	if (status == 409 && strcmp(code, "not_active") == 0)
		return BOOKING_NOT_ACTIVE;
	if (status == 409 && strcmp(code, "too_early") == 0)
		return BOOKING_TOO_EARLY;
	if (status == 409 && strcmp(code, "too_late") == 0)
		return BOOKING_TOO_LATE;
	if (status == 410)
		return BOOKING_HOLD_EXPIRED;
	return BOOKING_FAILED;
}

/* Fills out from the finished transfer. */
static void read_reply(struct uplink *u, CURLcode res, struct booking_reply *out, long long now)
{
	struct uplink_transfer *t = &u->booking_t;
	const struct booking_request *r = &u->book_cur.r;
	long status = res == CURLE_OK ? uplink_transfer_status(t) : 0;
	char code[64] = "", msg[200] = "";
	bool has_error =
	    res == CURLE_OK && uplink_error_code(t->reply, t->reply_len, code, sizeof(code), msg, sizeof(msg));
	enum uplink_verdict v = uplink_verdict_of(status);
	out->status = BOOKING_UNREACHABLE;
	if (res != CURLE_OK) {
		snprintf(out->message, sizeof(out->message), "%s",
			 res == CURLE_OPERATION_TIMEDOUT ? "no answer in time"
			 : t->reply_overflow		 ? "the reply is too long"
							 : curl_easy_strerror(res));
		return;
	}
	if (status > 0)
		uplink_note_clock(u, t);
	if (v == UPLINK_V_DONE) {
		json_error_t e;
		json_t *root = t->reply_len ? json_loadb(t->reply, t->reply_len, 0, &e) : json_object();
		uplink_server_is_back(u, now);
		uplink_set_state(u, UPLINK_OK, NULL);
		if (root && parse_ok(r, root, out)) {
			out->status = BOOKING_OK;
		} else {
			out->status = BOOKING_FAILED;
			snprintf(out->message, sizeof(out->message), "HTTP %ld: the reply is not what %d gets", status,
				 (int)r->op);
		}
		json_decref(root);
		return;
	}
	if (status == 403 && has_error && strcmp(code, "check_failed") == 0) {
		out->status = BOOKING_CHECK_FAILED;
	} else if (status == 429 && has_error && strcmp(code, "too_many_checks") == 0) {
		/* Not the server being busy: this booking takes no checks for a while. */
		out->status = BOOKING_CHECK_LOCKED;
	} else if (v == UPLINK_V_AUTH) {
		uplink_refused_for_good(u, "bookings", status);
		snprintf(out->message, sizeof(out->message), "HTTP %ld: the server refused the credentials", status);
		return;
	} else if (has_error && status >= 400 && status < 500 && status != 408 && status != 429) {
		out->status = status_of(status, code);
	} else {
		snprintf(out->message, sizeof(out->message), "HTTP %ld%s%s", status, has_error ? " " : "", code);
		return;
	}
	/* The server answered: what it refused, and what it offers instead. */
	uplink_server_is_back(u, now);
	uplink_set_state(u, UPLINK_OK, NULL);
	snprintf(out->message, sizeof(out->message), "HTTP %ld %s", status, code);
	json_error_t e;
	json_t *root = json_loadb(t->reply, t->reply_len, 0, &e);
	json_t *nearest = extra(root, "nearest");
	if (nearest && !parse_slots(nearest, out))
		out->nslots = 0;
	json_t *window = extra(root, "window");
	if (json_is_object(window)) {
		get_time(window, "from", &out->window_from);
		get_time(window, "to", &out->window_to);
	}
	if (out->status == BOOKING_CHECK_LOCKED)
		tz_parse_iso(json_string_value(extra(root, "until")), &out->window_to);
	json_decref(root);
}

/* ---- The thread's side ---------------------------------------------------- */

static void owe_less(struct uplink *u)
{
	pthread_mutex_lock(&u->lock);
	u->bookings_owed--;
	pthread_mutex_unlock(&u->lock);
}

/* Answers without the server; why goes to the reply's message. */
static void unreachable(struct uplink *u, struct uplink_booking_job *j, const char *why)
{
	struct booking_reply *out = booking_backend_new_reply(&j->r);
	booking_backend_wipe(&j->r);
	if (out) {
		out->status = BOOKING_UNREACHABLE;
		snprintf(out->message, sizeof(out->message), "%s", why);
	}
	fprintf(stderr, "kiosk: uplink: booking request %u not sent: %s\n", (unsigned)j->r.serial, why);
	booking_backend_reply(u->bookings, out);
	owe_less(u);
}

void uplink_booking(struct uplink *u, const struct booking_request *r)
{
	if (!u || !u->bookings)
		return;
	struct uplink_booking_job j = {.r = *r, .deadline = uplink_mono_ms() + UPLINK_BOOKING_DEADLINE_MS};
	pthread_mutex_lock(&u->lock);
	bool queued = u->nbook < UPLINK_BOOKINGS_MAX;
	if (queued) {
		u->book_q[(u->book_head + u->nbook++) % UPLINK_BOOKINGS_MAX] = j;
		u->bookings_owed++;
	}
	pthread_mutex_unlock(&u->lock);
	if (queued) {
		curl_multi_wakeup(u->multi);
	} else {
		pthread_mutex_lock(&u->lock);
		u->bookings_owed++; /* settled at once by unreachable() */
		pthread_mutex_unlock(&u->lock);
		unreachable(u, &j, "too many booking requests at once");
	}
	explicit_bzero(&j, sizeof(j));
}

/* Takes the oldest request if it should start or give up now. */
static bool next_job(struct uplink *u, long long now, bool can_start, struct uplink_booking_job *j)
{
	pthread_mutex_lock(&u->lock);
	bool take = u->nbook > 0 && (can_start || u->book_q[u->book_head].deadline <= now);
	if (take) {
		*j = u->book_q[u->book_head];
		explicit_bzero(&u->book_q[u->book_head], sizeof(u->book_q[0]));
		u->book_head = (u->book_head + 1) % UPLINK_BOOKINGS_MAX;
		u->nbook--;
	}
	pthread_mutex_unlock(&u->lock);
	return take;
}

static void start(struct uplink *u, struct uplink_booking_job *j, long long now)
{
	char path[512], text[4096];
	struct jtext body = {text, sizeof(text), 0, false};
	const char *method;
	bool has_body;
	bool built = build(&j->r, path, sizeof(path), &method, &body, &has_body);
	/* Serialised: the contact lives on only in text (wiped below) and curl's copy. */
	booking_backend_wipe(&j->r);
	bool write = j->r.op != BOOKING_OP_AVAILABILITY && j->r.op != BOOKING_OP_FIND;
	struct uplink_request rq = {
	    .body = has_body ? text : NULL,
	    .len = has_body ? body.n : 0,
	    .content_type = "application/json",
	    .idempotency_key = write && j->r.idempotency[0] ? j->r.idempotency : NULL,
	    .timeout_ms = j->deadline - now > 0 ? j->deadline - now : 1,
	    .method = method,
	};
	enum kiosk_err err = built ? uplink_send(u, &u->booking_t, path, &rq) : KIOSK_ERR_FULL;
	explicit_bzero(text, sizeof(text));
	if (err != KIOSK_OK) {
		if (u->booking_t.body)
			explicit_bzero(u->booking_t.body, u->booking_t.body_len);
		uplink_transfer_end(&u->booking_t, u->multi);
		unreachable(u, j, kiosk_err_str(err));
		return;
	}
	u->book_cur = *j;
}

void uplink_bookings_step(struct uplink *u, long long now)
{
	struct uplink_booking_job j;
	for (;;) {
		bool sending = uplink_sending(u);
		if (!next_job(u, now, !sending || !u->booking_t.busy, &j))
			return;
		if (sending && j.deadline > now)
			start(u, &j, now); /* settles the request itself if it cannot start */
		else
			unreachable(u, &j, uplink_unsent_why(u));
		explicit_bzero(&j, sizeof(j));
	}
}

long long uplink_bookings_next(struct uplink *u)
{
	pthread_mutex_lock(&u->lock);
	long long next = u->nbook > 0 ? u->book_q[u->book_head].deadline : LLONG_MAX;
	pthread_mutex_unlock(&u->lock);
	return next;
}

/* The event of a successful write, in the outbox. */
static void record(struct uplink *u, const struct booking_reply *out)
{
	const char *type = booking_backend_event_type(out->op);
	if (!type || out->status != BOOKING_OK)
		return;
	char data[160];
	booking_backend_event_data(data, sizeof(data), out->booking.service, out->booking.mode, &u->zone,
				   out->booking.start);
	uplink_record(u, type, data);
}

void uplink_bookings_finish(struct uplink *u, CURLcode res, long long now)
{
	struct uplink_transfer *t = &u->booking_t;
	if (t->body)
		explicit_bzero(t->body, t->body_len);
	uplink_transfer_end(t, u->multi);
	struct booking_reply *out = booking_backend_new_reply(&u->book_cur.r);
	if (out) {
		read_reply(u, res, out, now);
		if (out->status != BOOKING_OK && out->status != BOOKING_UNREACHABLE)
			fprintf(stderr, "kiosk: uplink: booking request %u: %s (%s)\n", (unsigned)out->serial,
				booking_status_name(out->status), out->message);
		else if (out->status == BOOKING_UNREACHABLE)
			fprintf(stderr, "kiosk: uplink: booking request %u: no answer: %s\n", (unsigned)out->serial,
				out->message);
		record(u, out);
	} else {
		fprintf(stderr, "kiosk: uplink: out of memory for a booking reply\n");
	}
	explicit_bzero(&u->book_cur.r, sizeof(u->book_cur.r));
	booking_backend_reply(u->bookings, out);
	owe_less(u);
}

void uplink_bookings_fini(struct uplink *u)
{
	struct uplink_transfer *t = &u->booking_t;
	if (t->body)
		explicit_bzero(t->body, t->body_len);
	uplink_transfer_end(t, u->multi);
	explicit_bzero(&u->book_cur.r, sizeof(u->book_cur.r));
	pthread_mutex_lock(&u->lock);
	explicit_bzero(u->book_q, sizeof(u->book_q));
	u->nbook = 0;
	u->bookings_owed = 0;
	pthread_mutex_unlock(&u->lock);
}
