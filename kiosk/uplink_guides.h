/*
 * The guides bundle from the central server, the UI thread's side
 * (uplink_guides.c does the rest on the uplink thread). A new bundle is
 * fetched, checked whole, switched to on disk and loaded by the uplink
 * thread, which then posts APP_MSG_SITE; the UI takes the library at its
 * next attract screen.
 */
#ifndef KIOSK_UPLINK_GUIDES_H
#define KIOSK_UPLINK_GUIDES_H

struct uplink;
struct guide_library;

/* The library of a new bundle, checked and loaded (the caller owns it:
 * guide_library_destroy), or NULL when there is none. From then on its
 * folder is kept on disk until another library is taken: the renderer reads
 * its images from there. UI thread; never blocks on I/O. NULL-safe. */
struct guide_library *uplink_take_guides(struct uplink *u);

#endif
