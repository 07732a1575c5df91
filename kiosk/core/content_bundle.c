/*
 * DESIGN: content_bundle, a folder of files as one JSON document.
 *
 * What it is: the rules a bundle's paths and sizes follow, its parser (the
 * kiosk: everything is checked before a byte reaches the disk) and its
 * writer (the server: the files in path order, so the same folder always
 * gives the same bytes and the same ETag). Text files travel as JSON
 * strings, so a technician can read a bundle; anything else as base64.
 * What it is not: reading or writing folders (kiosk-central's
 * content_guides.c, the kiosk's uplink_guides.c), or what the files mean
 * (guide_library_load checks that, on both sides).
 * Threading: pure; any thread.
 */
#include "kiosk/content_bundle.h"

#include <jansson.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void say(char *why, size_t cap, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void say(char *why, size_t cap, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(why, cap, fmt, ap);
	va_end(ap);
}

/* A path from the server as it can go into a message: printable ASCII, cut. */
static void shown(const char *path, char out[64])
{
	size_t n = 0;
	for (; path[n] && n < 60; n++)
		out[n] = path[n] >= 0x20 && path[n] < 0x7f && path[n] != '"' ? path[n] : '?';
	out[n] = '\0';
}

bool content_bundle_path_ok(const char *path, char *why, size_t cap)
{
	size_t len = strlen(path);
	int parts = 1;
	char s[64];
	shown(path, s);
	if (len == 0) {
		say(why, cap, "a file has an empty path");
		return false;
	}
	if (len >= CONTENT_BUNDLE_PATH_MAX) {
		say(why, cap, "the path \"%s...\" is over %d bytes", s, CONTENT_BUNDLE_PATH_MAX - 1);
		return false;
	}
	if (strspn(path, "abcdefghijklmnopqrstuvwxyz0123456789._-/") != len) {
		say(why, cap, "the path \"%s\" has a character other than a-z, 0-9, '.', '_', '-' and '/'", s);
		return false;
	}
	if (path[0] == '/') {
		say(why, cap, "the path \"%s\" is absolute", s);
		return false;
	}
	for (const char *p = path; *p; p++) {
		if (*p == '/')
			parts++;
		bool starts = p == path || p[-1] == '/';
		if (starts && *p == '/') {
			say(why, cap, "the path \"%s\" has an empty part", s);
			return false;
		}
		if (starts && *p == '.') {
			say(why, cap, "a part of the path \"%s\" starts with a dot (\".\", \"..\" or a hidden file)",
			    s);
			return false;
		}
	}
	if (path[len - 1] == '/') {
		say(why, cap, "the path \"%s\" has an empty part", s);
		return false;
	}
	if (parts > CONTENT_BUNDLE_DEPTH_MAX) {
		say(why, cap, "the path \"%s\" has over %d parts", s, CONTENT_BUNDLE_DEPTH_MAX);
		return false;
	}
	return true;
}

void content_bundle_init(struct content_bundle *b)
{
	memset(b, 0, sizeof *b);
}

void content_bundle_fini(struct content_bundle *b)
{
	if (!b)
		return;
	for (int i = 0; i < b->nfiles; i++) {
		free(b->files[i].path);
		free(b->files[i].data);
	}
	free(b->files);
	content_bundle_init(b);
}

/* Takes data (malloc'd, len bytes plus a NUL) whatever happens. */
static enum kiosk_err take(struct content_bundle *b, const char *path, unsigned char *data, size_t len, char *why,
			   size_t cap)
{
	char s[64];
	shown(path, s);
	enum kiosk_err err = KIOSK_ERR_INVALID;
	if (!content_bundle_path_ok(path, why, cap))
		goto refuse;
	if (b->nfiles == CONTENT_BUNDLE_FILES_MAX) {
		say(why, cap, "over %d files", CONTENT_BUNDLE_FILES_MAX);
		goto refuse;
	}
	if (len > CONTENT_BUNDLE_FILE_MAX) {
		say(why, cap, "%s is over %d bytes", s, CONTENT_BUNDLE_FILE_MAX);
		goto refuse;
	}
	if (len > CONTENT_BUNDLE_TOTAL_MAX - b->total) {
		say(why, cap, "the files are over %d bytes in all", CONTENT_BUNDLE_TOTAL_MAX);
		goto refuse;
	}
	err = KIOSK_ERR_NOMEM;
	if (b->nfiles % 64 == 0) {
		struct content_file *f = realloc(b->files, (size_t)(b->nfiles + 64) * sizeof *f);
		if (!f) {
			say(why, cap, "out of memory");
			goto refuse;
		}
		b->files = f;
	}
	char *p = strdup(path);
	if (!p) {
		say(why, cap, "out of memory");
		goto refuse;
	}
	b->files[b->nfiles++] = (struct content_file){p, data, len};
	b->total += len;
	return KIOSK_OK;
refuse:
	free(data);
	return err;
}

