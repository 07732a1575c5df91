/*
 * The site data the central server sends (GET /v1/config, docs/protocol.md):
 * the office's name, time zone, languages and services. A payload is checked
 * completely before anything changes; the kiosk keeps its last good copy when
 * one is refused. Pure: JSON text in, config and services out. Any thread.
 */
#ifndef KIOSK_SITE_PAYLOAD_H
#define KIOSK_SITE_PAYLOAD_H

#include <stddef.h>

#include "kiosk/config.h"
#include "kiosk/error.h"
#include "kiosk/services.h"

struct i18n_catalog;

/* Payloads larger than this are refused unread: site data is a few KiB. */
#define SITE_PAYLOAD_MAX (256 * 1024)

/* Parses json into *out (a copy of base with the site's settings replaced:
 * the panel, printer, store and server settings stay the technician's) and
 * *sv (the services, for out's languages). available lists the languages the
 * kiosk has translations for (count n); each site language must be one of
 * them. Every problem goes to rep, in the technician's language (tr).
 * KIOSK_OK, or KIOSK_ERR_INVALID with out and sv unusable (sv emptied). */
enum kiosk_err site_payload_parse(const char *json, size_t len, const struct config *base,
				  const char *const *available, int n, const struct i18n_catalog *tr,
				  struct config *out, struct services *sv, struct config_report *rep);

#endif
