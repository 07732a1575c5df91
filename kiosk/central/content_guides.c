/*
 * DESIGN: content_guides, the guides bundle kiosks download.
 *
 * What it is: GET /v1/content/guides. The server's guides folder (--guides,
 * else <assets>/guides) becomes one bundle (kiosk/core/content_bundle.c):
 * every file but dot files, in path order, its version a hash of the files
 * and its ETag "g-" and that version. It is served only when the folder
 * passes the kiosk's own checks (guide_library_load, no problem at all) and
 * the bundle rules, so the server never hands out what kiosks would refuse;
 * a broken folder is logged once and answered 503 guides_broken (the
 * kiosks keep their last good bundle and ask again at the next heartbeat).
 * The answer is cached against a signature of the folder (each file's
 * path, size, mtime and inode, from one stat per file), so the usual 304
 * reads no file. A folder that changes while it is checked is not cached
 * and answered 503 guides_changing.
 * What it is not: the format of guides (kiosk/core/guide*.c) or of the
 * bundle (content_bundle.c).
 * Threading: any connection thread. The cache has its own lock, held only
 * to compare and copy; two threads that miss at once both build, the last
 * one is kept.
 */
#include "content_guides.h"

#include <dirent.h>
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "auth.h"
#include "central.h"
#include "http.h"
#include "kiosk/content_bundle.h"
#include "kiosk/guide.h"

#define PROBLEMS_LOGGED 10

/* What GET /v1/content/guides answers for one state of the folder. */
struct answer {
	unsigned status; /* 200, or an error's */
	char *body;	 /* 200: the bundle */
	size_t len;
	char etag[48];
	char code[32], msg[300]; /* an error's */
};

struct guides_cache {
	pthread_mutex_t lock;
	char dir[4096];
	/* Under lock. */
	bool have;
	unsigned long long key; /* the folder's signature (or its error's hash) the answer is for */
	struct answer a;
};

/* The files of the folder, relative to it. */
struct listing {
	char (*path)[CONTENT_BUNDLE_PATH_MAX];
	int n;
	unsigned long long sig; /* independent of the order readdir gives */
};

static unsigned long long fnv(unsigned long long h, const void *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		h = (h ^ ((const unsigned char *)p)[i]) * 0x100000001b3ULL;
	return h;
}

static void error_answer(struct answer *a, unsigned status, const char *code, const char *msg)
{
	a->status = status;
	snprintf(a->code, sizeof a->code, "%s", code);
	snprintf(a->msg, sizeof a->msg, "%.*s", (int)sizeof a->msg - 1, msg);
}

static enum kiosk_err walk(const char *root, const char *rel, struct listing *ls, char *why, size_t cap)
{
	char dir[4096 + CONTENT_BUNDLE_PATH_MAX];
	snprintf(dir, sizeof dir, rel[0] ? "%s/%s" : "%s", root, rel);
	DIR *d = opendir(dir);
	if (!d) {
		int e = errno;
		snprintf(why, cap, "cannot read %s: %s", rel[0] ? rel : "the folder", strerror(e));
		return e == ENOENT && !rel[0] ? KIOSK_ERR_NOT_FOUND : KIOSK_ERR_IO;
	}
	enum kiosk_err err = KIOSK_OK;
	for (struct dirent *e = readdir(d); e && err == KIOSK_OK; e = readdir(d)) {
		if (e->d_name[0] == '.') /* ., .., and hidden files: .git, editors' swap files */
			continue;
		char path[CONTENT_BUNDLE_PATH_MAX + 1], full[sizeof dir + CONTENT_BUNDLE_PATH_MAX + 2];
		struct stat st;
		int n = snprintf(path, sizeof path, rel[0] ? "%s/%s" : "%s%s", rel, e->d_name);
		if (n >= (int)sizeof path || !content_bundle_path_ok(path, why, cap)) {
			if (n >= (int)sizeof path)
				snprintf(why, cap, "the path of %.60s... is over %d bytes", path,
					 CONTENT_BUNDLE_PATH_MAX - 1);
			err = KIOSK_ERR_INVALID;
		} else if (snprintf(full, sizeof full, "%s/%s", root, path) >= (int)sizeof full ||
			   stat(full, &st) != 0) {
			snprintf(why, cap, "cannot read %s: %s", path, strerror(errno));
			err = KIOSK_ERR_IO;
		} else if (S_ISDIR(st.st_mode)) {
			err = walk(root, path, ls, why, cap);
		} else if (!S_ISREG(st.st_mode)) {
			snprintf(why, cap, "%s is neither a file nor a folder", path);
			err = KIOSK_ERR_INVALID;
		} else if (ls->n == CONTENT_BUNDLE_FILES_MAX) {
			snprintf(why, cap, "over %d files", CONTENT_BUNDLE_FILES_MAX);
			err = KIOSK_ERR_INVALID;
		} else {
			memcpy(ls->path[ls->n++], path, (size_t)n + 1);
			long long f[5] = {st.st_size, st.st_mtim.tv_sec, st.st_mtim.tv_nsec, (long long)st.st_ino,
					  (long long)st.st_dev};
			ls->sig += fnv(fnv(0xcbf29ce484222325ULL, path, (size_t)n), f, sizeof f);
		}
	}
	closedir(d);
	return err;
}

