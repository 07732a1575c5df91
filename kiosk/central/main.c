/*
 * DESIGN: kiosk-central, the reference central server (docs/protocol.md).
 *
 * What it is: the command line, start-up in one line of steps with one
 * cleanup path, and the wait for SIGTERM or SIGINT. Two modes:
 *   kiosk-central --listen HOST:PORT --data DIR --office ID=SITE.ini [...]
 *   kiosk-central --data DIR --new-token OFFICE
 * The serving mode prints exactly one line on stdout once it accepts
 * requests, "listening on http://HOST:PORT" (https with --tls-cert), with the
 * real port when PORT is 0. Everything else goes to stderr.
 * What it is not: any endpoint (http.c runs the daemon, routes.c dispatches).
 * Threading: main blocks SIGTERM/SIGINT before any thread exists, so every
 * thread inherits the mask and the signal is taken only by main's wait;
 * MHD runs its listening thread and one thread per connection (http.c).
 * Main's wait times out hourly to run the retention purge of bookings'
 * contact details (bookings.c); it also runs once at start.
 * Shutdown: wake sleeping test faults, stop MHD (joins its threads), close
 * the database, exit 0.
 */
#include <errno.h>
#include <getopt.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "auth.h"
#include "bookings.h"
#include "central.h"
#include "content_guides.h"
#include "db.h"
#include "faults.h"
#include "http.h"
#include "site.h"
#include "tls.h"

#ifndef KIOSK_ASSETS_DIR
#define KIOSK_ASSETS_DIR "assets"
#endif

#define OFFICES_MAX 64
#define PURGE_EVERY_S 3600

struct options {
	const char *listen, *data, *new_token, *tls_cert, *tls_key, *client_ca, *assets, *guides, *desk_token;
	const char *offices[OFFICES_MAX];
	int noffices;
	bool test_faults;
};

static void usage(FILE *to)
{
	fprintf(
	    to,
	    "usage: kiosk-central --listen HOST:PORT --data DIR --office ID=SITE.ini [--office ...]\n"
	    "                     [--tls-cert FILE --tls-key FILE [--client-ca FILE]] [--assets DIR] [--guides DIR]\n"
	    "                     [--desk-token TOKEN] [--test-faults]\n"
	    "       kiosk-central --data DIR --new-token OFFICE\n"
	    "PORT 0 picks a free port; the line \"listening on URL\" on stdout gives it.\n"
	    "--guides DIR: the digital-ID guides kiosks download (default: ASSETS/guides).\n"
	    "--new-token prints a one-time enrolment token (24 hours) for office OFFICE.\n");
}

/* 0 when fine, 2 for a usage error (already reported), -1 for --help. */
static int parse(int argc, char **argv, struct options *o)
{
	enum {
		O_LISTEN = 1,
		O_DATA,
		O_OFFICE,
		O_NEW_TOKEN,
		O_CERT,
		O_KEY,
		O_CA,
		O_ASSETS,
		O_GUIDES,
		O_DESK,
		O_FAULTS,
		O_HELP
	};
	static const struct option longs[] = {
	    {"listen", required_argument, NULL, O_LISTEN},
	    {"data", required_argument, NULL, O_DATA},
	    {"office", required_argument, NULL, O_OFFICE},
	    {"new-token", required_argument, NULL, O_NEW_TOKEN},
	    {"tls-cert", required_argument, NULL, O_CERT},
	    {"tls-key", required_argument, NULL, O_KEY},
	    {"client-ca", required_argument, NULL, O_CA},
	    {"assets", required_argument, NULL, O_ASSETS},
	    {"guides", required_argument, NULL, O_GUIDES},
	    {"desk-token", required_argument, NULL, O_DESK},
	    {"test-faults", no_argument, NULL, O_FAULTS},
	    {"help", no_argument, NULL, O_HELP},
	    {NULL, 0, NULL, 0},
	};
	memset(o, 0, sizeof *o);
	o->assets = KIOSK_ASSETS_DIR;
	int c;
	while ((c = getopt_long(argc, argv, "", longs, NULL)) != -1) {
		switch (c) {
		case O_LISTEN:
			o->listen = optarg;
			break;
		case O_DATA:
			o->data = optarg;
			break;
		case O_NEW_TOKEN:
			o->new_token = optarg;
			break;
		case O_CERT:
			o->tls_cert = optarg;
			break;
		case O_KEY:
			o->tls_key = optarg;
			break;
		case O_CA:
			o->client_ca = optarg;
			break;
		case O_ASSETS:
			o->assets = optarg;
			break;
		case O_GUIDES:
			o->guides = optarg;
			break;
		case O_DESK:
			o->desk_token = optarg;
			break;
		case O_FAULTS:
			o->test_faults = true;
			break;
		case O_HELP:
			return -1;
		case O_OFFICE:
			if (o->noffices == OFFICES_MAX) {
				fprintf(stderr, "kiosk-central: at most %d offices\n", OFFICES_MAX);
				return 2;
			}
			o->offices[o->noffices++] = optarg;
			break;
		default:
			return 2;
		}
	}
	const char *wrong = NULL;
	if (optind < argc)
		wrong = "unexpected arguments";
	else if (!o->data)
		wrong = "--data DIR is required";
	else if (o->new_token && !site_id_valid(o->new_token))
		wrong = "the office id of --new-token must be 1 to 48 of a-z, 0-9 and -";
	else if (!o->new_token && (!o->listen || o->noffices == 0))
		wrong = "--listen and at least one --office are required";
	else if (!o->tls_cert != !o->tls_key)
		wrong = "--tls-cert and --tls-key go together";
	else if (o->client_ca && !o->tls_cert)
		wrong = "--client-ca needs --tls-cert and --tls-key";
	else if (o->desk_token && strlen(o->desk_token) < 16)
		wrong = "--desk-token must be at least 16 characters";
	if (wrong) {
		fprintf(stderr, "kiosk-central: %s\n", wrong);
		usage(stderr);
		return 2;
	}
	return 0;
}

