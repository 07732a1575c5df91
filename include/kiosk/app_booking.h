/*
 * The visitor's booking session: what they chose and typed while booking,
 * checking in, cancelling or moving, and the backend's last answer. Part of
 * struct session, so it is wiped with it. Owned by the UI thread.
 */
#ifndef KIOSK_APP_BOOKING_H
#define KIOSK_APP_BOOKING_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "kiosk/booking.h"

struct app_booking {
	int service;              /* index in the services; -1: none chosen */
	enum booking_mode mode;
	int64_t month;            /* the calendar's month: days since 1970-01-01 of its first day */
	int64_t day;              /* the chosen local day, days since 1970-01-01; -1: none */
	int64_t start, end;       /* the chosen slot, UTC; 0: none */
	char hold[40];            /* the backend's hold on it; "" = none */
	int64_t hold_expires;
	struct booking_contact contact; /* personal: wiped with the session and once sent */
	int field;                /* which contact field is being typed */
	int reason;               /* index of the preset; -1: none */
	char reason_text[121];    /* personal */
	char reference[BOOKING_REF_LEN]; /* check-in, cancel, move: the reference typed or scanned */
	char check[8];            /* cancel, move: the second check typed */
	bool moving;              /* the slot being chosen replaces record's */
	struct booking_record record; /* the booking made, found, moved or checked in */
	uint32_t serial;          /* the request in flight; 0: none */
	bool waiting;             /* a request is in flight */
	enum booking_status status; /* the last answer */
	int64_t window_from, window_to;
	int nslots;               /* the free slots of service and mode, as last told */
	struct booking_slot slots[BOOKING_MAX_SLOTS];
	/* The booking screens' own state (kiosk/screens/book_*.c). */
	bool have_slots;          /* slots holds the free slots of service and mode, not the nearest */
	int problem;              /* enum booking_contact_problem shown under the field being typed */
	bool rehold;              /* review: the hold ran out; the confirmation follows a new hold */
	bool sent;                /* review: the confirmation (or move) went out: it is never sent twice */
	/* Check-in, cancel and move's own state (kiosk/screens/checkin*.c, manage*.c). */
	bool manage;              /* the reference is typed to cancel or move, not to check in */
	bool arrived;             /* check-in: the backend checked the visitor in */
	char typed[48];           /* what was typed when ref_problem was set, to show it */
	bool manage_move;         /* manage: the visitor chose to move, not to cancel */
	int ref_problem;          /* enum app_ref_problem shown under the reference being typed */
	int check_failures;       /* second checks the backend refused in this session */
	int slip_print;           /* enum app_print of the slip asked for on the screen showing */
};

/* Why a typed or scanned reference was not taken. */
enum app_ref_problem { APP_REF_OK, APP_REF_MALFORMED, APP_REF_UNKNOWN };
/* After this many refused second checks the kiosk stops asking. */
#define APP_CHECK_TRIES 3

struct app;
struct screen;

/* The booking flow after screen_booking ("book.service", app.h), one screen
 * per step (kiosk/screens/book_*.c). A move (moving set, record the old
 * booking, reference and check typed) enters at screen_book_day. */
extern const struct screen screen_book_mode, screen_book_day, screen_book_time, screen_book_contact,
	screen_book_reach, screen_book_phone, screen_book_email, screen_book_reason, screen_book_words,
	screen_book_review, screen_book_done, screen_book_taken, screen_book_offline;
/* "I have an appointment" after screen_checkin (the choice of arriving or
 * changing): the reference, the check-in's outcome, and cancel or move
 * (kiosk/screens/checkin_*.c, manage*.c). screen_manage_check asks the
 * second check again after a refusal (check_failures counts them). */
extern const struct screen screen_checkin_ref, screen_checkin_done, screen_manage, screen_manage_check,
	screen_manage_confirm, screen_manage_done;

/* Dates and times in the visitor's language and the site's zone
 * (kiosk/core/app_dates.c). */
void app_format_day(const struct app *a, int64_t day, char *out, size_t cap);   /* "Monday 23 November" */
void app_format_time(const struct app *a, int64_t utc, char *out, size_t cap);  /* "09:30" */
void app_format_when(const struct app *a, int64_t utc, char *out, size_t cap);  /* "Monday 23 November 2026, 09:30" */
/* The local day (days since 1970-01-01) of a UTC moment in the site's zone. */
int64_t app_local_day(const struct app *a, int64_t utc);
/* A weekday's (0 = Monday) and a month's (1..12) name in the visitor's language. */
const char *app_weekday_name(const struct app *a, int weekday);
const char *app_month_name(const struct app *a, int month);
/* The month's name standing alone, for a calendar's heading ("listopad" where a date says "listopada"). */
const char *app_month_heading(const struct app *a, int month);
/* The weekday's name standing alone (a list of opening hours), where a date may decline it. */
const char *app_weekday_alone(const struct app *a, int weekday);

/* What a visitor can take home from booking (kiosk/core/slip.c). */
enum app_slip_kind {
	APP_SLIP_BOOKED,      /* a->s.book.record was just booked */
	APP_SLIP_MOVED,       /* ... just moved */
	APP_SLIP_CANCELLED,   /* ... just cancelled */
	APP_SLIP_REMOTE,      /* checked in for a phone or video meeting: what happens now */
	APP_SLIP_HOW_TO_BOOK, /* booking is not possible here now: how to book by phone or online */
	APP_SLIP_ARRIVED,     /* checked in for a meeting in person: the number in the appointments queue */
};
/* Fills a->slip in the visitor's language. */
void app_slip_fill(struct app *a, enum app_slip_kind kind);
/* Fills a->slip and queues APP_REQ_PRINT_SLIP; false without a printer or
 * with a full request queue. */
bool app_print_slip(struct app *a, enum app_slip_kind kind);

/* Gives back the slot held for the visitor, if any (nobody waits for the answer). */
void app_booking_release(struct app *a);
/* The session ends: a slot still held for the visitor is released. */
void app_booking_end(struct app *a);

#endif
