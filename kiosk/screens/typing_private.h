/*
 * Shared only by the helpers of the screens where the visitor types
 * (book_common.c: contact details; checkin_entry.c: a reference and its
 * check): the keyboard of the visitor's own script and the Continue button
 * beside the field. Not a public API. UI thread.
 */
#ifndef KIOSK_TYPING_PRIVATE_H
#define KIOSK_TYPING_PRIVATE_H

#include <stdbool.h>

#include "kiosk/app.h"

/* Sets k's keys, pad and labels for letters (a->s.numpad, a->s.latin): the
 * visitor's own script with digits and Latin a key away, or Latin only
 * (latin_only: nothing to switch to). The caller sets its actions. */
void typing_letters(const struct app *a, struct ui_keyboard *k, bool latin_only);
/* Continue (id, action) in go when ready; else greyed, saying what it is for. */
void typing_draw_continue(const struct app *a, struct ui *u, struct ui_rect go, bool ready, const char *id, int action);

#endif
