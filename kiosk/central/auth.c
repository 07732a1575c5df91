/*
 * DESIGN: auth, enrolment and bearer secrets.
 *
 * What it is: one-time enrolment tokens (made by --new-token, 60 random bits
 * as "XXXX-XXXX-XXXX" in Crockford's base32, valid 24 hours, one use), the
 * enrolment that trades one for a kiosk id and a secret (32 bytes from
 * getrandom, base64url), and the bearer checks. Only SHA-256 hashes of
 * tokens and secrets are stored, so the database alone lets no one in; a
 * presented secret's hash is compared with every enrolled kiosk's in
 * constant time (an office has a handful of kiosks, a city a few hundred).
 * Secrets and tokens are never logged; the secret is wiped after the reply
 * is built.
 * What it is not: TLS client certificates (tls.c).
 * Threading: any connection thread; database work under the db lock.
 */
#include "auth.h"

#include <errno.h>
#include <gnutls/crypto.h>
#include <jansson.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <sys/random.h>

#include "central.h"
#include "db.h"
#include "http.h"
#include "site.h"

#define SECRET_BYTES 32
#define SECRET_LEN 43 /* base64url of 32 bytes, unpadded */

static const char crockford[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
static const char b64url[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

bool auth_random(void *out, size_t n)
{
	unsigned char *buf = out;
	size_t got = 0;
	while (got < n) {
		ssize_t r = getrandom(buf + got, n - got, 0);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			return false;
		got += (size_t)r;
	}
	return true;
}

void auth_hash_hex(const void *data, size_t len, char out[65])
{
	unsigned char h[32];
	gnutls_hash_fast(GNUTLS_DIG_SHA256, data, len, h);
	for (int i = 0; i < 32; i++)
		snprintf(out + 2 * i, 3, "%02x", h[i]);
}

static bool equal_ct(const unsigned char *a, const unsigned char *b, size_t n)
{
	unsigned char diff = 0;
	for (size_t i = 0; i < n; i++)
		diff |= (unsigned char)(a[i] ^ b[i]);
	return diff == 0;
}

/* The token as typed: case and dashes or spaces do not matter. Returns false
 * when it cannot be a token at all. */
static bool normalize_token(const char *in, char out[13])
{
	size_t n = 0;
	for (; *in; in++) {
		if (*in == '-' || *in == ' ')
			continue;
		char ch = (*in >= 'a' && *in <= 'z') ? (char)(*in - 'a' + 'A') : *in;
		if (n == 12 || !strchr(crockford, ch))
			return false;
		out[n++] = ch;
	}
	out[n] = '\0';
	return n == 12;
}

enum kiosk_err auth_new_token(struct db *db, const char *office, char *out, size_t cap)
{
	unsigned char rnd[12];
	char plain[13];
	if (cap < AUTH_TOKEN_LEN + 1 || !auth_random(rnd, sizeof rnd))
		return KIOSK_ERR_IO;
	for (int i = 0; i < 12; i++)
		plain[i] = crockford[rnd[i] & 31];
	plain[12] = '\0';
	snprintf(out, cap, "%.4s-%.4s-%.4s", plain, plain + 4, plain + 8);
	char hash[65];
	auth_hash_hex(plain, 12, hash);
	db_lock(db);
	int64_t now = db_now_ms();
	sqlite3_stmt *del = db_prepare(db, "DELETE FROM tokens WHERE created_ms < ?");
	if (del)
		sqlite3_bind_int64(del, 1, now - 7 * AUTH_TOKEN_TTL_MS);
	db_run(db, del);
	sqlite3_stmt *st = db_prepare(db, "INSERT INTO tokens(hash, office, created_ms) VALUES (?, ?, ?)");
	if (st) {
		sqlite3_bind_text(st, 1, hash, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(st, 2, office, -1, SQLITE_TRANSIENT);
		sqlite3_bind_int64(st, 3, now);
	}
	bool ok = db_run(db, st);
	db_unlock(db);
	return ok ? KIOSK_OK : KIOSK_ERR_IO;
}

bool auth_kiosk(struct req *q)
{
	const char *h = http_header(q, "Authorization");
	if (!h || strncasecmp(h, "Bearer ", 7) != 0)
		return false;
	const char *secret = h + 7 + strspn(h + 7, " ");
	if (strlen(secret) != SECRET_LEN || strspn(secret, b64url) != SECRET_LEN)
		return false;
	unsigned char want[32];
	gnutls_hash_fast(GNUTLS_DIG_SHA256, secret, SECRET_LEN, want);
	struct db *db = q->c->db;
	bool found = false;
	db_lock(db);
	sqlite3_stmt *st = db_prepare(db, "SELECT kiosk_id, office, secret_hash FROM kiosks");
	while (st && sqlite3_step(st) == SQLITE_ROW) {
		const void *have = sqlite3_column_blob(st, 2);
		if (sqlite3_column_bytes(st, 2) != 32 || !have)
			continue;
		/* No early exit: every kiosk's hash is compared. */
		if (equal_ct(want, have, 32) && !found) {
			found = true;
			snprintf(q->kiosk_id, sizeof q->kiosk_id, "%s", (const char *)sqlite3_column_text(st, 0));
			snprintf(q->office, sizeof q->office, "%s", (const char *)sqlite3_column_text(st, 1));
		}
	}
	sqlite3_finalize(st);
	db_unlock(db);
	return found;
}

bool auth_desk(const struct req *q)
{
	const char *want = q->c->desk_token;
	const char *h = http_header(q, "Authorization");
	if (!want || !h || strncasecmp(h, "Bearer ", 7) != 0)
		return false;
	const char *got = h + 7 + strspn(h + 7, " ");
	unsigned char a[32], b[32];
	/* Comparing hashes keeps the time independent of where the texts differ and of their lengths. */
	gnutls_hash_fast(GNUTLS_DIG_SHA256, want, strlen(want), a);
	gnutls_hash_fast(GNUTLS_DIG_SHA256, got, strlen(got), b);
	return equal_ct(a, b, 32);
}

/* "<office>-NN" not yet taken; under the db lock. */
static bool next_kiosk_id(struct db *db, const char *office, char *out, size_t cap)
{
	for (int n = 1; n < 10000; n++) {
		snprintf(out, cap, "%s-%02d", office, n);
		sqlite3_stmt *st = db_prepare(db, "SELECT 1 FROM kiosks WHERE kiosk_id = ?");
		if (!st)
			return false;
		sqlite3_bind_text(st, 1, out, -1, SQLITE_TRANSIENT);
		bool taken = sqlite3_step(st) == SQLITE_ROW;
		sqlite3_finalize(st);
		if (!taken)
			return true;
	}
	return false;
}

/* Uses the token (once) and enrols a kiosk; under the db lock, in a transaction. */
static int enrol(struct req *q, const char *token_hash, const char *name, const char *version, char *kiosk_id,
		 size_t idcap, char *office, size_t ocap, const unsigned char secret_hash[32])
{
	struct db *db = q->c->db;
	int64_t now = db_now_ms();
	sqlite3_stmt *st =
	    db_prepare(db, "SELECT office FROM tokens WHERE hash = ? AND used_ms IS NULL AND created_ms >= ?");
	if (!st)
		return 500;
	sqlite3_bind_text(st, 1, token_hash, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 2, now - AUTH_TOKEN_TTL_MS);
	bool valid = sqlite3_step(st) == SQLITE_ROW;
	if (valid)
		snprintf(office, ocap, "%s", (const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	/* A token for an office this server does not serve stays unused. */
	if (!valid || !site_find(q->c, office))
		return 403;
	st = db_prepare(db, "UPDATE tokens SET used_ms = ? WHERE hash = ?");
	if (st) {
		sqlite3_bind_int64(st, 1, now);
		sqlite3_bind_text(st, 2, token_hash, -1, SQLITE_TRANSIENT);
	}
	if (!db_run(db, st) || !next_kiosk_id(db, office, kiosk_id, idcap))
		return 500;
	st = db_prepare(db, "INSERT INTO kiosks(kiosk_id, office, secret_hash, name, version, enrolled_ms)"
			    " VALUES (?, ?, ?, ?, ?, ?)");
	if (st) {
		sqlite3_bind_text(st, 1, kiosk_id, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(st, 2, office, -1, SQLITE_TRANSIENT);
		sqlite3_bind_blob(st, 3, secret_hash, 32, SQLITE_TRANSIENT);
		sqlite3_bind_text(st, 4, name, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(st, 5, version, -1, SQLITE_TRANSIENT);
		sqlite3_bind_int64(st, 6, now);
	}
	return db_run(db, st) ? 201 : 500;
}

void auth_enrol(struct req *q, struct reply *r)
{
	json_t *doc = http_json_body(q);
	const char *token = json_string_value(json_object_get(doc, "token"));
	json_t *jname = json_object_get(doc, "name"), *jversion = json_object_get(doc, "version");
	if (!json_is_object(doc) || !token || (jname && !json_is_string(jname)) ||
	    (jversion && !json_is_string(jversion))) {
		json_decref(doc);
		reply_error(r, 400, "bad_request",
			    "the body must be {\"token\": \"...\", \"name\": \"...\", \"version\": \"...\"}");
		return;
	}
	char plain[13], hash[65], kiosk_id[72] = "", office[64] = "";
	if (!normalize_token(token, plain)) {
		json_decref(doc);
		reply_error(r, 403, "token_invalid", "the enrolment token is unknown, used or expired");
		return;
	}
	auth_hash_hex(plain, 12, hash);
	unsigned char raw[SECRET_BYTES], secret_hash[32];
	char secret[SECRET_LEN + 1];
	if (!auth_random(raw, sizeof raw)) {
		json_decref(doc);
		reply_error(r, 500, "internal", "no random numbers");
		return;
	}
	/* base64url without padding: 32 bytes = 10 groups of 3 and 2 left over. */
	size_t o = 0;
	for (size_t i = 0; i < SECRET_BYTES; i += 3) {
		uint32_t v = (uint32_t)raw[i] << 16;
		if (i + 1 < SECRET_BYTES)
			v |= (uint32_t)raw[i + 1] << 8;
		if (i + 2 < SECRET_BYTES)
			v |= raw[i + 2];
		int chars = i + 2 < SECRET_BYTES ? 4 : 3;
		for (int k = 0; k < chars; k++)
			secret[o++] = b64url[(v >> (18 - 6 * k)) & 63];
	}
	secret[o] = '\0';
	gnutls_hash_fast(GNUTLS_DIG_SHA256, secret, SECRET_LEN, secret_hash);

	struct db *db = q->c->db;
	db_lock(db);
	int status = 500;
	if (db_exec(db, "BEGIN IMMEDIATE")) {
		status = enrol(q, hash, json_string_value(jname), json_string_value(jversion), kiosk_id,
			       sizeof kiosk_id, office, sizeof office, secret_hash);
		if (status == 201 && !db_exec(db, "COMMIT"))
			status = 500;
		if (status != 201)
			db_rollback(db);
	}
	db_unlock(db);
	json_decref(doc);

	if (status == 201) {
		snprintf(q->kiosk_id, sizeof q->kiosk_id, "%s", kiosk_id);
		reply_json(r, 201,
			   json_pack("{s:s,s:s,s:s}", "kiosk_id", kiosk_id, "office", office, "secret", secret));
	} else if (status == 403) {
		reply_error(r, 403, "token_invalid", "the enrolment token is unknown, used or expired");
	} else {
		reply_error(r, 500, "internal", "the enrolment could not be stored");
	}
	explicit_bzero(secret, sizeof secret);
	explicit_bzero(raw, sizeof raw);
}