enum kiosk_err content_bundle_add(struct content_bundle *b, const char *path, const void *data, size_t len, char *why,
				  size_t cap)
{
	unsigned char *copy = len <= CONTENT_BUNDLE_FILE_MAX ? malloc(len + 1) : NULL;
	if (copy) {
		memcpy(copy, data, len);
		copy[len] = '\0';
	} else if (len <= CONTENT_BUNDLE_FILE_MAX) {
		say(why, cap, "out of memory");
		return KIOSK_ERR_NOMEM;
	}
	return take(b, path, copy, len, why, cap); /* NULL copy: refused for its size */
}

static int by_path(const void *a, const void *b)
{
	return strcmp(((const struct content_file *)a)->path, ((const struct content_file *)b)->path);
}

enum kiosk_err content_bundle_check(struct content_bundle *b, char *why, size_t cap)
{
	if (b->nfiles == 0) {
		say(why, cap, "the bundle has no files");
		return KIOSK_ERR_INVALID;
	}
	qsort(b->files, (size_t)b->nfiles, sizeof *b->files, by_path);
	for (int i = 0; i < b->nfiles; i++) {
		const char *path = b->files[i].path;
		if (i > 0 && strcmp(path, b->files[i - 1].path) == 0) {
			say(why, cap, "the path \"%s\" is given twice", path);
			return KIOSK_ERR_INVALID;
		}
		/* Each folder on the way must not be a file too. */
		for (const char *slash = strchr(path, '/'); slash; slash = strchr(slash + 1, '/')) {
			char dir[CONTENT_BUNDLE_PATH_MAX];
			snprintf(dir, sizeof dir, "%.*s", (int)(slash - path), path);
			struct content_file key = {.path = dir};
			if (bsearch(&key, b->files, (size_t)b->nfiles, sizeof *b->files, by_path)) {
				say(why, cap, "\"%s\" is a file and the folder of \"%s\"", dir, path);
				return KIOSK_ERR_INVALID;
			}
		}
	}
	return KIOSK_OK;
}

static const char b64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

void content_base64_encode(const unsigned char *in, size_t len, char *out)
{
	size_t o = 0;
	for (size_t i = 0; i < len; i += 3) {
		unsigned v = (unsigned)in[i] << 16 | (i + 1 < len ? (unsigned)in[i + 1] << 8 : 0) |
			     (i + 2 < len ? in[i + 2] : 0);
		out[o++] = b64[v >> 18 & 63];
		out[o++] = b64[v >> 12 & 63];
		out[o++] = i + 1 < len ? b64[v >> 6 & 63] : '=';
		out[o++] = i + 2 < len ? b64[v & 63] : '=';
	}
	out[o] = '\0';
}

static int b64_value(char c)
{
	const char *p = c ? strchr(b64, c) : NULL;
	return p ? (int)(p - b64) : -1;
}

bool content_base64_decode(const char *in, size_t len, unsigned char *out, size_t *out_len)
{
	size_t o = 0;
	if (len % 4 != 0)
		return false;
	for (size_t i = 0; i < len; i += 4) {
		bool last = i + 4 == len;
		int pad = last && in[i + 3] == '=' ? (in[i + 2] == '=' ? 2 : 1) : 0;
		int v[4];
		for (int k = 0; k < 4; k++) {
			v[k] = k >= 4 - pad ? 0 : b64_value(in[i + k]);
			if (v[k] < 0)
				return false;
		}
		unsigned n = (unsigned)v[0] << 18 | (unsigned)v[1] << 12 | (unsigned)v[2] << 6 | (unsigned)v[3];
		/* Canonical: the bits the padding drops are zero. */
		if ((pad == 1 && (n & 0xff)) || (pad == 2 && (n & 0xffff)))
			return false;
		out[o++] = (unsigned char)(n >> 16);
		if (pad < 2)
			out[o++] = (unsigned char)(n >> 8);
		if (pad < 1)
			out[o++] = (unsigned char)n;
	}
	*out_len = o;
	return true;
}

