/*
 * DESIGN: tls, the daemon's certificates.
 *
 * What it is: the PEM files read at start and handed to libmicrohttpd
 * (GnuTLS). Without a client CA, MHD takes the certificate and key as they
 * are. With one, the protocol says a server that requires a client
 * certificate refuses the handshake without it; MHD only *requests* one when
 * given a trust list, so we give it a certificate callback instead: GnuTLS
 * calls it while it reads the ClientHello, before the server asks for the
 * client's certificate, and there we make the certificate required and have
 * GnuTLS verify it against the CA during the handshake. A client without a
 * valid certificate then never gets a connection, let alone a reply.
 * What it is not: authentication of kiosks (the bearer secret does that).
 * Threading: loaded before the daemon starts; the callback reads the loaded
 * credentials from many connection threads at once and changes nothing. The
 * callback has no user pointer, so the credentials are reached through one
 * file-scope pointer, set once at load.
 */
#include "tls.h"

#include <gnutls/abstract.h>
#include <gnutls/gnutls.h>
#include <microhttpd.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CHAIN_MAX 8

struct tls {
	char *cert_pem, *key_pem, *ca_pem;
	gnutls_pcert_st chain[CHAIN_MAX];
	unsigned nchain;
	gnutls_privkey_t key;
};

/* The credentials the certificate callback serves; set once in tls_load. */
static const struct tls *served;

static char *slurp(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		fprintf(stderr, "kiosk-central: cannot read %s\n", path);
		return NULL;
	}
	size_t cap = 64 * 1024, len = 0;
	char *buf = malloc(cap + 1);
	if (buf)
		len = fread(buf, 1, cap, f);
	fclose(f);
	if (!buf || len == cap) {
		fprintf(stderr, "kiosk-central: %s is not a PEM file of at most 64 KiB\n", path);
		free(buf);
		return NULL;
	}
	buf[len] = '\0';
	return buf;
}

static int on_certificate(gnutls_session_t session, const gnutls_datum_t *req_ca_dn, int nreqs,
			  const gnutls_pk_algorithm_t *pk_algos, int pk_algos_length, gnutls_pcert_st **pcert,
			  unsigned int *pcert_length, gnutls_privkey_t *pkey)
{
	(void)req_ca_dn;
	(void)nreqs;
	(void)pk_algos;
	(void)pk_algos_length;
	gnutls_certificate_server_set_request(session, GNUTLS_CERT_REQUIRE);
	gnutls_session_set_verify_cert(session, NULL, 0);
	*pcert = (gnutls_pcert_st *)served->chain;
	*pcert_length = served->nchain;
	*pkey = served->key;
	return 0;
}

static bool load_key_pair(struct tls *t, const char *cert, const char *key)
{
	gnutls_datum_t c = {(unsigned char *)t->cert_pem, (unsigned)strlen(t->cert_pem)};
	gnutls_datum_t k = {(unsigned char *)t->key_pem, (unsigned)strlen(t->key_pem)};
	t->nchain = CHAIN_MAX;
	int rc = gnutls_pcert_list_import_x509_raw(t->chain, &t->nchain, &c, GNUTLS_X509_FMT_PEM, 0);
	if (rc < 0) {
		t->nchain = 0;
		fprintf(stderr, "kiosk-central: %s: %s\n", cert, gnutls_strerror(rc));
		return false;
	}
	rc = gnutls_privkey_init(&t->key);
	if (rc >= 0)
		rc = gnutls_privkey_import_x509_raw(t->key, &k, GNUTLS_X509_FMT_PEM, NULL, 0);
	if (rc < 0) {
		fprintf(stderr, "kiosk-central: %s: %s\n", key, gnutls_strerror(rc));
		return false;
	}
	return true;
}

enum kiosk_err tls_load(const char *cert, const char *key, const char *client_ca, struct tls **out)
{
	*out = NULL;
	struct tls *t = calloc(1, sizeof *t);
	if (!t)
		return KIOSK_ERR_NOMEM;
	t->cert_pem = slurp(cert);
	t->key_pem = t->cert_pem ? slurp(key) : NULL;
	t->ca_pem = t->key_pem && client_ca ? slurp(client_ca) : NULL;
	bool ok = t->key_pem && (!client_ca || t->ca_pem);
	if (ok && client_ca)
		ok = load_key_pair(t, cert, key);
	if (!ok) {
		tls_destroy(t);
		return KIOSK_ERR_INVALID;
	}
	if (client_ca)
		served = t;
	*out = t;
	return KIOSK_OK;
}

void tls_destroy(struct tls *t)
{
	if (!t)
		return;
	if (served == t)
		served = NULL;
	for (unsigned i = 0; i < t->nchain; i++)
		gnutls_pcert_deinit(&t->chain[i]);
	if (t->key)
		gnutls_privkey_deinit(t->key);
	free(t->cert_pem);
	if (t->key_pem)
		memset(t->key_pem, 0, strlen(t->key_pem));
	free(t->key_pem);
	free(t->ca_pem);
	free(t);
}

int tls_options(const struct tls *t, struct MHD_OptionItem *items, int cap)
{
	int n = 0;
	if (cap < 2)
		return 0;
	if (t->ca_pem) {
		items[n++] = (struct MHD_OptionItem){MHD_OPTION_HTTPS_MEM_TRUST, 0, t->ca_pem};
		items[n++] = (struct MHD_OptionItem){MHD_OPTION_HTTPS_CERT_CALLBACK, 0, (void *)on_certificate};
	} else {
		items[n++] = (struct MHD_OptionItem){MHD_OPTION_HTTPS_MEM_CERT, 0, t->cert_pem};
		items[n++] = (struct MHD_OptionItem){MHD_OPTION_HTTPS_MEM_KEY, 0, t->key_pem};
	}
	return n;
}
