/*
 * The visitor-facing application state and its screens, without SDL.
 *
 * struct app holds everything the screens need: configuration, catalogs, the
 * current screen and the way back, the visitor's session, the idle timer and
 * the requests for services that the shell forwards to its threads. Input
 * arrives as taps on targets (by id), typed text and keys; time is passed in.
 * The shell calls app_draw when app.dirty is set. Owned by the UI thread.
 */
#ifndef KIOSK_APP_H
#define KIOSK_APP_H

#include <stdbool.h>
#include <stdint.h>

#include "kiosk/app_booking.h"
#include "kiosk/booking.h"
#include "kiosk/config.h"
#include "kiosk/draw.h"
#include "kiosk/guide.h"
#include "kiosk/queue.h"
#include "kiosk/services.h"
#include "kiosk/ticket.h"
#include "kiosk/tz.h"
#include "kiosk/ui.h"

struct i18n_catalog;
struct app;
struct services;

/* A reply from a service thread, forwarded by the shell. */
enum app_msg_kind {
	APP_MSG_STORE_OPENED,  /* status: the store is usable or why not */
	APP_MSG_EVENT_SAVED,   /* status: an event reached the disk or why not */
	APP_MSG_PRINTER_STATE, /* status: enum printer_state; arg: flags (PRINTER_FLAG_*) */
	APP_MSG_PRINT_DONE,    /* status: enum printer_state of the outcome; arg: the job's tag */
	APP_MSG_TICKET,        /* status: enum kiosk_err; arg: the queue number taken */
	APP_MSG_PRINT_ACCEPTED, /* the printer took the job; arg: the job's tag */
	APP_MSG_UPLINK,        /* status: enum uplink_state (kiosk/uplink.h); arg: events parked */
	APP_MSG_QUEUE,         /* the office's queue as the server tells it changed (uplink_queue_snapshot) */
	APP_MSG_SITE,          /* new site data, or a new guide bundle, from the server is ready
	                        * (uplink_take_site; shell_guides.c) */
	APP_MSG_BOOKING,       /* a booking backend answered; arg: the request's serial (the shell
				  hands the reply to app_on_booking) */
};

/* APP_MSG_UPLINK's status: how reporting to the central server goes. */
enum app_uplink {
	APP_UPLINK_OK,           /* the last exchange succeeded */
	APP_UPLINK_OFFLINE,      /* no network or no server: retrying, nothing is lost */
	APP_UPLINK_AUTH,         /* the server refuses this kiosk's credentials */
	APP_UPLINK_NOT_ENROLLED, /* a server is configured but the kiosk has no credentials */
	APP_UPLINK_NONE,         /* no server configured: the kiosk works alone */
};

/* Offline this long, the kiosk shows staff that it is not reporting. */
#define APP_UPLINK_TROUBLE_MS (10 * 60 * 1000)

struct app_msg {
	enum app_msg_kind kind;
	int status;            /* enum kiosk_err unless the kind says otherwise */
	int arg;
};

struct screen {
	const char *name;      /* stable, for scripts and logs */
	void (*enter)(struct app *a);
	void (*draw)(struct app *a, struct ui *u);
	/* Returns the next screen, or NULL to stay. */
	const struct screen *(*on_action)(struct app *a, int action, int arg);
	/* Typing (a physical keyboard, a barcode or QR scanner) goes into
	 * s.field, and Return with nothing focused sends APP_ACT_ENTER. */
	bool takes_text;
	/* The field typing goes into instead of s.field (with its size); NULL:
	 * s.field. Only for screens that take text. */
	char *(*text)(struct app *a, size_t *cap);
	/* Back inside the screen (a guide's previous step): true when it went
	 * back itself, false to leave the screen the usual way. NULL: leave. */
	bool (*back)(struct app *a);
};

/* Actions every screen shares; screens number their own from APP_ACT_SCREEN. */
enum app_action {
	APP_ACT_NONE,
	APP_ACT_BACK,
	APP_ACT_HOME,
	APP_ACT_LANGUAGE,
	APP_ACT_STAFF,
	APP_ACT_MORE_TIME,
	APP_ACT_START_OVER,
	APP_ACT_BOOKING_REPLY, /* a booking backend answered: arg is the op; the reply is in a->s.book */
	APP_ACT_ENTER,         /* Return with nothing focused on a screen that takes text: what was typed is done */
	APP_ACT_SCREEN = 100,
};