static int new_token(const struct options *o)
{
	struct db *db = NULL;
	char token[AUTH_TOKEN_LEN + 1];
	if (db_open(o->data, &db) != KIOSK_OK)
		return 1;
	enum kiosk_err err = auth_new_token(db, o->new_token, token, sizeof token);
	db_close(db);
	if (err != KIOSK_OK) {
		fprintf(stderr, "kiosk-central: no token made: %s\n", kiosk_err_str(err));
		return 1;
	}
	printf("%s\n", token);
	return fflush(stdout) == 0 ? 0 : 1;
}

static int serve(const struct options *o)
{
	int status = 1;
	struct central c = {.assets = o->assets, .desk_token = o->desk_token};
	struct tls *tls = NULL;
	struct http *http = NULL;
	unsigned port = 0;
	sigset_t stop;
	sigemptyset(&stop);
	sigaddset(&stop, SIGTERM);
	sigaddset(&stop, SIGINT);
	pthread_sigmask(SIG_BLOCK, &stop, NULL);
	signal(SIGPIPE, SIG_IGN);

	c.offices = calloc((size_t)o->noffices, sizeof *c.offices);
	if (!c.offices)
		goto out;
	for (; c.noffices < o->noffices; c.noffices++) {
		if (site_load(&c.offices[c.noffices], o->offices[c.noffices]) != KIOSK_OK)
			goto out;
		if (site_find(&c, c.offices[c.noffices].id)) {
			fprintf(stderr, "kiosk-central: office \"%s\" is given twice\n", c.offices[c.noffices].id);
			site_fini(&c.offices[c.noffices]);
			goto out;
		}
	}
	if (db_open(o->data, &c.db) != KIOSK_OK)
		goto out;
	char guides[4096];
	snprintf(guides, sizeof guides, "%s/guides", o->assets);
	c.guides = guides_cache_create(o->guides ? o->guides : guides);
	if (!c.guides)
		goto out;
	if (o->test_faults) {
		c.faults = faults_create();
		if (!c.faults)
			goto out;
	}
	if (o->tls_cert && tls_load(o->tls_cert, o->tls_key, o->client_ca, &tls) != KIOSK_OK)
		goto out;
	if (bookings_purge(&c, db_now_ms()) < 0 || http_start(&c, o->listen, tls, &http, &port) != KIOSK_OK)
		goto out;

	int host_len = (int)(strrchr(o->listen, ':') - o->listen);
	printf("listening on %s://%.*s:%u\n", tls ? "https" : "http", host_len, o->listen, port);
	fflush(stdout);
	fprintf(stderr, "kiosk-central: %d office(s), data in %s%s%s\n", c.noffices, o->data,
		c.faults ? ", test faults enabled" : "", o->client_ca ? ", client certificates required" : "");
	int sig;
	const struct timespec hour = {.tv_sec = PURGE_EVERY_S};
	while ((sig = sigtimedwait(&stop, NULL, &hour)) < 0) {
		if (errno == EAGAIN)
			bookings_purge(&c, db_now_ms());
	}
	fprintf(stderr, "kiosk-central: %s, stopping\n", sig == SIGINT ? "SIGINT" : "SIGTERM");
	status = 0;
out:
	faults_wake(c.faults);
	http_stop(http);
	tls_destroy(tls);
	faults_destroy(c.faults);
	guides_cache_destroy(c.guides);
	db_close(c.db);
	for (int i = 0; i < c.noffices; i++)
		site_fini(&c.offices[i]);
	free(c.offices);
	return status;
}

int main(int argc, char **argv)
{
	struct options o;
	int rc = parse(argc, argv, &o);
	if (rc < 0) {
		usage(stdout);
		return 0;
	}
	if (rc != 0)
		return rc;
	return o.new_token ? new_token(&o) : serve(&o);
}
