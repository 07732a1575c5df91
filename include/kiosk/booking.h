/*
 * Appointments: the booking rules of a service, the free slots they give,
 * booking references, contact checks, the check-in window, and the request
 * and reply that travel between the screens and a booking backend (the
 * kiosk's own store, or the central server).
 *
 * Slots are computed here and nowhere else: the kiosk's embedded backend and
 * the central server (kiosk-central) both call booking_slots, so a slot one
 * offers is a slot the other accepts. Moments are UTC seconds; opening hours,
 * closures and weekdays are local to the site's zone (kiosk/tz.h), so a slot
 * is right across daylight-saving changes. Pure: time and the taken slots
 * come in as arguments; any thread.
 */
#ifndef KIOSK_BOOKING_H
#define KIOSK_BOOKING_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "kiosk/config.h"
#include "kiosk/tz.h"

#define BOOKING_MAX_SPANS 3
#define BOOKING_MAX_REASONS 6
#define BOOKING_MAX_CLOSURES 64
/* 90 days of 16 meetings, with room: what one availability reply carries. */
#define BOOKING_MAX_SLOTS 2048
#define BOOKING_REF_LEN 7   /* "K7R49X" is 6 characters; shown as "K7R-49X" */

enum booking_mode { BOOKING_IN_PERSON, BOOKING_PHONE, BOOKING_VIDEO, BOOKING_MODES };

/* "in_person", "phone", "video" (the protocol's and the site file's names). */
const char *booking_mode_name(enum booking_mode m);
/* The mode with that name; false when there is none. */
bool booking_mode_parse(const char *name, enum booking_mode *out);

struct booking_reason {
	char id[24];
	const char *name[CONFIG_MAX_LANGS]; /* by index in cfg->langs; never NULL after parsing */
};

/* How a service is booked (the "booking" object of a service in the
 * services file; docs/booking.md). */
struct booking_rules {
	bool offered;            /* the service can be booked at all */
	int duration_min;        /* one meeting, 5..480 */
	int buffer_min;          /* between two meetings of one adviser, 0..120 */
	int notice_min;          /* the earliest slot is this far from now, 0..20160 */
	int horizon_days;        /* the latest slot is on today + this, 1..365 */
	int capacity;            /* advisers in parallel, 1..50 */
	short hours[7][BOOKING_MAX_SPANS][2]; /* [weekday: 0 = Monday][span] = {from, to} local minutes */
	int spans[7];
	unsigned char mode_days[BOOKING_MODES]; /* bit w: the mode is offered on weekday w; 0: not offered */
	int early_min;           /* check-in opens this long before the start */
	int late_min;            /* and closes this long after it */
	int nreasons;
	struct booking_reason reason[BOOKING_MAX_REASONS];
	const char *bring[CONFIG_MAX_LANGS]; /* what to bring; NULL: nothing said */
	const char *place[CONFIG_MAX_LANGS]; /* where in person meetings happen ("Desk 4, first floor"); NULL: none */
};

/* A closure: local days from..to inclusive (days since 1970-01-01), and the
 * minutes of each such day that are closed, [from_min, to_min) (0..1440 for
 * the whole day). */
struct booking_closure {
	int64_t from_day, to_day;
	short from_min, to_min;
};

struct booking_calendar {
	int n;
	struct booking_closure c[BOOKING_MAX_CLOSURES];
};

/* Something that takes one adviser for a while: a booking, or a hold that
 * has not expired. Sorted by start for booking_slots. */
struct booking_busy {
	int64_t start, end;
};

struct booking_slot {
	int64_t start, end;      /* UTC seconds */
	int free;                /* advisers still free then, >= 1 */
};

/* The free slots of a service and mode whose start lies in [from, to), in
 * time order: inside the booking hours of their local weekday, on a weekday
 * the mode is offered, outside every closure, not before now + notice, not
 * after the last day of the horizon (local today + horizon_days), and with
 * fewer than capacity busy intervals overlapping [start - buffer, end +
 * buffer). Local times that do not exist (the spring change) give no slot.
 * Returns how many were written (at most cap). */
