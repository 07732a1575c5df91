/*
 * What the kiosk's two booking backends share: the embedded one (the
 * kiosk's own store, store_booking.c) and the central server's
 * (uplink_booking.c). Replies wait in a small mailbox for the UI thread:
 * a struct booking_reply is ~50 KB, so it travels as a heap pointer, never
 * by value in a message; APP_MSG_BOOKING (arg: the serial) says one is
 * there. Also shared: the data of the events a booking writes, and the
 * wiping of the visitor's contact details once a backend has them.
 * Threading: put from a backend's thread, taken on the UI thread; the
 * mailbox's ring is under its own mutex.
 */
#ifndef KIOSK_BOOKING_BACKEND_H
#define KIOSK_BOOKING_BACKEND_H

#include <pthread.h>
#include <stddef.h>
#include <stdint.h>

#include "kiosk/booking.h"
#include "kiosk/tz.h"
#include "post.h"

/* Replies not yet taken by the UI thread: a visitor asks one thing at a
 * time, plus the releases a session leaves behind. */
#define BOOKING_BACKEND_REPLIES 16

struct booking_backend {
	pthread_mutex_t lock;
	struct booking_reply *ring[BOOKING_BACKEND_REPLIES]; /* [head, head + n) */
	int head, n;
	struct post *post;
};

void booking_backend_init(struct booking_backend *b, struct post *post);
/* Frees the replies nobody took. After every backend has stopped. */
void booking_backend_fini(struct booking_backend *b);
/* A new reply to r (op and serial set, status BOOKING_FAILED, no slots);
 * NULL when out of memory. Any thread. */
struct booking_reply *booking_backend_new_reply(const struct booking_request *r);
/* Hands r to the UI thread and posts APP_MSG_BOOKING; consumes r (NULL is
 * ignored). Any thread. */
void booking_backend_reply(struct booking_backend *b, struct booking_reply *r);
/* The oldest reply waiting, or NULL; the caller frees it. UI thread. */
struct booking_reply *booking_backend_take(struct booking_backend *b);

/* Wipes the personal parts of a request (contact, reason_text): done as
 * soon as a backend has serialised or committed them. */
void booking_backend_wipe(struct booking_request *r);

/* The event a successful op records ("kiosk.booking.confirmed", ...), or
 * NULL for ops that record none. */
const char *booking_backend_event_type(enum booking_op op);
/* Its data: {"service", "mode", "day"}, day being the appointment's local
 * date in the site's zone. Never a reference or a contact detail. */
void booking_backend_event_data(char *out, size_t cap, const char *service, enum booking_mode mode,
				const struct tz *zone, int64_t start);

#endif
