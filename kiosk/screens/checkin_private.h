/*
 * Shared only by the "I have an appointment" screens (checkin*.c, manage*.c):
 * the text entry with its on-screen keyboards, the outcome sentences, and
 * the helpers that read the booking found. Not a public API. UI thread.
 */
#ifndef KIOSK_CHECKIN_PRIVATE_H
#define KIOSK_CHECKIN_PRIVATE_H

#include <stdbool.h>
#include <stddef.h>

#include "kiosk/app.h"

/* The entry's actions; a screen numbers its own from CHECKIN_ACT_OWN. */
enum {
	CHECKIN_ACT_KEY = APP_ACT_SCREEN,
	CHECKIN_ACT_SHIFT,
	CHECKIN_ACT_SPACE,
	CHECKIN_ACT_ERASE,
	CHECKIN_ACT_MODE,
	CHECKIN_ACT_LATIN,
	CHECKIN_ACT_CONTINUE,
	CHECKIN_ACT_OWN = APP_ACT_SCREEN + 20,
};

/* A field with a Continue button and a keyboard under it: the visitor's own
 * script with digits and Latin a key away, or the number pad (s.numpad). */
struct checkin_entry {
	const char *continue_id; /* "checkin.continue" */
	const char *placeholder; /* in the empty field */
	bool problem;            /* the placeholder says what went wrong, in the danger colour */
	bool latin_only;         /* Latin letters only, no switch to the own script (an e-mail address) */
	int ready_len;           /* characters needed before Continue works; 0: any */
};

/* Whether the panel is short or narrow: the keyboard then needs the title band. */
bool checkin_compact(const struct ui *u);
void checkin_entry_draw(struct app *a, struct ui *u, struct ui_rect c, const struct checkin_entry *e);
/* Handles the keyboard's actions; true when action was one of them. */
bool checkin_entry_action(struct app *a, const struct checkin_entry *e, int action, int arg);
/* The keyboards start on the visitor's own script, letters shown. */
void checkin_entry_reset(struct app *a);

/* The text being typed as it fits a field: a long scanned link shows its end,
 * where the reference is, after an ellipsis. */
void checkin_field_tail(const struct app *a, char *out, size_t cap);

/* The service of the booking found, by its id; NULL when the site no longer
 * has it. Its index goes to *index when index is not NULL. */
const struct service *checkin_service(const struct app *a, int *index);

/* "Please ask at the reception desk by the entrance.", or a member of staff
 * where the site names no desk. */
void checkin_ask(const struct app *a, char *out, size_t cap);
/* "Please check it, or ask at <the help desk, in the visitor's language>." */
void checkin_check_or_ask(const struct app *a, char *out, size_t cap);
/* Nothing was changed, try again later: with the office's phone number to
 * call, or else help (checkin_ask). */
void checkin_unchanged(const struct app *a, const char *help, char *out, size_t cap);
/* Two buttons in r, side by side or, on a narrow panel, one above the other,
 * gap apart: the first secondary, the second primary. */
void checkin_two_buttons(struct ui *u, struct ui_rect r, int gap, const char *first_id, int first_action,
			 const char *first_label, const char *second_id, int second_action, const char *second_label);

/* A statement (headline and explanation) with one or two buttons under it:
 * second_id NULL gives one button. Returns nothing; the buttons carry their
 * actions. */
void checkin_statement(struct app *a, struct ui *u, const char *title, const char *headline, const char *body,
		       const char *first_id, int first_action, const char *first_label, const char *second_id,
		       int second_action, const char *second_label);

/* What was typed or scanned is done (Continue, or Return): a reference is
 * looked up (FIND), or the visitor is told why it is not one. Returns the
 * screen that waits for the answer (kiosk/screens/checkin_ref.c). */
const struct screen *checkin_submit(struct app *a);

/* Sends op for the reference in a->s.book (FIND, CHECKIN, CANCEL). */
bool checkin_send(struct app *a, enum booking_op op);

#endif
