/*
 * DESIGN: guides_store, the server's guides bundles on the kiosk's disk.
 *
 * What it is: the folders and the link of guides_store.h. A new bundle
 * goes into a folder of its own, each file created O_EXCL and synced, then
 * each folder synced; only then is the link replaced, by renaming a new
 * link over it (rename is atomic) and syncing <data_dir>/server. So the
 * link never names a half-written bundle, and the folder of the bundle in
 * use is never written to: the renderer may still be reading its images.
 * What it is not: checking a bundle (content_bundle.c, guide_library_load)
 * or deciding when to switch (uplink_guides.c).
 * Threading: whichever thread calls; one writer (the uplink thread).
 */
#include "guides_store.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fileio.h"

#define META ".bundle.json"
#define LINK "guides"
#define NEW_LINK "guides.link" /* the link being made; renamed over LINK */
#define PREFIX "guides-"

static enum kiosk_err err_of_errno(int e)
{
	return e == ENOSPC || e == EDQUOT ? KIOSK_ERR_DISK_FULL : KIOSK_ERR_IO;
}

/* An id this kiosk made: PREFIX and 16 lower-case hex digits. */
static bool our_name(const char *name)
{
	size_t n = strlen(PREFIX);
	return strncmp(name, PREFIX, n) == 0 && strlen(name + n) == 16 && strspn(name + n, "0123456789abcdef") == 16;
}

void guides_store_name(const char *body, size_t len, char name[GUIDES_STORE_NAME_MAX])
{
	unsigned long long h = 0xcbf29ce484222325ULL; /* FNV-1a */
	for (size_t i = 0; i < len; i++)
		h = (h ^ (unsigned char)body[i]) * 0x100000001b3ULL;
	snprintf(name, GUIDES_STORE_NAME_MAX, PREFIX "%016llx", h);
}

enum kiosk_err guides_store_current(const char *data_dir, struct guides_current *cur)
{
	char link[600], target[64], *meta = NULL;
	size_t len;
	memset(cur, 0, sizeof *cur);
	snprintf(link, sizeof link, "%s/server/" LINK, data_dir);
	ssize_t n = readlink(link, target, sizeof target - 1);
	if (n < 0)
		return errno == ENOENT ? KIOSK_ERR_NOT_FOUND : KIOSK_ERR_IO;
	target[n] = '\0';
	if (!our_name(target))
		return KIOSK_ERR_INVALID;
	snprintf(cur->name, sizeof cur->name, "%.*s", (int)sizeof cur->name - 1, target); /* 23 bytes */
	snprintf(cur->dir, sizeof cur->dir, "%s/server/%s", data_dir, target);
	snprintf(link, sizeof link, "%s/" META, cur->dir);
	enum kiosk_err err = file_read_all(link, 4096, &meta, &len);
	json_t *doc = err == KIOSK_OK ? json_loadb(meta, len, 0, NULL) : NULL;
	const char *etag = json_string_value(json_object_get(doc, "etag"));
	const char *version = json_string_value(json_object_get(doc, "version"));
	snprintf(cur->etag, sizeof cur->etag, "%s", etag ? etag : "");
	snprintf(cur->version, sizeof cur->version, "%s", version ? version : "");
	json_decref(doc);
	free(meta);
	return err == KIOSK_ERR_NOT_FOUND ? KIOSK_ERR_IO : err; /* a bundle without its .bundle.json is broken */
}

/* Removes path and, for a folder, everything under it (links are not followed). */
static void remove_tree(const char *path)
{
	struct stat st;
	if (lstat(path, &st) != 0)
		return;
	if (S_ISDIR(st.st_mode)) {
		DIR *d = opendir(path);
		for (struct dirent *e = d ? readdir(d) : NULL; e; e = readdir(d)) {
			char sub[1024];
			if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
				continue;
			if (snprintf(sub, sizeof sub, "%s/%s", path, e->d_name) < (int)sizeof sub)
				remove_tree(sub);
		}
		if (d)
			closedir(d);
		rmdir(path);
	} else {
		unlink(path);
	}
}

void guides_store_remove(const char *data_dir, const char *name)
{
	char dir[512];
	if (name[0] && snprintf(dir, sizeof dir, "%s/server/%s", data_dir, name) < (int)sizeof dir)
		remove_tree(dir);
}

static int sync_dir(const char *dir)
{
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	int rc = fsync(fd);
	int e = errno;
	close(fd);
	errno = e;
	return rc;
}

static int write_file(const char *path, const void *data, size_t len)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
	if (fd < 0)
		return -1;
	const char *p = data;
	int rc = 0;
	while (len > 0 && rc == 0) {
		ssize_t w = write(fd, p, len);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0) {
			rc = -1;
			break;
		}
		p += w;
		len -= (size_t)w;
	}
	if (rc == 0)
		rc = fsync(fd);
	int e = errno;
	if (close(fd) != 0 && rc == 0)
		return -1;
	errno = e;
	return rc;
}

/* Creates the folders on the way to path (relative to top); synced later. */
static int make_parents(const char *top, const char *path)
{
	for (const char *slash = strchr(path, '/'); slash; slash = strchr(slash + 1, '/')) {
		char dir[1024];
		snprintf(dir, sizeof dir, "%s/%.*s", top, (int)(slash - path), path);
		if (mkdir(dir, 0700) != 0 && errno != EEXIST)
			return -1;
	}
	return 0;
}

