/*
 * Input wake-ups for video drivers where SDL cannot sleep (kmsdrm): a thread
 * watches the evdev devices and posts the UI loop's semaphore when one has
 * input, so the loop sleeps in the kernel instead of polling every 1 ms.
 */
#ifndef KIOSK_WAKE_H
#define KIOSK_WAKE_H

#include "post.h"

struct wake;

/* Starts watching /dev/input when the current video driver reads evdev itself
 * (kmsdrm); returns NULL when there is nothing to watch. */
struct wake *wake_start(struct post *post);
/* Stops the thread. NULL-safe. */
void wake_stop(struct wake *w);

#endif
