/*
 * What uplink.c shares with uplink_tickets.c and uplink_site.c only: the
 * uplink's state and the helpers every exchange uses. The fields under
 * "Under lock" are shared with the UI thread through lock; everything else
 * belongs to the uplink thread (or is read-only after uplink_start).
 */
#ifndef KIOSK_UPLINK_PRIVATE_H
#define KIOSK_UPLINK_PRIVATE_H

#include <curl/curl.h>
#include <pthread.h>
#include <sqlite3.h>
#include <sys/stat.h>

#include "kiosk/booking.h"
#include "kiosk/config.h"
#include "kiosk/tz.h"
#include "guides_store.h"
#include "site_cache.h"
#include "uplink.h"
#include "uplink_http.h"
#include "uplink_outbox.h"
#include "uplink_wire.h"

#define UPLINK_TICKET_DEADLINE_MS 1500	      /* a visitor is waiting (docs/queue-numbering.md) */
#define UPLINK_TICKETS_MAX 8		      /* requests waiting for the one in flight */
#define UPLINK_QUEUE_TIMEOUT_MS 5000	      /* a queue refresh is shown in a session, or not at all */
#define UPLINK_BOOKING_DEADLINE_MS 5000	      /* a visitor waits for a booking answer */
#define UPLINK_BOOKINGS_MAX 8		      /* booking requests waiting for the one in flight */
#define UPLINK_BOOKING_REPLY_MAX (512 * 1024) /* 2048 slots of availability */

struct health_copy {
	bool set;
	char state[24], paper[16], store[16];
	bool has_state, has_paper, has_store;
	struct uplink_health h; /* its strings point into this copy */
};

struct uplink_ticket_job {
	struct uplink_ticket_request r;
	char key[27];	    /* the Idempotency-Key: made once per visitor's request */
	long long deadline; /* monotonic ms */
};

/* A booking request on its way to the server. */
struct uplink_booking_job {
	struct booking_request r; /* contact and reason text wiped once serialised */
	long long deadline;	  /* monotonic ms */
};

enum uplink_site_step { UPLINK_SITE_IDLE, UPLINK_SITE_CONFIG, UPLINK_SITE_PO };

/* A translation the uplink refused, so that its ETag is not fetched again. */
struct uplink_po_refusal {
	char lang[CONFIG_LANG_LEN];
	char etag[SITE_CACHE_ETAG_MAX];
};

/* The site data and translations exchange (uplink_site.c). */
struct uplink_site {
	enum uplink_site_step step;
	bool due;				       /* start a round at the next chance */
	char applied_etag[SITE_CACHE_ETAG_MAX];	       /* the copy in <data_dir>/server/site.json; "" = none */
	char rejected_etag[SITE_CACHE_ETAG_MAX];       /* a payload refused; kept in kiosk.db's state */
	bool rejected_read;			       /* rejected_etag was read from kiosk.db */
	char langs[CONFIG_MAX_LANGS][CONFIG_LANG_LEN]; /* the languages of the copy in use */
	int nlangs;
	/* This round: a new payload waiting for its translations, and the languages to fetch. */
	char *payload;
	size_t payload_len;
	char payload_etag[SITE_CACHE_ETAG_MAX];
	char fetch[CONFIG_MAX_LANGS][CONFIG_LANG_LEN];
	int nfetch, next;
	bool po_changed; /* a translation of the copy in use was replaced */
	struct uplink_po_refusal refused[CONFIG_MAX_LANGS];
	int nrefused;
};

/* The guides bundle exchange (uplink_guides.c); the uplink thread's own. */
struct uplink_guides {
	char applied_etag[SITE_CACHE_ETAG_MAX];	 /* of the bundle <data_dir>/server/guides names; "" = none */
	char current[GUIDES_STORE_NAME_MAX];	 /* its folder; "" = none (or one this kiosk refuses) */
	char rejected_etag[SITE_CACHE_ETAG_MAX]; /* a bundle refused; kept in kiosk.db's state */
	bool rejected_read;			 /* rejected_etag was read from kiosk.db */
};

struct guide_library;

struct uplink {
	pthread_t thread;
	CURLM *multi;
	pthread_mutex_t lock;
	/* Under lock. */
	bool stop, kicked, health_new;
	struct health_copy shared;
	struct uplink_ticket_job pending[UPLINK_TICKETS_MAX]; /* ring: [head, head + npending) */
	int head, npending;
	int tickets_owed;  /* asked for and not yet handed to the store or answered */
	bool queue_wanted; /* uplink_refresh_queue, not yet answered */
	struct uplink_queue_snapshot queue;
	struct site_bundle *site_ready;		      /* for uplink_take_site */
	struct guide_library *guides_ready;	      /* for uplink_take_guides */
	char guides_ready_dir[GUIDES_STORE_NAME_MAX]; /* its folder */
	char guides_in_use[GUIDES_STORE_NAME_MAX];    /* the folder of the library the UI took; "" = none */
	unsigned round_asked, round_done;
	struct uplink_booking_job book_q[UPLINK_BOOKINGS_MAX]; /* ring: [book_head, book_head + nbook) */
	int book_head, nbook;
	int bookings_owed; /* asked for and not yet answered */