/* The listing of root; the answer when it cannot be made. */
static bool list(const char *root, struct listing *ls, struct answer *a)
{
	char why[300];
	ls->n = 0;
	ls->sig = 0;
	enum kiosk_err err = walk(root, "", ls, why, sizeof why);
	if (err == KIOSK_ERR_NOT_FOUND)
		error_answer(a, 404, "no_guides", "this server has no guides");
	else if (err != KIOSK_OK)
		error_answer(a, 503, "guides_broken", why);
	return err == KIOSK_OK;
}

static enum kiosk_err read_files(const char *root, const struct listing *ls, struct content_bundle *b, char *why,
				 size_t cap)
{
	enum kiosk_err err = KIOSK_OK;
	char *buf = malloc(CONTENT_BUNDLE_FILE_MAX + 1);
	if (!buf)
		return KIOSK_ERR_NOMEM;
	for (int i = 0; i < ls->n && err == KIOSK_OK; i++) {
		char full[4096 + CONTENT_BUNDLE_PATH_MAX + 2];
		snprintf(full, sizeof full, "%s/%s", root, ls->path[i]);
		FILE *f = fopen(full, "rb");
		size_t len = f ? fread(buf, 1, CONTENT_BUNDLE_FILE_MAX + 1, f) : 0;
		if (!f || ferror(f)) {
			snprintf(why, cap, "cannot read %s: %s", ls->path[i], strerror(errno));
			err = KIOSK_ERR_IO;
		} else {
			err = content_bundle_add(b, ls->path[i], buf, len, why, cap);
		}
		if (f)
			fclose(f);
	}
	free(buf);
	return err == KIOSK_OK ? content_bundle_check(b, why, cap) : err;
}

/* The kiosk's own checks; every problem (up to PROBLEMS_LOGGED) to the log. */
static bool guides_pass(const char *root, struct answer *a)
{
	struct guide_library *lib = NULL;
	struct guide_report *rep = malloc(sizeof *rep);
	if (!rep) {
		error_answer(a, 500, "internal", "out of memory");
		return false;
	}
	enum kiosk_err err = guide_library_load(root, NULL, &lib, rep);
	guide_library_destroy(lib);
	if (err == KIOSK_OK) {
		free(rep);
		return true;
	}
	size_t skip = strlen(root) + 1;
	for (int i = 0; i < rep->count && i < PROBLEMS_LOGGED; i++) {
		const struct guide_problem *p = &rep->item[i];
		fprintf(stderr, "kiosk-central: %s:%d: %s\n", p->file, p->line, p->msg);
	}
	int more = rep->count + rep->dropped - PROBLEMS_LOGGED;
	if (more > 0)
		fprintf(stderr, "kiosk-central: %s: %d more problems\n", root, more);
	char msg[sizeof a->msg];
	if (rep->count > 0) {
		const struct guide_problem *p = &rep->item[0];
		const char *file =
		    strncmp(p->file, root, skip - 1) == 0 && p->file[skip - 1] == '/' ? p->file + skip : p->file;
		snprintf(msg, sizeof msg,
			 "the guides do not pass the kiosk's checks (%d problems), first: %.60s:%d: %.80s",
			 rep->count + rep->dropped, file, p->line, p->msg);
	} else {
		snprintf(msg, sizeof msg, "the guides cannot be loaded: %s", kiosk_err_str(err));
	}
	error_answer(a, err == KIOSK_ERR_NOMEM ? 500 : 503, err == KIOSK_ERR_NOMEM ? "internal" : "guides_broken", msg);
	free(rep);
	return false;
}

