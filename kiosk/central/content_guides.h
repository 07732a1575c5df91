/*
 * The digital-ID guides as one bundle for kiosks: GET /v1/content/guides
 * (docs/protocol.md), conditional on its ETag. The folder is served only
 * when it passes the kiosk's own checks (guide_library_load).
 * Thread: any connection thread; the cache has its own lock.
 */
#ifndef CENTRAL_CONTENT_GUIDES_H
#define CENTRAL_CONTENT_GUIDES_H

struct req;
struct reply;
struct guides_cache;

/* The last bundle built from dir (NULL: the server has no guides). NULL when out of memory. */
struct guides_cache *guides_cache_create(const char *dir);
/* NULL-safe. */
void guides_cache_destroy(struct guides_cache *gc);

void content_guides(struct req *q, struct reply *r);

#endif