/* One entry of "files" into b. */
static enum kiosk_err parse_file(json_t *f, int i, struct content_bundle *b, char *why, size_t cap)
{
	const char *path = json_string_value(json_object_get(f, "path"));
	json_t *text = json_object_get(f, "text"), *base64 = json_object_get(f, "base64");
	if (!json_is_object(f) || !path || !text == !base64 || (text && !json_is_string(text)) ||
	    (base64 && !json_is_string(base64))) {
		say(why, cap, "files[%d] is not {\"path\": string, and \"text\" or \"base64\": string}", i);
		return KIOSK_ERR_PARSE;
	}
	const char *s = json_string_value(text ? text : base64);
	size_t n = json_string_length(text ? text : base64);
	size_t len = text ? n : n / 4 * 3;
	unsigned char *data = len <= CONTENT_BUNDLE_FILE_MAX + 2 ? malloc(len + 1) : NULL;
	if (!data && len <= CONTENT_BUNDLE_FILE_MAX + 2) {
		say(why, cap, "out of memory");
		return KIOSK_ERR_NOMEM;
	}
	if (data && text) {
		memcpy(data, s, n);
	} else if (data && !content_base64_decode(s, n, data, &len)) {
		char p[64];
		shown(path, p);
		free(data);
		say(why, cap, "the base64 of %s is broken", p);
		return KIOSK_ERR_PARSE;
	}
	if (data)
		data[len] = '\0';
	return take(b, path, data, len, why, cap); /* NULL data: refused for its size */
}

static bool version_ok(const char *v)
{
	size_t n = v ? strlen(v) : 0;
	return n > 0 && n < CONTENT_BUNDLE_VERSION_MAX &&
	       strspn(v, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._-") == n;
}

enum kiosk_err content_bundle_parse(const char *json, size_t len, struct content_bundle *out, char *why, size_t cap)
{
	content_bundle_init(out);
	if (len > CONTENT_BUNDLE_BODY_MAX) {
		say(why, cap, "the bundle is over %d bytes", CONTENT_BUNDLE_BODY_MAX);
		return KIOSK_ERR_INVALID;
	}
	json_error_t jerr;
	json_t *doc = json_loadb(json, len, JSON_REJECT_DUPLICATES, &jerr);
	if (!doc) {
		say(why, cap, "the bundle is not valid JSON (line %d, column %d): %s", jerr.line, jerr.column,
		    jerr.text);
		return KIOSK_ERR_PARSE;
	}
	enum kiosk_err err = KIOSK_ERR_PARSE;
	const char *version = json_string_value(json_object_get(doc, "version"));
	json_t *files = json_object_get(doc, "files");
	if (!json_is_object(doc) || !json_is_array(files)) {
		say(why, cap, "the bundle is not {\"version\": string, \"files\": [...]}");
	} else if (!version_ok(version)) {
		say(why, cap, "the bundle's version is not 1 to %d of A-Z, a-z, 0-9, '.', '_' and '-'",
		    CONTENT_BUNDLE_VERSION_MAX - 1);
		err = KIOSK_ERR_INVALID;
	} else {
		snprintf(out->version, sizeof out->version, "%s", version);
		err = KIOSK_OK;
		for (size_t i = 0; i < json_array_size(files) && err == KIOSK_OK; i++)
			err = parse_file(json_array_get(files, i), (int)i, out, why, cap);
		if (err == KIOSK_OK)
			err = content_bundle_check(out, why, cap);
	}
	json_decref(doc);
	return err;
}

static json_t *file_json(const struct content_file *f)
{
	json_t *o = json_object();
	json_t *text = memchr(f->data, '\0', f->len) ? NULL : json_stringn((const char *)f->data, f->len);
	json_object_set_new(o, "path", json_string(f->path));
	if (text) {
		json_object_set_new(o, "text", text);
	} else { /* not UTF-8, or a NUL in it */
		char *enc = malloc(4 * ((f->len + 2) / 3) + 1);
		if (enc) {
			content_base64_encode(f->data, f->len, enc);
			json_object_set_new(o, "base64", json_string(enc));
		}
		free(enc);
	}
	return o;
}

static char *dump(json_t *doc, size_t *len)
{
	char *s = doc ? json_dumps(doc, JSON_COMPACT | JSON_PRESERVE_ORDER) : NULL;
	json_decref(doc);
	*len = s ? strlen(s) : 0;
	return s;
}

static json_t *files_array(const struct content_bundle *b)
{
	json_t *a = json_array();
	for (int i = 0; a && i < b->nfiles; i++) {
		json_t *f = file_json(&b->files[i]);
		if (!f || json_object_size(f) != 2 || json_array_append_new(a, f) != 0) {
			json_decref(a);
			return NULL;
		}
	}
	return a;
}

char *content_bundle_files_json(const struct content_bundle *b, size_t *len)
{
	return dump(files_array(b), len);
}

char *content_bundle_json(const struct content_bundle *b, const char *version, size_t *len)
{
	json_t *doc = json_object();
	/* A failed set_new has dropped its value: doc holds or freed everything. */
	if (!doc || json_object_set_new(doc, "version", json_string(version)) != 0 ||
	    json_object_set_new(doc, "files", files_array(b)) != 0) {
		json_decref(doc);
		*len = 0;
		return NULL;
	}
	return dump(doc, len);
}