/* The answer for the folder as ls lists it. */
static void build(const char *root, const struct listing *ls, struct answer *a)
{
	char why[300];
	struct content_bundle b;
	content_bundle_init(&b);
	enum kiosk_err err = read_files(root, ls, &b, why, sizeof why);
	if (err != KIOSK_OK) {
		error_answer(a, err == KIOSK_ERR_NOMEM ? 500 : 503,
			     err == KIOSK_ERR_NOMEM ? "internal" : "guides_broken",
			     err == KIOSK_ERR_NOMEM ? "out of memory" : why);
	} else if (guides_pass(root, a)) {
		size_t flen;
		char *files = content_bundle_files_json(&b, &flen);
		char hash[65];
		if (files) {
			auth_hash_hex(files, flen, hash);
			hash[16] = '\0';
			a->body = content_bundle_json(&b, hash, &a->len);
		}
		free(files);
		if (a->body) {
			a->status = 200;
			snprintf(a->etag, sizeof a->etag, "\"g-%.16s\"", hash);
		} else {
			error_answer(a, 500, "internal", "out of memory");
		}
	}
	content_bundle_fini(&b);
	if (a->status != 200 && a->status != 404 && strcmp(a->code, "internal") != 0)
		fprintf(stderr, "kiosk-central: %s: the guides are not served: %s\n", root, a->msg);
}

struct guides_cache *guides_cache_create(const char *dir)
{
	struct guides_cache *gc = calloc(1, sizeof *gc);
	if (!gc)
		return NULL;
	snprintf(gc->dir, sizeof gc->dir, "%s", dir);
	size_t n = strlen(gc->dir);
	while (n > 1 && gc->dir[n - 1] == '/')
		gc->dir[--n] = '\0';
	pthread_mutex_init(&gc->lock, NULL);
	return gc;
}

void guides_cache_destroy(struct guides_cache *gc)
{
	if (!gc)
		return;
	free(gc->a.body);
	pthread_mutex_destroy(&gc->lock);
	free(gc);
}

/* Copies the cached answer for key into *a (its body only when q does not
 * hold its ETag already: the usual 304 copies nothing); false when there is none. */
static bool cached(struct guides_cache *gc, unsigned long long key, const struct req *q, struct answer *a)
{
	pthread_mutex_lock(&gc->lock);
	bool hit = gc->have && gc->key == key;
	if (hit) {
		*a = gc->a;
		a->body = NULL;
		if (gc->a.body && !http_etag_matches(q, gc->a.etag)) {
			a->body = malloc(gc->a.len + 1);
			if (a->body)
				memcpy(a->body, gc->a.body, gc->a.len + 1);
			hit = a->body != NULL;
		}
	}
	pthread_mutex_unlock(&gc->lock);
	return hit;
}

static void keep(struct guides_cache *gc, unsigned long long key, const struct answer *a)
{
	char *copy = a->body ? malloc(a->len + 1) : NULL;
	if (a->body && !copy)
		return;
	if (copy)
		memcpy(copy, a->body, a->len + 1);
	pthread_mutex_lock(&gc->lock);
	free(gc->a.body);
	gc->a = *a;
	gc->a.body = copy;
	gc->key = key;
	gc->have = true;
	pthread_mutex_unlock(&gc->lock);
}

void content_guides(struct req *q, struct reply *r)
{
	struct guides_cache *gc = q->c->guides;
	struct answer a = {0};
	struct listing ls = {.path = malloc(CONTENT_BUNDLE_FILES_MAX * sizeof *ls.path)};
	if (!gc || !ls.path) {
		free(ls.path);
		reply_error(r, gc ? 500 : 404, gc ? "internal" : "no_guides",
			    gc ? "out of memory" : "this server has no guides");
		return;
	}
	bool listed = list(gc->dir, &ls, &a);
	unsigned long long key = listed ? ls.sig : fnv(0xcbf29ce484222325ULL, a.msg, strlen(a.msg)) | 1;
	struct answer hit = {0};
	if (cached(gc, key, q, &hit)) {
		a = hit;
	} else {
		if (listed)
			build(gc->dir, &ls, &a);
		else
			fprintf(stderr, "kiosk-central: %s: the guides are not served: %s\n", gc->dir, a.msg);
		struct listing again = {.path = ls.path};
		if (a.status == 200 && (!list(gc->dir, &again, &(struct answer){0}) || again.sig != ls.sig)) {
			free(a.body);
			a = (struct answer){0};
			error_answer(&a, 503, "guides_changing",
				     "the guides changed while they were checked; try again");
		} else if (strcmp(a.code, "internal") != 0) {
			keep(gc, key, &a);
		}
	}
	free(ls.path);
	if (a.status != 200) {
		reply_error(r, a.status, a.code, "%s", a.msg);
		return;
	}
	snprintf(r->etag, sizeof r->etag, "%s", a.etag);
	if (http_etag_matches(q, a.etag)) {
		free(a.body);
		reply_empty(r, 304);
	} else {
		reply_raw(r, 200, "application/json", a.body, a.len);
	}
}
