/*
 * The site configuration: one INI-style file.
 *
 * config_parse fills a complete struct config or reports every problem with
 * its line number; a kiosk never starts on a half-valid file. Messages are
 * formatted in the technician's language through the catalog passed in
 * (NULL = English). Pure logic except config_load, which reads the file.
 */
#ifndef KIOSK_CONFIG_H
#define KIOSK_CONFIG_H

#include <stdbool.h>
#include <stddef.h>

#include "kiosk/error.h"

struct i18n_catalog;

#define CONFIG_MAX_LANGS 16
#define CONFIG_LANG_LEN 8
#define CONFIG_MAX_PROBLEMS 32
/* A status link fits a ticket's QR code (TICKET_QR_MAX) with its fields filled in. */
#define CONFIG_LINK_LEN 97

/* A site text in one language ("help_desk.da = skranken ved indgangen"). */
struct config_lang_text {
	char lang[CONFIG_LANG_LEN];
	char text[96];
	int line;
};

struct config {
	/* [site] */
	char site_name[96];                          /* name = ... (required) */
	char langs[CONFIG_MAX_LANGS][CONFIG_LANG_LEN]; /* languages = da en ar (required, known codes) */
	int nlangs;
	char default_lang[CONFIG_LANG_LEN];          /* default_language = da (one of languages; default: first) */
	char time_zone[64];                          /* time_zone = Europe/Copenhagen (required) */
	char help_desk[96];                          /* help_desk = where staff can be found (optional): in every
							language without its own help_desk.<code> */
	struct config_lang_text help_desk_in[CONFIG_MAX_LANGS]; /* help_desk.da = the same in one language */
	int nhelp_desk_in;
	char services[256];                          /* services = the services file (JSON); relative to this file; "" = no queue tickets */
	char status_url[CONFIG_LINK_LEN];               /* status_url = a page showing a ticket's place in the queue, with {number} and {day}; "" = none */
	int kiosk_number;                            /* kiosk_number = this kiosk's number in the office, 1..kiosks_in_office (default 1) */
	int kiosks_in_office;                        /* kiosks_in_office = how many kiosks issue numbers here, 1..9 (default 1) */

	/* [panel] */
	int width_px, height_px;                     /* the panel's native pixels, 240..8192 (required) */
	double width_mm, height_mm;                  /* the visible area in millimetres, 40..2000 (required) */
	int rotation;                                /* 0, 90, 180 or 270 (default 0) */

	/* [session] */
	int idle_timeout_s;                          /* no touch for this long shows the warning, 10..3600 (default 60) */
	int idle_warning_s;                          /* the warning counts down this long, 10..600 (default 30) */

	/* [printer] */
	char printer[256];                           /* destination = a CUPS queue name or an ipp:// URI; "" = no printer */
	char paper[16];                              /* paper = receipt80, receipt58, a4 or letter (default receipt80) */
	int job_timeout_s;                           /* job_timeout_s = a ticket not printed by then is cancelled, 5..600 (default 60) */

	/* [store] */
	char data_dir[256];                          /* where the kiosk keeps its state (required, absolute) */

	/* [server] */
	char server_url[256];                        /* url = the central server's base URL; "" = none: the kiosk works alone */
	char server_ca_file[256];                    /* ca_file = the CA bundle that verifies the server; "" = the system's */
	char server_client_cert[256];                /* client_cert = a PEM certificate for mutual TLS; "" = none */
	char server_client_key[256];                 /* client_key = its private key; set with client_cert or not at all */
	int heartbeat_s;                             /* heartbeat_s = seconds between health reports, 10..3600 (default 60) */

	/* [booking] */
	char booking_phone[40];                      /* phone = the office's number for booking by phone ("" = none) */
	char booking_web[96];                        /* web = where to book online, as printed ("" = none) */
	int retention_days;                          /* retention_days = contact details are deleted this long after
							the appointment's day, 0..365 (default 30) */

	/* [guides] */
	char guide_schemes[96];                      /* schemes = the digital-ID schemes whose guides visitors see, in
							this order ("mitid", "mitid bankid"); "" = none */
	char guide_help_service[24];                 /* help_service = the service (id) of the digital-help desk: its
							queue numbers and bookings end a guide with a person */

	/* Line numbers of some keys, so later checks that need I/O can point at them. */
	int line_languages;
	int line_time_zone;
	int line_data_dir;
	int line_services;
	int line_kiosk_number;
	int line_server_url;
};

struct config_problem {
	int line;      /* 1-based; 0 when the problem is about the whole file */
	char msg[200]; /* translated, without the line number */
};

struct config_report {
	struct config_problem item[CONFIG_MAX_PROBLEMS];
	int count;     /* problems recorded (at most CONFIG_MAX_PROBLEMS) */
	int dropped;   /* problems beyond the cap, counted but not recorded */
};

/* Fills defaults for the optional keys and clears the rest. */
void config_defaults(struct config *cfg);

/* Parses text; returns KIOSK_OK when there is no problem, KIOSK_ERR_INVALID otherwise
 * (rep then lists them all, in line order, whole-file ones at line 0 last).
 * tr translates messages; NULL means English. rep is cleared first. On failure
 * cfg is partly filled and must not be used. Reentrant: any thread. */
enum kiosk_err config_parse(const char *text, size_t len, const struct i18n_catalog *tr, struct config *cfg,
			    struct config_report *rep);

/* Reads path and parses it; a missing or unreadable file is one problem at line 0:
 * KIOSK_ERR_NOT_FOUND when it does not exist, KIOSK_ERR_IO when it cannot be read
 * (or is a directory), KIOSK_ERR_INVALID when it is over 64 KiB or has problems. */
enum kiosk_err config_load(const char *path, const struct i18n_catalog *tr, struct config *cfg,
			   struct config_report *rep);

/* Adds a problem (printf-style, fmt is the English msgid, translated through tr);
 * beyond CONFIG_MAX_PROBLEMS it is only counted in dropped. Messages start in
 * lower case, end without a period and carry no line number of their own. */
void config_report_add(struct config_report *rep, const struct i18n_catalog *tr, int line, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/* The index of lang in cfg->langs, or -1 (also for NULL). */
int config_lang_index(const struct config *cfg, const char *lang);

/* Where staff can be found, in language lang (a code): its help_desk.<lang>,
 * else help_desk; "" when the site names no place. */
const char *config_help_desk(const struct config *cfg, const char *lang);

#endif
