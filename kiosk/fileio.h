/*
 * Small files written the way a power cut cannot half-do: credentials, the
 * server's site data and translations. Any thread; blocking (fsync), so
 * never on the UI thread while a visitor waits.
 */
#ifndef KIOSK_FILEIO_H
#define KIOSK_FILEIO_H

#include <stddef.h>
#include <sys/types.h>

#include "kiosk/error.h"

/* Creates dir and its missing parents, each mode 0700. KIOSK_OK when it
 * exists afterwards; KIOSK_ERR_DISK_FULL or KIOSK_ERR_IO (errno kept). */
enum kiosk_err file_make_dirs(const char *dir);

/* Replaces path with data[0..len) atomically: a new file beside it
 * (path.tmp, created O_EXCL with mode whatever the umask), written, synced,
 * renamed over path, then the folder synced. On failure path is unchanged,
 * the temporary file is gone and errno says why. The folder must exist. */
enum kiosk_err file_write_atomic(const char *path, const void *data, size_t len, mode_t mode);

/* Reads all of path into a new NUL-terminated buffer (*out, the caller's to
 * free; *len without the NUL). KIOSK_ERR_NOT_FOUND when it does not exist,
 * KIOSK_ERR_FULL when it is larger than cap, KIOSK_ERR_IO otherwise. */
enum kiosk_err file_read_all(const char *path, size_t cap, char **out, size_t *len);

#endif