	/* Read-only after start. */
	struct post *post;
	struct store *store;
	struct uplink_tls tls;
	char base_url[256], data_dir[256], creds_path[300], version[32], destination[256], assets_dir[256];
	struct config base; /* the kiosk's own configuration: server site data is checked against it */
	long long heartbeat_ms, backoff_base_ms;
	struct booking_backend *bookings; /* booking replies; NULL: none */
	struct tz zone;			  /* the site's, for booking events */

	/* The uplink thread's own. */
	sqlite3 *db;
	struct uplink_credentials creds;
	bool have_creds, auth_failed, creds_seen;
	struct stat creds_st;
	struct uplink_backoff backoff;
	long long upload_at, retry_at, heartbeat_at, last_heartbeat, start_ms;
	int limit; /* batch size: halved by a refusal, doubled by a success */
	struct uplink_transfer events, health, ticket, queue_t, site_t, booking_t;
	struct uplink_batch batch; /* the events in flight */
	struct health_copy snapshot;
	int state;	  /* -1 until known */
	long long parked; /* as last reported */
	bool have_offset;
	long long clock_offset_ms;
	struct uplink_ticket_job cur; /* the ticket in flight, when ticket.busy */
	bool queue_due;		      /* fetch the queue at the next chance */
	bool queue_for_ui;	      /* the fetch in flight answers uplink_refresh_queue */
	struct uplink_site site;
	struct uplink_transfer guides_t; /* its reply buffer is made by uplink_guides_init */
	struct uplink_guides guides;
	struct uplink_booking_job book_cur; /* the booking request in flight, when booking_t.busy */
	bool round_active;
	unsigned round_target;
};

long long uplink_mono_ms(void);
long long uplink_wall_ms(void);
/* Reports a change of state or of the parked count; logs state changes only. */
void uplink_set_state(struct uplink *u, enum uplink_state s, const char *why);
/* 401/403: nothing more is sent until credentials.json changes. */
void uplink_refused_for_good(struct uplink *u, const char *why, long status);
/* The thread's own connection to kiosk.db, opened on first use. */
bool uplink_open_db(struct uplink *u);
/* Whether there are credentials the server has not refused. */
bool uplink_sending(const struct uplink *u);
/* Why a request is settled without the server's answer: not enrolled, the
 * credentials refused, or else (while sending) no answer in time. */
const char *uplink_unsent_why(const struct uplink *u);
/* The server answered something: if events were waiting out a backoff, try them now. */
void uplink_server_is_back(struct uplink *u, long long now);
/* Commits one of the uplink's own events and uploads it soon. */
void uplink_record(struct uplink *u, const char *type, const char *data_json);
/* Starts a request to base_url + path on t with the kiosk's credentials. */
enum kiosk_err uplink_send(struct uplink *u, struct uplink_transfer *t, const char *path, struct uplink_request *rq);

/* uplink_health.c: the heartbeat. */
/* The clock offset from a reply's Date header. */
void uplink_note_clock(struct uplink *u, const struct uplink_transfer *t);
void uplink_heartbeat_start(struct uplink *u, long long now);
void uplink_heartbeat_finish(struct uplink *u, CURLcode res);

/* uplink_tickets.c: queue numbers and the queue's state. */
void uplink_tickets_step(struct uplink *u, long long now);
/* The earliest deadline of a ticket waiting for the one in flight; LLONG_MAX: none. */
long long uplink_tickets_next(struct uplink *u);
void uplink_tickets_finish(struct uplink *u, CURLcode res, long long now);
void uplink_queue_start(struct uplink *u);
void uplink_queue_finish(struct uplink *u, CURLcode res);
/* At stop: what is still waiting gets no number (nobody reads it any more). */
void uplink_tickets_fini(struct uplink *u);

/* uplink_booking.c: the central booking backend. */
void uplink_bookings_step(struct uplink *u, long long now);
/* The earliest deadline of a booking request waiting; LLONG_MAX: none. */
long long uplink_bookings_next(struct uplink *u);
/* The request in flight ended (its body is wiped here, before the transfer is ended). */
void uplink_bookings_finish(struct uplink *u, CURLcode res, long long now);
/* At stop: what is still waiting is wiped and gets no answer. */
void uplink_bookings_fini(struct uplink *u);

/* uplink_site.c: site data and translations. */
void uplink_site_init(struct uplink *u);
void uplink_site_start(struct uplink *u);
void uplink_site_finish(struct uplink *u, CURLcode res);
void uplink_site_fini(struct uplink *u);

/* uplink_guides.c: the guides bundle, fetched with every site round. */
void uplink_guides_init(struct uplink *u);
void uplink_guides_start(struct uplink *u);
void uplink_guides_finish(struct uplink *u, CURLcode res);
/* Ends the transfer and frees what the UI did not take. */
void uplink_guides_fini(struct uplink *u);

#endif
