/*
 * DESIGN: enrol, the technician's kiosk --enrol TOKEN.
 *
 * What it is: read the configuration, POST {token, name, version} to
 * <url>/v1/enrol with the same curl options as the uplink (verified TLS,
 * timeouts, client certificate), check the 201 reply, and write
 * credentials.json the way a power cut cannot half-do (fileio.c: a new file
 * created O_EXCL with mode 0600, synced, renamed over the old one, then the
 * folder synced). A running uplink notices the new file by its mtime.
 * What it is not: part of the kiosk's event loop; it blocks, on purpose,
 * in a command a person runs and waits for. It prints the outcome as one
 * translated line (the same catalog as --check-config) and never the secret.
 * Threading: the main thread of its own process.
 */
#include "enrol.h"

#include <curl/curl.h>
#include <errno.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fileio.h"
#include "kiosk/config.h"
#include "kiosk/i18n.h"
#include "sitecheck.h"
#include "uplink_http.h"
#include "uplink_wire.h"

/* Writes text to dir/credentials.json atomically, mode 0600; errno on failure. */
static int save_credentials(const char *dir, const char *text)
{
	char path[320];
	snprintf(path, sizeof(path), "%s/credentials.json", dir);
	if (file_make_dirs(dir) != KIOSK_OK)
		return -1;
	return file_write_atomic(path, text, strlen(text), 0600) == KIOSK_OK ? 0 : -1;
}

static char *request_body(const struct enrol_opts *o, const struct config *cfg)
{
	json_t *req = json_pack("{s:s,s:s,s:s}", "token", o->token, "name", cfg->site_name, "version", o->version);
	char *text = req ? json_dumps(req, JSON_COMPACT) : NULL;
	json_decref(req);
	return text;
}

/* Sends the request; the reply is in t. Returns curl's result. */
static CURLcode post_enrol(struct uplink_transfer *t, const char *url, const struct config *cfg, const char *body,
			   const char *version)
{
	struct uplink_tls tls;
	snprintf(tls.ca_file, sizeof(tls.ca_file), "%s", cfg->server_ca_file);
	snprintf(tls.client_cert, sizeof(tls.client_cert), "%s", cfg->server_client_cert);
	snprintf(tls.client_key, sizeof(tls.client_key), "%s", cfg->server_client_key);
	struct curl_slist *h = curl_slist_append(NULL, "Content-Type: application/json");
	struct curl_slist *all = h ? curl_slist_append(h, "Kiosk-Protocol: 1") : NULL;
	all = all ? curl_slist_append(all, "Accept: application/json") : NULL;
	if (!all) {
		curl_slist_free_all(h);
		return CURLE_OUT_OF_MEMORY;
	}
	uplink_http_setup(t->easy, t, url, &tls, version);
	curl_easy_setopt(t->easy, CURLOPT_HTTPHEADER, all);
	curl_easy_setopt(t->easy, CURLOPT_POSTFIELDS, body);
	curl_easy_setopt(t->easy, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)strlen(body));
	CURLcode res = curl_easy_perform(t->easy);
	curl_slist_free_all(all);
	return res;
}

/* Checks the 201 reply and saves it; prints the outcome. */
static int accept_reply(const struct i18n_catalog *tr, struct uplink_transfer *t, const char *dir)
{
	struct uplink_credentials c;
	if (uplink_parse_credentials(t->reply, t->reply_len, &c) != KIOSK_OK) {
		fprintf(stderr, "kiosk: %s\n",
			i18n_get(tr, "the server's reply is not a valid enrolment; nothing was saved"));
		return 1;
	}
	json_t *doc = json_pack("{s:s,s:s,s:s}", "kiosk_id", c.kiosk_id, "office", c.office, "secret", c.secret);
	char *text = doc ? json_dumps(doc, JSON_COMPACT) : NULL;
	json_decref(doc);
	explicit_bzero(&c.secret, sizeof(c.secret));
	char path[320];
	snprintf(path, sizeof(path), "%s/credentials.json", dir);
	int rc = text ? save_credentials(dir, text) : (errno = ENOMEM, -1);
	int e = errno;
	if (text) {
		explicit_bzero(text, strlen(text));
		free(text);
	}
	if (rc != 0) {
		fprintf(stderr, "kiosk: ");
		fprintf(stderr, i18n_get(tr, "cannot save %s: %s"), path, strerror(e));
		fprintf(stderr, "\n");
		return 1;
	}
	printf(i18n_get(tr, "enrolled as kiosk %s of office %s; the credentials are in %s"), c.kiosk_id, c.office,
	       path);
	printf("\n");
	return 0;
}

static int enrol_with(const struct enrol_opts *o, const struct i18n_catalog *tr, const struct config *cfg)
{
	const char *dir = o->data_dir ? o->data_dir : cfg->data_dir;
	char url[300];
	if (!cfg->server_url[0]) {
		fprintf(stderr, "%s: %s\n", o->config_path,
			i18n_get(tr, "[server] url is not set: give the central server's address before enrolling"));
		return 1;
	}
	char *body = request_body(o, cfg);
	struct uplink_transfer t;
	if (!body || !uplink_join_url(url, sizeof(url), cfg->server_url, "/v1/enrol") ||
	    uplink_transfer_init(&t) != KIOSK_OK) {
		free(body);
		fprintf(stderr, "kiosk: %s\n", kiosk_err_str(KIOSK_ERR_NOMEM));
		return 1;
	}
	CURLcode res = post_enrol(&t, url, cfg, body, o->version);
	free(body);
	long status = res == CURLE_OK ? uplink_transfer_status(&t) : 0;
	char code[64] = "", msg[200] = "";
	int rc = 1;
	if (res != CURLE_OK) {
		fprintf(stderr, "kiosk: ");
		fprintf(stderr, i18n_get(tr, "cannot reach the server at %s: %s"), url, curl_easy_strerror(res));
		fprintf(stderr, "\n");
	} else if (status == 201) {
		rc = accept_reply(tr, &t, dir);
	} else if (status == 403) {
		fprintf(stderr, "kiosk: %s\n",
			i18n_get(tr, "the server refused the token: it is unknown, already used or expired; "
				     "ask for a new one"));
	} else {
		uplink_error_code(t.reply, t.reply_len, code, sizeof(code), msg, sizeof(msg));
		fprintf(stderr, "kiosk: ");
		fprintf(stderr, i18n_get(tr, "the server refused the enrolment (HTTP %ld): %s"), status,
			msg[0]	  ? msg
			: code[0] ? code
				  : "-");
		fprintf(stderr, "\n");
	}
	uplink_transfer_fini(&t);
	return rc;
}

int enrol_run(const struct enrol_opts *o)
{
	struct i18n_catalog *tr = site_technician_catalog(o->assets_dir);
	struct config cfg;
	struct config_report rep;
	int rc = 1;
	if (config_load(o->config_path, tr, &cfg, &rep) != KIOSK_OK) {
		site_print_report(o->config_path, &rep);
	} else if (curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK) {
		rc = enrol_with(o, tr, &cfg);
		curl_global_cleanup();
	}
	i18n_catalog_destroy(tr);
	return rc;
}
