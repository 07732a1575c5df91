/*
 * HTTPS for kiosk-central: the server's certificate and key, and optionally
 * the authority whose client certificates it requires (mutual TLS).
 * Loaded once at start; read-only afterwards, from any thread.
 */
#ifndef CENTRAL_TLS_H
#define CENTRAL_TLS_H

#include "kiosk/error.h"

struct tls;
struct MHD_OptionItem;

/* Reads the PEM files; client_ca may be NULL (no client certificate asked for). */
enum kiosk_err tls_load(const char *cert, const char *key, const char *client_ca, struct tls **out);
/* NULL-safe. */
void tls_destroy(struct tls *t);
/* Writes the daemon's TLS options into items (at most cap); returns how many. */
int tls_options(const struct tls *t, struct MHD_OptionItem *items, int cap);

#endif
