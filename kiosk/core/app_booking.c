/*
 * DESIGN: app_booking, the app's side of a booking backend.
 *
 * What it is: how screens send booking requests (app_booking_send) and how
 * the answers come back (app_on_booking): the reply's data is copied into
 * the visitor's session (a->s.book) and the screen on show gets
 * APP_ACT_BOOKING_REPLY with the op, so each screen decides where the
 * visitor goes next. A reply whose serial is not the request in flight
 * (the visitor went back, or the session ended) is dropped, and a hold it
 * brought is released: a slot is never left held for nobody.
 * What it is not: a backend. The shell passes requests to the store or the
 * central server and hands their replies here.
 * Threading: the UI thread.
 */
#include <stdio.h>
#include <string.h>

#include "kiosk/app.h"

bool app_booking_send(struct app *a, struct booking_request *r)
{
	if (a->nreq == APP_MAX_REQ)
		return false;
	r->serial = ++a->booking_serial;
	if (r->serial == 0)
		r->serial = ++a->booking_serial; /* 0 means "none in flight" */
	if (!r->idempotency[0]) {
		/* Unique per kiosk (seed), per request (serial) and across restarts (utc). */
		snprintf(r->idempotency, sizeof r->idempotency, "%010llx%08llx%08x",
			 (unsigned long long)(a->utc & 0xffffffffffLL), (unsigned long long)(a->seed & 0xffffffffULL),
			 (unsigned)r->serial);
	}
	struct app_request *q = &a->req[a->nreq++];
	memset(q, 0, sizeof *q);
	q->kind = APP_REQ_BOOKING;
	q->booking = *r;
	a->s.book.serial = r->serial;
	a->s.book.waiting = true;
	a->dirty = true;
	return true;
}

/* Nobody waits for a release: whatever was in flight stays the one awaited. */
static void release(struct app *a, const char *hold)
{
	struct booking_request r = {.op = BOOKING_OP_RELEASE};
	snprintf(r.hold, sizeof r.hold, "%s", hold);
	uint32_t keep = a->s.book.serial;
	bool waiting = a->s.book.waiting;
	if (app_booking_send(a, &r)) {
		a->s.book.serial = keep;
		a->s.book.waiting = waiting;
	}
}

void app_booking_release(struct app *a)
{
	struct app_booking *b = &a->s.book;
	if (!b->hold[0])
		return;
	release(a, b->hold);
	b->hold[0] = '\0';
	b->hold_expires = 0;
}

void app_on_booking(struct app *a, const struct booking_reply *r)
{
	struct app_booking *b = &a->s.book;
	if (!a->s.active || !b->waiting || r->serial != b->serial) {
		if (r->op == BOOKING_OP_HOLD && r->status == BOOKING_OK && r->hold[0])
			release(a, r->hold);
		return;
	}
	b->waiting = false;
	b->serial = 0;
	b->status = r->status;
	switch (r->op) {
	case BOOKING_OP_AVAILABILITY:
		if (r->status == BOOKING_OK) {
			b->nslots = r->nslots < BOOKING_MAX_SLOTS ? r->nslots : BOOKING_MAX_SLOTS;
			memcpy(b->slots, r->slots, (size_t)b->nslots * sizeof b->slots[0]);
		}
		break;
	case BOOKING_OP_HOLD:
		if (r->status == BOOKING_OK) {
			snprintf(b->hold, sizeof b->hold, "%s", r->hold);
			b->hold_expires = r->hold_expires;
		}
		break;
	case BOOKING_OP_CONFIRM:
	case BOOKING_OP_MOVE:
		if (r->status == BOOKING_OK || r->status == BOOKING_HOLD_EXPIRED || r->status == BOOKING_SLOT_TAKEN)
			b->hold[0] = '\0'; /* used up, or gone */
		/* fallthrough */
	case BOOKING_OP_FIND:
	case BOOKING_OP_CANCEL:
	case BOOKING_OP_CHECKIN:
		if (r->status == BOOKING_OK)
			b->record = r->booking;
		break;
	case BOOKING_OP_RELEASE:
		break;
	}
	/* SLOT_TAKEN and HOLD_EXPIRED come with the nearest free slots to offer. */
	if (r->status == BOOKING_SLOT_TAKEN || r->status == BOOKING_HOLD_EXPIRED) {
		b->nslots = r->nslots < BOOKING_MAX_SLOTS ? r->nslots : BOOKING_MAX_SLOTS;
		memcpy(b->slots, r->slots, (size_t)b->nslots * sizeof b->slots[0]);
	}
	b->window_from = r->window_from;
	b->window_to = r->window_to;
	a->dirty = true;
	/* Not a touch: the idle timer keeps running while the backend answers. */
	if (a->screen->on_action)
		app_goto(a, a->screen->on_action(a, APP_ACT_BOOKING_REPLY, (int)r->op));
}

/* The session ends: a slot held for this visitor is given back at once. */
void app_booking_end(struct app *a)
{
	app_booking_release(a);
}