int booking_slots(const struct booking_rules *r, const struct booking_calendar *closed, enum booking_mode mode,
		  const struct tz *zone, int64_t now, int64_t from, int64_t to, const struct booking_busy *busy,
		  int nbusy, struct booking_slot *out, int cap);
/* Whether start is a free slot right now (the check a hold makes); *end is
 * set when it is. */
bool booking_slot_free(const struct booking_rules *r, const struct booking_calendar *closed, enum booking_mode mode,
		       const struct tz *zone, int64_t now, int64_t start, const struct booking_busy *busy, int nbusy,
		       int64_t *end);
/* Up to k slots of slots[0..n) nearest to wanted (by distance in time, the
 * earlier first on a tie), written to out in time order. Returns how many. */
int booking_nearest(const struct booking_slot *slots, int n, int64_t wanted, struct booking_slot *out, int k);

/* Check-in: whether now is inside [start - early, start + late]. */
enum booking_window { BOOKING_WINDOW_OPEN, BOOKING_WINDOW_EARLY, BOOKING_WINDOW_LATE };
enum booking_window booking_checkin_window(const struct booking_rules *r, int64_t start, int64_t now,
					   int64_t *opens, int64_t *closes);

/* References: six characters from an alphabet with no look-alikes (no 0/O,
 * 1/I/L, 2/Z, 5/S, 8/B), made from 32 random bits. out holds 7 bytes. */
void booking_reference_make(uint64_t random, char out[BOOKING_REF_LEN]);
/* "K7R49X" as printed and shown: "K7R-49X" (out holds 8 bytes). */
void booking_reference_format(const char *ref, char out[8]);
/* Finds a reference in what was typed or scanned: any case, with or without
 * the dash or spaces, alone or at the end of a link ("https://…/b/K7R-49X").
 * False when there is none. */
bool booking_reference_parse(const char *input, char out[BOOKING_REF_LEN]);

/* The visitor's contact details: personal data. They travel only to the
 * booking backend and are wiped from the kiosk once it has them. */
struct booking_contact {
	char name[64];
	char phone[24];
	char email[80];
};

enum booking_contact_problem {
	BOOKING_CONTACT_OK,
	BOOKING_CONTACT_NO_NAME,      /* fewer than 2 letters */
	BOOKING_CONTACT_NO_WAY,       /* neither a phone nor an e-mail */
	BOOKING_CONTACT_BAD_PHONE,    /* not 6..15 digits with optional + and spaces */
	BOOKING_CONTACT_BAD_EMAIL,    /* not name@domain.tld */
	BOOKING_CONTACT_ID_NUMBER,    /* looks like a national ID number: the kiosk never takes one */
};
enum booking_contact_problem booking_contact_check(const struct booking_contact *c);
/* The second check for cancel and move: the last 4 digits of the phone when
 * there is one, else the first 4 characters of the e-mail (any case). */
bool booking_check_matches(const struct booking_contact *c, const char *typed);
/* Which second check a booking asks for: 'p' phone digits, 'e' e-mail letters. */
char booking_check_kind(const struct booking_contact *c);

/* Wrong second checks a booking takes before it refuses checks for the rest
 * of the window: at 5 a day, trying all 10,000 four-digit endings would take
 * years. The kiosk itself sends a visitor to the desk after APP_CHECK_TRIES. */
#define BOOKING_CHECK_LIMIT 5
#define BOOKING_CHECK_WINDOW_S (24 * 3600)
/* A booking's wrong checks: how many since the first one of the window. */
struct booking_check_count {
	int failures;
	int64_t since; /* UTC seconds */
};
/* Whether checks are refused at now (BOOKING_CHECK_LOCKED); *until says until when. */
bool booking_check_locked(const struct booking_check_count *c, int64_t now, int64_t *until);
/* Counts one more wrong check at now (a new window starts when the last one ended). */
void booking_check_failed(struct booking_check_count *c, int64_t now);

