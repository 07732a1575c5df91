/*
 * DESIGN: fileio, atomic small files.
 *
 * What it is: the one way the kiosk replaces a file it must not lose half
 * of (credentials.json, the server's site.json and .po files): write a new
 * file beside it created O_EXCL with its final mode (fchmod, so the umask
 * cannot widen a 0600 secret), fsync it, rename it over the old one, fsync
 * the folder so the rename itself survives a power cut. A reader sees the
 * old file or the new one, never a mix. A stale temporary file from an
 * interrupted write is removed first.
 * What it is not: a general file API; no locking between writers of the same
 * path (each file has one writer: enrolment, or the uplink thread).
 * Threading: any thread; it blocks on the disk, so not the UI thread while a
 * visitor waits.
 */
#include "fileio.h"

#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static enum kiosk_err err_of_errno(int e)
{
	return e == ENOSPC || e == EDQUOT ? KIOSK_ERR_DISK_FULL : KIOSK_ERR_IO;
}

enum kiosk_err file_make_dirs(const char *dir)
{
	char path[512];
	if (snprintf(path, sizeof(path), "%s", dir) >= (int)sizeof(path)) {
		errno = ENAMETOOLONG;
		return KIOSK_ERR_IO;
	}
	for (char *p = path + 1;; p++) {
		bool end = *p == '\0';
		if (*p != '/' && !end)
			continue;
		*p = '\0';
		if (mkdir(path, 0700) != 0 && errno != EEXIST)
			return err_of_errno(errno);
		if (end)
			return KIOSK_OK;
		*p = '/';
	}
}

static int write_all(int fd, const char *s, size_t n)
{
	while (n > 0) {
		ssize_t w = write(fd, s, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return -1;
		s += w;
		n -= (size_t)w;
	}
	return 0;
}

enum kiosk_err file_write_atomic(const char *path, const void *data, size_t len, mode_t mode)
{
	char tmp[600], dir[600];
	if (snprintf(tmp, sizeof(tmp), "%s.tmp", path) >= (int)sizeof(tmp)) {
		errno = ENAMETOOLONG;
		return KIOSK_ERR_IO;
	}
	snprintf(dir, sizeof(dir), "%s", path);
	char *slash = strrchr(dir, '/');
	if (slash == dir)
		dir[1] = '\0';
	else if (slash)
		*slash = '\0';
	else
		snprintf(dir, sizeof(dir), ".");
	unlink(tmp); /* left by a write that was interrupted */
	int fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode);
	if (fd < 0)
		return err_of_errno(errno);
	int rc = fchmod(fd, mode); /* whatever the umask */
	if (rc == 0)
		rc = write_all(fd, data, len);
	if (rc == 0)
		rc = fsync(fd);
	int e = errno;
	if (close(fd) != 0 && rc == 0) {
		rc = -1;
		e = errno;
	}
	if (rc == 0 && rename(tmp, path) != 0) {
		rc = -1;
		e = errno;
	}
	if (rc != 0) {
		unlink(tmp);
		errno = e;
		return err_of_errno(e);
	}
	/* The rename itself reaches the disk only with its folder. */
	int dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dfd < 0)
		return err_of_errno(errno);
	rc = fsync(dfd);
	e = errno;
	close(dfd);
	errno = e;
	return rc == 0 ? KIOSK_OK : err_of_errno(e);
}

enum kiosk_err file_read_all(const char *path, size_t cap, char **out, size_t *len)
{
	*out = NULL;
	*len = 0;
	FILE *f = fopen(path, "rb");
	if (!f)
		return errno == ENOENT ? KIOSK_ERR_NOT_FOUND : KIOSK_ERR_IO;
	char *buf = malloc(cap + 2);
	size_t n = buf ? fread(buf, 1, cap + 1, f) : 0;
	bool failed = !buf || ferror(f);
	fclose(f);
	if (failed) {
		free(buf);
		return buf ? KIOSK_ERR_IO : KIOSK_ERR_NOMEM;
	}
	if (n > cap) {
		free(buf);
		return KIOSK_ERR_FULL;
	}
	buf[n] = '\0';
	*out = buf;
	*len = n;
	return KIOSK_OK;
}
