/*
 * DESIGN: booking_backend, what the two booking backends share.
 *
 * What it is: the mailbox in which a backend's replies wait for the UI
 * thread (a bounded ring of heap pointers: a reply is too large for a
 * message), the event data a booking records, and the wiping of contact
 * details. What it is not: a backend; nothing here does I/O.
 * Threading: booking_backend_reply from any thread, booking_backend_take on
 * the UI thread; the ring is under the mutex.
 */
#include "booking_backend.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void booking_backend_init(struct booking_backend *b, struct post *post)
{
	memset(b, 0, sizeof(*b));
	pthread_mutex_init(&b->lock, NULL);
	b->post = post;
}

void booking_backend_fini(struct booking_backend *b)
{
	struct booking_reply *r;
	while ((r = booking_backend_take(b)) != NULL)
		free(r);
	pthread_mutex_destroy(&b->lock);
}

struct booking_reply *booking_backend_new_reply(const struct booking_request *r)
{
	struct booking_reply *out = calloc(1, sizeof(*out));
	if (!out)
		return NULL;
	out->op = r->op;
	out->serial = r->serial;
	out->status = BOOKING_FAILED;
	out->booking.ahead = -1;
	return out;
}

void booking_backend_reply(struct booking_backend *b, struct booking_reply *r)
{
	if (!r)
		return;
	uint32_t serial = r->serial;
	pthread_mutex_lock(&b->lock);
	bool kept = b->n < BOOKING_BACKEND_REPLIES;
	if (kept)
		b->ring[(b->head + b->n++) % BOOKING_BACKEND_REPLIES] = r;
	pthread_mutex_unlock(&b->lock);
	if (!kept) {
		/* Sixteen replies nobody took: the UI thread is stuck, and no visitor waits for these. */
		fprintf(stderr, "kiosk: booking: %d replies not taken; the reply to request %u is dropped\n",
			BOOKING_BACKEND_REPLIES, (unsigned)serial);
		free(r);
		return;
	}
	struct app_msg m = {APP_MSG_BOOKING, KIOSK_OK, (int)serial};
	post_send(b->post, &m);
}

struct booking_reply *booking_backend_take(struct booking_backend *b)
{
	struct booking_reply *r = NULL;
	pthread_mutex_lock(&b->lock);
	if (b->n > 0) {
		r = b->ring[b->head];
		b->ring[b->head] = NULL;
		b->head = (b->head + 1) % BOOKING_BACKEND_REPLIES;
		b->n--;
	}
	pthread_mutex_unlock(&b->lock);
	return r;
}

void booking_backend_wipe(struct booking_request *r)
{
	explicit_bzero(&r->contact, sizeof(r->contact));
	explicit_bzero(r->reason_text, sizeof(r->reason_text));
}

const char *booking_backend_event_type(enum booking_op op)
{
	switch (op) {
	case BOOKING_OP_CONFIRM:
		return "kiosk.booking.confirmed";
	case BOOKING_OP_CANCEL:
		return "kiosk.booking.cancelled";
	case BOOKING_OP_MOVE:
		return "kiosk.booking.moved";
	case BOOKING_OP_CHECKIN:
		return "kiosk.checkin.arrived";
	default:
		return NULL;
	}
}

void booking_backend_event_data(char *out, size_t cap, const char *service, enum booking_mode mode,
				const struct tz *zone, int64_t start)
{
	struct tz_civil c;
	tz_to_local(zone, start, &c);
	/* A service id is the site's own text: escaped, it cannot break the JSON. */
	char id[sizeof(((struct booking_record *)0)->service) * 6];
	size_t n = 0;
	for (const unsigned char *p = (const unsigned char *)service; *p && n + 7 < sizeof(id); p++) {
		if (*p == '"' || *p == '\\')
			n += (size_t)snprintf(id + n, sizeof(id) - n, "\\%c", *p);
		else if (*p < 0x20)
			n += (size_t)snprintf(id + n, sizeof(id) - n, "\\u%04x", *p);
		else
			id[n++] = (char)*p;
	}
	id[n] = '\0';
	snprintf(out, cap, "{\"service\":\"%s\",\"mode\":\"%s\",\"day\":\"%04d-%02d-%02d\"}", id,
		 booking_mode_name(mode), c.year, c.month, c.day);
}
