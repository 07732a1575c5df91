/*
 * A content bundle: a folder of files sent as one JSON document
 * (GET /v1/content/guides, docs/protocol.md):
 *
 *   {"version": "3f2a…", "files": [{"path": "mitid/scheme.txt", "text": "…"},
 *                                  {"path": "images/x.png", "base64": "…"}]}
 *
 * The server builds it from a folder, the kiosk parses it and writes it into
 * a folder of its own; both use the rules here, so the server never sends
 * what a kiosk would refuse. A path is relative: 1 to 3 parts of
 * [a-z0-9._-] joined by "/", no part empty or starting with a dot (so no
 * "." or "..", and the kiosk's own dot files cannot be overwritten), at
 * most 127 bytes. Caps: 512 files, 1 MiB each and 16 MiB in all (decoded),
 * 24 MiB of JSON. Problems are English, for logs and events.
 * Pure: bytes in, bytes out. Any thread.
 */
#ifndef KIOSK_CONTENT_BUNDLE_H
#define KIOSK_CONTENT_BUNDLE_H

#include <stdbool.h>
#include <stddef.h>

#include "kiosk/error.h"

#define CONTENT_BUNDLE_FILES_MAX 512
#define CONTENT_BUNDLE_FILE_MAX (1024 * 1024)	    /* one file, decoded */
#define CONTENT_BUNDLE_TOTAL_MAX (16 * 1024 * 1024) /* every file, decoded */
#define CONTENT_BUNDLE_BODY_MAX (24 * 1024 * 1024)  /* the document (base64 is 4/3 of the bytes) */
#define CONTENT_BUNDLE_PATH_MAX 128		    /* with the NUL */
#define CONTENT_BUNDLE_DEPTH_MAX 3		    /* parts of a path */
#define CONTENT_BUNDLE_VERSION_MAX 65		    /* [A-Za-z0-9._-], 1 to 64, with the NUL */

struct content_file {
	char *path;
	unsigned char *data; /* len bytes, plus a NUL not counted */
	size_t len;
};

struct content_bundle {
	char version[CONTENT_BUNDLE_VERSION_MAX];
	struct content_file *files; /* sorted by path once checked */
	int nfiles;
	size_t total; /* bytes of every file */
};

/* Whether path follows the rules above; why (English) says what is wrong. */
bool content_bundle_path_ok(const char *path, char *why, size_t cap);

void content_bundle_init(struct content_bundle *b);
/* Frees every file. NULL-safe. */
void content_bundle_fini(struct content_bundle *b);
/* Adds a copy of data[0..len) as path, within the caps. KIOSK_ERR_INVALID
 * (why says) for a bad path or a cap passed, KIOSK_ERR_NOMEM. */
enum kiosk_err content_bundle_add(struct content_bundle *b, const char *path, const void *data, size_t len, char *why,
				  size_t cap);
/* Sorts the files by path; KIOSK_ERR_INVALID for none at all, a path given
 * twice, or a path that is also another's folder ("a" and "a/b"). */
enum kiosk_err content_bundle_check(struct content_bundle *b, char *why, size_t cap);

/* Parses and checks a whole document into *out (initialised here; the
 * caller's to fini either way). KIOSK_ERR_PARSE for JSON that is not a
 * bundle, KIOSK_ERR_INVALID for a rule broken, KIOSK_ERR_NOMEM. */
enum kiosk_err content_bundle_parse(const char *json, size_t len, struct content_bundle *out, char *why, size_t cap);

/* The "files" array of a checked bundle as compact JSON (malloc'd, the
 * caller's; *len without the NUL): a file that is UTF-8 without NUL as
 * "text", anything else as "base64". The same files give the same bytes,
 * so a hash of it can be the version. NULL when out of memory. */
char *content_bundle_files_json(const struct content_bundle *b, size_t *len);
/* The whole document with this version (as content_bundle_files_json). */
char *content_bundle_json(const struct content_bundle *b, const char *version, size_t *len);

/* Base64 (RFC 4648, with padding), exposed for the tests. encode: out
 * holds 4 * ((len + 2) / 3) + 1 bytes. decode: false for anything but
 * canonical base64; out holds len / 4 * 3 bytes. */
void content_base64_encode(const unsigned char *in, size_t len, char *out);
bool content_base64_decode(const char *in, size_t len, unsigned char *out, size_t *out_len);

#endif