/* What a visitor asks a booking backend for. */
enum booking_op {
	BOOKING_OP_AVAILABILITY, /* service, mode, from, to */
	BOOKING_OP_HOLD,         /* service, mode, start */
	BOOKING_OP_RELEASE,      /* hold: the visitor went back or left */
	BOOKING_OP_CONFIRM,      /* hold, contact, reason, reason_text, lang */
	BOOKING_OP_FIND,         /* reference: what a booking is, without personal data */
	BOOKING_OP_CANCEL,       /* reference, check */
	BOOKING_OP_MOVE,         /* reference, check, hold */
	BOOKING_OP_CHECKIN,      /* reference */
};

enum booking_status {
	BOOKING_OK,
	BOOKING_SLOT_TAKEN,      /* somebody else has it: reply.slots holds the nearest free */
	BOOKING_HOLD_EXPIRED,    /* the hold ran out before the confirmation */
	BOOKING_UNKNOWN,         /* no booking with that reference */
	BOOKING_CHECK_FAILED,    /* the second check did not match */
	BOOKING_CHECK_LOCKED,    /* too many wrong checks: none taken until window_to */
	BOOKING_NOT_ACTIVE,      /* cancelled, already checked in, or over */
	BOOKING_TOO_EARLY,       /* check-in: window_from says from when */
	BOOKING_TOO_LATE,        /* check-in: window_to says until when */
	BOOKING_UNREACHABLE,     /* the backend did not answer: nothing was booked */
	BOOKING_FAILED,          /* the backend answered with an error, or the disk failed */
};
const char *booking_status_name(enum booking_status s); /* "slot_taken"… the protocol's codes */

enum booking_state { BOOKING_BOOKED, BOOKING_CANCELLED, BOOKING_ARRIVED };

/* A booking as the kiosk may know it: no personal data. */
struct booking_record {
	char reference[BOOKING_REF_LEN];
	char service[24];
	enum booking_mode mode;
	enum booking_state state;
	int64_t start, end;
	char check_kind;         /* 'p' or 'e': what the second check asks for */
	char number[8];          /* CHECKIN, in person: the ticket in the appointments queue, "T012" */
	int ahead;               /* CHECKIN: people ahead of it; -1: not known */
};

struct booking_request {
	enum booking_op op;
	uint32_t serial;         /* echoed in the reply: the screens ignore stale replies */
	char idempotency[27];    /* a ULID made once per visitor action: a retry sends the same */
	char service[24];
	enum booking_mode mode;
	int64_t from, to;        /* AVAILABILITY, UTC */
	int64_t start;           /* HOLD */
	char hold[40];           /* RELEASE, CONFIRM, MOVE */
	char reference[BOOKING_REF_LEN]; /* FIND, CANCEL, MOVE, CHECKIN */
	char check[8];           /* CANCEL, MOVE */
	struct booking_contact contact; /* CONFIRM; personal: wiped once sent */
	char reason[24];         /* CONFIRM: a preset's id, or "" */
	char reason_text[121];   /* CONFIRM: the visitor's own words, or ""; personal */
	char lang[CONFIG_LANG_LEN]; /* CONFIRM: the visitor's language, for the backend's messages */
};

struct booking_reply {
	enum booking_op op;
	uint32_t serial;
	enum booking_status status;
	char hold[40];           /* HOLD */
	int64_t hold_expires;
	struct booking_record booking; /* CONFIRM, FIND, CANCEL, MOVE, CHECKIN */
	int64_t window_from, window_to; /* TOO_EARLY, TOO_LATE; CHECK_LOCKED: window_to */
	int nslots;              /* AVAILABILITY: the free slots; SLOT_TAKEN: the nearest free */
	struct booking_slot slots[BOOKING_MAX_SLOTS];
	char message[160];       /* for the technician's log: what went wrong, never personal */
};

/* How long a hold lasts: enough to type a name and a phone number slowly. */
#define BOOKING_HOLD_S (10 * 60)

#endif
