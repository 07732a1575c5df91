/*
 * The guides bundles the central server sent, as kept on the kiosk's disk
 * (docs/protocol.md, "GET /v1/content/guides"):
 *
 *   <data_dir>/server/guides                  a symbolic link: "guides-<id>", the bundle in use
 *   <data_dir>/server/guides-<id>/            one bundle's files, as sent
 *   <data_dir>/server/guides-<id>/.bundle.json {"etag": "\"g-…\"", "version": "…"}
 *
 * <id> is a hash of the bundle's bytes, made by the kiosk (never a name from
 * the server). A bundle is written whole into its own new folder and synced
 * before the link is replaced (a new link renamed over the old one, then
 * the folder synced), so the link always names a complete bundle: after a
 * crash, the old one or the new one. Folders the link does not name are
 * removed once nothing uses them (guides_store_prune).
 * Blocking file I/O (fsync): the uplink thread, or the UI thread at start.
 */
#ifndef KIOSK_GUIDES_STORE_H
#define KIOSK_GUIDES_STORE_H

#include <stddef.h>

#include "kiosk/content_bundle.h"
#include "kiosk/error.h"

#define GUIDES_STORE_NAME_MAX 32 /* "guides-" and 16 hex digits */
#define GUIDES_STORE_ETAG_MAX 128

struct guides_current {
	char name[GUIDES_STORE_NAME_MAX]; /* "guides-<id>" */
	char dir[512];			  /* <data_dir>/server/guides-<id> */
	char etag[GUIDES_STORE_ETAG_MAX]; /* "" when the server sent none */
	char version[CONTENT_BUNDLE_VERSION_MAX];
};

/* The bundle the link names. KIOSK_ERR_NOT_FOUND when there is none. */
enum kiosk_err guides_store_current(const char *data_dir, struct guides_current *cur);

/* The folder name for a bundle of these bytes: "guides-" and a hash. */
void guides_store_name(const char *body, size_t len, char name[GUIDES_STORE_NAME_MAX]);

/* Writes b as <data_dir>/server/<name> (replacing a leftover of that name),
 * with its .bundle.json, every file and folder synced. It is not in use
 * until guides_store_switch. On failure the folder is removed and why (in
 * English) says what failed: KIOSK_ERR_IO or KIOSK_ERR_DISK_FULL. */
enum kiosk_err guides_store_write(const char *data_dir, const char *name, const struct content_bundle *b,
				  const char *etag, char *why, size_t cap);

/* Points the link at <data_dir>/server/<name>, atomically and synced. */
enum kiosk_err guides_store_switch(const char *data_dir, const char *name);

/* Removes the link (synced): no bundle is in use. */
enum kiosk_err guides_store_drop(const char *data_dir);

/* Removes <data_dir>/server/<name> and what it holds. */
void guides_store_remove(const char *data_dir, const char *name);

/* Removes every bundle folder but the link's and keep[0..n) (names; "" and NULL skipped). */
void guides_store_prune(const char *data_dir, const char *const *keep, int n);

#endif
