/*
 * What the booking screens (kiosk/screens/book_*.c) share, and nobody else:
 * the chosen service, sending to the booking backend, the waiting state, and
 * typing contact details on the on-screen keyboard. State lives in
 * a->s.book; these are helpers over it. UI thread.
 */
#ifndef KIOSK_BOOK_PRIVATE_H
#define KIOSK_BOOK_PRIVATE_H

#include <stdbool.h>
#include <stddef.h>

#include "kiosk/app.h"
#include "kiosk/services.h"

/* What is being typed (a->s.book.field). */
enum book_field { BOOK_FIELD_NAME, BOOK_FIELD_PHONE, BOOK_FIELD_EMAIL, BOOK_FIELD_WORDS };

/* The typing screens' actions; their own start at BOOK_ACT_OWN. */
enum book_action {
	BOOK_ACT_KEY = APP_ACT_SCREEN,
	BOOK_ACT_SHIFT,
	BOOK_ACT_SPACE,
	BOOK_ACT_ERASE,
	BOOK_ACT_MODE,
	BOOK_ACT_LATIN,
	BOOK_ACT_PLUS,  /* the phone pad's "+" */
	BOOK_ACT_EXTRA, /* an e-mail helper key; arg: which */
	BOOK_ACT_CONTINUE,
	BOOK_ACT_OWN = APP_ACT_SCREEN + 20,
};

/* The chosen service, or NULL. */
const struct service *book_service(const struct app *a);
/* The modes a service offers, in the order they are shown; returns how many. */
int book_modes(const struct service *s, enum booking_mode out[BOOKING_MODES]);
/* "At the office", "By phone", "By video call". */
const char *book_mode_title(const struct app *a, enum booking_mode m);
/* Whether there is a bookable service at all (home offers booking then). */
bool book_offered(const struct app *a);

/* Sends r for the chosen service and mode (filled in here). False with a
 * full request queue; the screen then stays as it was. */
bool book_send(struct app *a, struct booking_request *r);
/* Asks to hold the slot start..end for the visitor. */
bool book_hold(struct app *a, int64_t start, int64_t end);
/* Gives a held slot back (the visitor went back); nobody waits for it. */
/* The backend cannot be used now: did not answer, or failed. */
bool book_unreachable(const struct app *a);
/* Where the visitor goes once a slot is held: the review when moving or
 * when the contact details are already typed, else the contact details. */
const struct screen *book_after_hold(struct app *a);
/* Back to screen s as if Back had been tapped until it showed (entered
 * again); gone there directly when it is not on the way back. */
void book_back_to(struct app *a, const struct screen *s);
/* When a local day (days since 1970-01-01) begins, UTC. */
int64_t book_day_start(const struct app *a, int64_t day);
/* Zeroes personal data so the compiler cannot skip it. */
void book_wipe(void *p, size_t n);
/* Sends the "booking started" event (service and mode, nothing personal). */
void book_started(struct app *a);

/* The chrome and one large line while the backend works. */
void book_draw_waiting(struct app *a, struct ui *u, const char *title, const char *what);
/* "You can also book by phone on …" with the office's number and address,
 * or where a person can help when it has neither. */
void book_alternatives(const struct app *a, char *out, size_t cap);
/* What is kept and for how long, for the field being asked for. */
void book_privacy_note(const struct app *a, enum book_field f, char *out, size_t cap);

/* Facts as rows of a label and its value ("When  Monday 23 November 2026,
 * 09:30"), each row as tall as its value needs; at most 8. */
struct book_fact {
	const char *label, *value;
	bool latin; /* a phone number or an address: left to right in every language */
	bool own;   /* the visitor's own words: the direction of their script */
};
void book_draw_facts(struct ui *u, struct ui_rect r, const struct book_fact *f, int n);
/* Whether book_draw_facts can show all n in r at a readable size. */
bool book_facts_fit(struct ui *u, struct ui_rect r, const struct book_fact *f, int n);

/* Typing: the field the visitor is typing in (a->s.book.field). */
char *book_field_text(struct app *a, size_t *cap);
/* Handles the keyboard's actions for the current field; false for others. */
bool book_typing_action(struct app *a, int action, int arg);
/* Handles the keyboard's actions (book_typing_action); true when the visitor
 * asked to go on (Continue, or Return on a physical keyboard) with something
 * in the field. */
bool book_entry_continue(struct app *a, int action, int arg);
/* The on_action of the screens that type a way to reach the visitor
 * (book_phone.c, book_email.c): Continue checks the contact details; a
 * problem is shown there, a missing name goes back to it, else the reason. */
const struct screen *book_reach_action(struct app *a, int action, int arg);
/* Draws the entry: the field with a Continue button (target continue_id,
 * BOOK_ACT_CONTINUE), the problem or a hint under it, and the keyboard for
 * the field. title is shown in the band when the panel has room. */
void book_draw_entry(struct app *a, struct ui *u, const char *title, const char *placeholder, const char *hint,
		     const char *continue_id);
/* The plain words for a contact problem, or NULL for none. */
const char *book_problem_text(const struct app *a, int problem);
/* Whether a text holds something like a national ID number. */
bool book_text_has_id(const char *text);

#endif
