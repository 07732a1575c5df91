/*
 * What every request handler of kiosk-central shares: the database, the
 * offices it serves, the test faults and its options. Read-only after start
 * except through the modules' own locks (db, faults).
 */
#ifndef CENTRAL_CENTRAL_H
#define CENTRAL_CENTRAL_H

struct db;
struct faults;
struct guides_cache;
struct office;

struct central {
	struct db *db;
	struct office *offices; /* noffices of them */
	int noffices;
	struct faults *faults;	     /* NULL without --test-faults: the test endpoints answer 404 */
	const char *assets;	     /* the folder holding po/<lang>.po */
	struct guides_cache *guides; /* the guides folder's bundle (content_guides.c) */
	const char *desk_token;	     /* the desks' bearer token; NULL: no desk may call */
};

#endif