/* Syncs every folder of the bundle, deepest first, then the bundle's own. */
static int sync_folders(const char *top, const struct content_bundle *b)
{
	for (int depth = CONTENT_BUNDLE_DEPTH_MAX - 1; depth >= 1; depth--) {
		const char *last = "";
		size_t last_len = 0;
		for (int i = 0; i < b->nfiles; i++) {
			const char *p = b->files[i].path, *end = p;
			int parts = 0;
			for (const char *s = strchr(p, '/'); s && parts < depth; s = strchr(s + 1, '/')) {
				end = s;
				parts++;
			}
			size_t n = (size_t)(end - p);
			if (parts < depth || (n == last_len && strncmp(p, last, n) == 0))
				continue; /* not that deep, or synced just now (the files are sorted) */
			char dir[1024];
			snprintf(dir, sizeof dir, "%s/%.*s", top, (int)n, p);
			if (sync_dir(dir) != 0)
				return -1;
			last = p;
			last_len = n;
		}
	}
	return sync_dir(top);
}

static char *meta_json(const char *etag, const char *version)
{
	json_t *doc = json_pack("{s:s,s:s}", "etag", etag, "version", version);
	char *s = doc ? json_dumps(doc, JSON_COMPACT) : NULL;
	json_decref(doc);
	return s;
}

enum kiosk_err guides_store_write(const char *data_dir, const char *name, const struct content_bundle *b,
				  const char *etag, char *why, size_t cap)
{
	char server[512], top[600], path[800];
	snprintf(server, sizeof server, "%s/server", data_dir);
	snprintf(top, sizeof top, "%s/%s", server, name);
	enum kiosk_err err = file_make_dirs(server);
	if (err != KIOSK_OK) {
		snprintf(why, cap, "cannot make %s: %s", server, strerror(errno));
		return err;
	}
	remove_tree(top); /* left by a write that was interrupted */
	const char *failed = top;
	int rc = mkdir(top, 0700);
	for (int i = 0; i < b->nfiles && rc == 0; i++) {
		failed = b->files[i].path;
		snprintf(path, sizeof path, "%s/%s", top, b->files[i].path);
		rc = make_parents(top, b->files[i].path);
		if (rc == 0)
			rc = write_file(path, b->files[i].data, b->files[i].len);
	}
	char *meta = rc == 0 ? meta_json(etag, b->version) : NULL;
	if (rc == 0) {
		failed = META;
		snprintf(path, sizeof path, "%s/" META, top);
		if (!meta)
			errno = ENOMEM;
		rc = meta ? write_file(path, meta, strlen(meta)) : -1;
	}
	free(meta);
	if (rc == 0) {
		failed = "its folders";
		rc = sync_folders(top, b);
	}
	if (rc == 0) {
		failed = server;
		rc = sync_dir(server);
	}
	if (rc != 0) {
		int e = errno;
		snprintf(why, cap, "cannot write %s: %s", failed, strerror(e));
		remove_tree(top);
		return err_of_errno(e);
	}
	return KIOSK_OK;
}

enum kiosk_err guides_store_switch(const char *data_dir, const char *name)
{
	char server[512], link[600], fresh[600];
	snprintf(server, sizeof server, "%s/server", data_dir);
	snprintf(link, sizeof link, "%s/" LINK, server);
	snprintf(fresh, sizeof fresh, "%s/" NEW_LINK, server);
	unlink(fresh); /* left by a switch that was interrupted */
	if (symlink(name, fresh) != 0 || rename(fresh, link) != 0 || sync_dir(server) != 0) {
		int e = errno;
		unlink(fresh);
		errno = e;
		return err_of_errno(e);
	}
	return KIOSK_OK;
}

enum kiosk_err guides_store_drop(const char *data_dir)
{
	char server[512], link[600];
	snprintf(server, sizeof server, "%s/server", data_dir);
	snprintf(link, sizeof link, "%s/" LINK, server);
	if ((unlink(link) != 0 && errno != ENOENT) || sync_dir(server) != 0)
		return err_of_errno(errno);
	return KIOSK_OK;
}

void guides_store_prune(const char *data_dir, const char *const *keep, int n)
{
	char server[512];
	struct guides_current cur;
	snprintf(server, sizeof server, "%s/server", data_dir);
	guides_store_current(data_dir, &cur); /* cur.name is "" without a link */
	DIR *d = opendir(server);
	if (!d)
		return;
	for (struct dirent *e = readdir(d); e; e = readdir(d)) {
		bool kept = strcmp(e->d_name, cur.name) == 0;
		for (int i = 0; i < n && !kept; i++)
			kept = keep[i] && strcmp(e->d_name, keep[i]) == 0;
		if (!kept && strncmp(e->d_name, PREFIX, strlen(PREFIX)) == 0)
			guides_store_remove(data_dir, e->d_name);
	}
	closedir(d);
	char fresh[600];
	snprintf(fresh, sizeof fresh, "%s/" NEW_LINK, server);
	unlink(fresh);
}
