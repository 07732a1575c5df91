/*
 * Shared by the digital-ID guide screens (guides.c, guide_topics.c,
 * guide_step.c, guide_help.c). Not a public API. UI thread.
 */
#ifndef KIOSK_GUIDE_PRIVATE_H
#define KIOSK_GUIDE_PRIVATE_H

#include <stdbool.h>
#include <stddef.h>

#include "kiosk/app.h"
#include "kiosk/guide.h"

/* The scheme the visitor chose, or NULL. */
const struct guide_scheme *guide_scheme_now(const struct app *a);
/* The guide being followed and its current step, or NULL. */
const struct guide *guide_now(const struct app *a);
const struct guide_step *guide_step_now(const struct app *a);
/* The catalog g's texts are shown with: the visitor's language when g is
 * complete in it, else NULL (English). */
const struct i18n_catalog *guide_cat(const struct app *a, const struct guide *g);
/* msgid of the current guide (or of the scheme when g is NULL) in the language it is shown in. */
const char *guide_tr(const struct app *a, const struct guide *g, const char *msgid);
/* An event about the walk: {"scheme","guide","step"} plus extra members ("" or ",\"end\":\"solved\""). */
void guide_event(struct app *a, const char *type, const char *extra);

/* The ways to a person at the end of a guide (or from "Talk to a person"):
 * a queue number for the digital-help desk, or a booked help appointment.
 * Each is offered only when the site can give it now. */
bool guide_can_ticket(const struct app *a);
bool guide_can_book(const struct app *a);
/* Where to find a person when no number or booking can be given now. */
void guide_where_people_are(const struct app *a, char *out, size_t cap);
/* Notes where the visitor is (a->s.guide.where/about) for staff. */
void guide_note_where(struct app *a);
/* The next screens of those ways; the queue number or booking carries where
 * the visitor got stuck (an event with the guide and step, and the booking's
 * reason in the office's language). */
const struct screen *guide_to_ticket(struct app *a);
const struct screen *guide_to_booking(struct app *a);

#endif
