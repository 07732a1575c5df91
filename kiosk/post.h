/*
 * The message path from service threads to the UI thread: an SDL user event
 * carrying a struct app_msg, plus a wake-up for loops that sleep on a
 * semaphore instead of in SDL (see loop.c). Safe to call from any thread.
 */
#ifndef KIOSK_POST_H
#define KIOSK_POST_H

#include <SDL2/SDL.h>
#include <stdbool.h>

#include "kiosk/app.h"

struct post {
	Uint32 event_type; /* registered SDL user event */
	SDL_sem *wake;     /* posted with every message; NULL when SDL itself waits */
	SDL_atomic_t pending; /* messages sent and not yet handled, for the script harness */
};

bool post_init(struct post *p);
void post_fini(struct post *p);
/* Sends a copy of m to the UI thread. */
void post_send(struct post *p, const struct app_msg *m);
/* On the UI thread: the message inside an event of ours, or false. */
bool post_receive(struct post *p, const SDL_Event *ev, struct app_msg *out);

#endif
