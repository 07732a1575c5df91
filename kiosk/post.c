/*
 * Service-to-UI messages as SDL user events. The message is copied into the
 * event itself (no allocation, nothing to free on the UI side). Any thread.
 */
#include "post.h"

#include <string.h>

bool post_init(struct post *p)
{
	memset(p, 0, sizeof(*p));
	p->event_type = SDL_RegisterEvents(1);
	if (p->event_type == (Uint32)-1)
		return false;
	p->wake = SDL_CreateSemaphore(0);
	return p->wake != NULL;
}

void post_fini(struct post *p)
{
	if (p->wake)
		SDL_DestroySemaphore(p->wake);
	p->wake = NULL;
}

void post_send(struct post *p, const struct app_msg *m)
{
	SDL_Event ev;
	memset(&ev, 0, sizeof(ev));
	ev.type = p->event_type;
	ev.user.code = (Sint32)m->kind;
	ev.user.data1 = (void *)(intptr_t)m->status;
	ev.user.data2 = (void *)(intptr_t)m->arg;
	SDL_AtomicIncRef(&p->pending);
	if (SDL_PushEvent(&ev) != 1)
		SDL_AtomicDecRef(&p->pending);
	SDL_SemPost(p->wake);
}

bool post_receive(struct post *p, const SDL_Event *ev, struct app_msg *out)
{
	if (ev->type != p->event_type)
		return false;
	out->kind = (enum app_msg_kind)ev->user.code;
	out->status = (int)(intptr_t)ev->user.data1;
	out->arg = (int)(intptr_t)ev->user.data2;
	SDL_AtomicDecRef(&p->pending);
	return true;
}