/* Everything the visitor entered or chose. Wiped when the session ends. */
struct session {
	bool active;
	char field[128];       /* text being typed or scanned: a booking reference, or a link from a
				  slip's QR code that ends with one (TICKET_QR_MAX) */
	bool numpad, shift, latin;
	int list_page;
	bool submitted;
	int service;           /* the service chosen for a queue ticket */
	bool priority;
	int number;            /* the number taken; 0 while waiting for it */
	int ticket_status;     /* enum kiosk_err of taking it */
	int print;             /* enum app_print */
	int print_reason;      /* the printer service's state code when printing failed */
	int ahead;             /* people ahead of the ticket taken; -1: not known */
	int wait_min, wait_max; /* its expected wait in minutes; -1: cannot be estimated */
	struct app_booking book; /* booking, check-in, cancel and move (kiosk/app_booking.h) */
	struct app_guide {       /* a digital-ID guide (kiosk/screens/guide*.c) */
		int scheme;      /* index in a->guides; -1: none chosen */
		bool walking;    /* walk is a guide being followed */
		struct guide_walk walk;
		/* Where the visitor asked for a person ("mitid/new-phone#copy") and
		 * the same in words: for staff in the office's language, the booking's
		 * reason (as app_booking.reason_text: 120 bytes, within the server's
		 * 120 characters; cut at a word with "…"), and in the visitor's
		 * language for their own review. No personal data. */
		char where[96];
		char about[121];
		char about_shown[240];
		bool to_person;  /* the queue number or booking being taken is a guide's way to a person */
		int print;       /* enum app_print of "print these steps" */
		/* The page of the step shown (guide_step.c): a step too long for
		 * the panel is read in pages, its answers on the last; the first
		 * step's page 0 is the guide's safety notes. Drawing keeps it in
		 * range: APP_GUIDE_LAST_PAGE shows the last. */
		int page;
	} guide;
};

#define APP_GUIDE_LAST_PAGE 1000

enum app_print { APP_PRINT_NONE, APP_PRINT_BUSY, APP_PRINT_DONE, APP_PRINT_FAILED };

/* A request to a service thread, queued by screens and drained by the shell. */
/* BOOKING goes to the booking backend (the store, or the central server);
 * PRINT_SLIP prints a->slip. */
enum app_req_kind { APP_REQ_EVENT, APP_REQ_TICKET, APP_REQ_PRINT, APP_REQ_BOOKING, APP_REQ_PRINT_SLIP };

struct app_request {
	enum app_req_kind kind;
	char type[48];         /* EVENT: event type, "kiosk.session.started"; TICKET, PRINT: the service id */
	char data[160];        /* EVENT: JSON object text, never personal data; TICKET: the prefix; PRINT: the number */
	bool priority;         /* TICKET */
	struct booking_request booking; /* BOOKING; its contact is wiped once the shell has passed it on */
};

#define APP_MAX_DEPTH 16
#define APP_MAX_REQ 16

enum app_key { APP_KEY_NEXT, APP_KEY_PREV, APP_KEY_ACTIVATE, APP_KEY_BACK, APP_KEY_HOME, APP_KEY_ERASE };

struct app {
	const struct config *cfg;
	const struct i18n_catalog *cat[CONFIG_MAX_LANGS]; /* by index in cfg->langs; NULL = English source */
	int lang;
	const struct screen *screen;
	const struct screen *history[APP_MAX_DEPTH];
	int depth;
	struct session s;

	uint64_t now_ms;        /* monotonic, passed in */
	uint64_t last_input_ms;
	bool warning;           /* the "are you still there?" layer is up */
	int warning_shown_s;    /* seconds left, as drawn */

	bool dirty;
	char pressed[32];
	char focused[32];
	const struct draw_list *last; /* the frame on screen, for focus moves */

	struct app_request req[APP_MAX_REQ];
	int nreq;
	int store_status;       /* enum kiosk_err of the last store reply */
	const struct services *services; /* NULL: the site offers no queue tickets */
	bool printer_configured;
	bool paper_low;         /* the printer reports little paper: a discreet sign for staff */
	struct {
		int weekday;    /* 0 = Monday, in the site's time zone */
		int minute;     /* of the day */
		char day[11];   /* "2026-11-22" */
	} local;
	int64_t utc;            /* wall clock, UTC seconds, set with local */
	const struct tz *zone;  /* the site's time zone; never NULL once the shell started */
	/* Where bookings go: none (no bookable service), the kiosk's own store,
	 * or the central server. */
	enum { APP_BOOKING_NONE, APP_BOOKING_EMBEDDED, APP_BOOKING_CENTRAL } booking_backend;
	struct ticket_slip slip; /* the slip APP_REQ_PRINT_SLIP prints */
	uint32_t sessions;      /* sessions since start, for events */
	uint64_t seed;          /* random bits from the shell at start: idempotency keys differ between kiosks */
	uint32_t booking_serial; /* the last booking request's serial */
	int uplink;             /* enum app_uplink */
	int uplink_parked;      /* events the server refused for good */
	uint64_t uplink_offline_ms; /* when it went offline */
	bool uplink_mark;       /* the "not reporting" mark is shown */
	/* The office's queues as the central server last told them, by service
	 * index; known is false without a server or before its first answer. */
	/* The digital-ID guides (NULL: none loaded), the site's schemes in its
	 * order (indexes into guides->schemes), and the service whose desk helps
	 * with digital ID (index in services; -1: none). */
	const struct guide_library *guides;
	int guide_scheme[GUIDE_MAX_SCHEMES];
	int nguide_schemes;
	int guide_help_service;
	struct app_queue {
		bool known;
		int waiting;    /* tickets issued and not yet called */
		struct queue_handling handling;
		uint64_t at_ms; /* when it was told */
	} queue[SERVICES_MAX];
};

void app_init(struct app *a, const struct config *cfg);
/* The central server's view of one service's queue (by service id); a
 * visible screen that shows it is redrawn. Unknown ids are ignored. */
void app_set_queue(struct app *a, const char *service, int waiting, const struct queue_handling *h);
/* Older queue figures than this are not shown: a queue moves in minutes. */
#define APP_QUEUE_FRESH_MS (5 * 60 * 1000)
/* Whether staff should see that the kiosk is not reporting to the server:
 * credentials refused or missing, events refused, or offline for
 * APP_UPLINK_TROUBLE_MS. */
bool app_uplink_trouble(const struct app *a);
/* The queue of the service at this index if the server told it lately, else NULL. */
const struct app_queue *app_queue_now(const struct app *a, int service);
/* Time passes: shows or counts down the idle warning, ends an abandoned session. */
void app_tick(struct app *a, uint64_t now_ms);
/* The next moment app_tick has something to do, or UINT64_MAX: wait for input. */
uint64_t app_next_deadline(const struct app *a);
/* Whole seconds until an unanswered idle warning ends the session. */
int app_warning_seconds_left(const struct app *a);

/* A finger went down / came up at a target (id may be NULL: outside any target). */
void app_press(struct app *a, const char *id, uint64_t now_ms);
void app_release(struct app *a, const struct draw_target *t, uint64_t now_ms);
/* Runs a target's action as if tapped (what a completed tap does). */
void app_activate(struct app *a, int action, int arg, uint64_t now_ms);
void app_type(struct app *a, const char *utf8, uint64_t now_ms);
void app_key(struct app *a, enum app_key key, uint64_t now_ms);
void app_on_msg(struct app *a, const struct app_msg *m);
/* A booking backend's reply (APP_MSG_BOOKING); one whose serial is not the
 * request in flight is ignored. */
void app_on_booking(struct app *a, const struct booking_reply *r);
/* Sends r to the booking backend: gives it the next serial (and an
 * idempotency key when it has none) and marks a->s.book waiting. The
 * contact in r is copied into the request queue and wiped there once the
 * shell has passed it on. False when the request queue is full. */
bool app_booking_send(struct app *a, struct booking_request *r);

void app_draw(struct app *a, struct ui *u);

/* Screen helpers. */
const char *app_tr(const struct app *a, const char *msgid);
/* The plural form for n in the visitor's language. */
const char *app_ntr(const struct app *a, const char *msgid, const char *msgid_plural, unsigned long n);
const char *app_lang_code(const struct app *a);
bool app_lang_rtl(const struct app *a);
void app_set_lang(struct app *a, int index);
void app_goto(struct app *a, const struct screen *next);
/* Back to the previous screen (Home, then the start screen, at the root). */
void app_back(struct app *a);
void app_end_session(struct app *a, const char *reason);
void app_request_event(struct app *a, const char *type, const char *data_json);

/* The screens, for flows and the screenshot tour. */
extern const struct screen screen_attract, screen_home, screen_language, screen_ticket, screen_booking,
	screen_checkin, screen_guides, screen_staff, screen_priority, screen_wait, screen_number, screen_guide_topics,
	screen_guide_step, screen_guide_help;
/* Where "Help with digital ID" leads: the schemes, or the one scheme's topics. */
const struct screen *app_guides_start(struct app *a);
/* Fills a->slip with the steps the visitor took in the guide (its title, each
 * step's words, the safety notes, the last link as a QR code), in the
 * language the guide is shown in. */
void app_guide_slip_fill(struct app *a);
/* Fills it and queues APP_REQ_PRINT_SLIP; false without a printer, a walk or room. */
bool app_print_guide(struct app *a);
/* All screens, NULL-terminated. */
extern const struct screen *const app_screens[];
const struct screen *app_screen_find(const char *name);

/* Shared chrome: title band (none when title is NULL, for screens that need the
 * height) and the bottom bar (Back, Home, Language, Call staff). Returns the content area. */
struct ui_rect app_chrome(struct app *a, struct ui *u, const char *title);
/* The marks for staff in the top corner (disk, reporting, paper); app_chrome
 * draws them, screens without the chrome call this last. */
void app_staff_marks(const struct app *a, struct ui *u);
/* How many marks are shown: screens keep their top corner free of them. */
int app_staff_mark_count(const struct app *a);
/* The chrome, a headline and an explanation; returns the row left for the
 * screen's own buttons. */
struct ui_rect app_statement(struct app *a, struct ui *u, const char *title, const char *headline, const char *body);
/* A screen that only tells: the chrome, a headline, an explanation and a
 * button back to the start page (target button_id). */
void app_message_screen(struct app *a, struct ui *u, const char *title, const char *headline, const char *body,
			const char *button_id);
/* Text styles used across screens. */
extern const struct ui_text_style app_style_title, app_style_body, app_style_big;

#endif
