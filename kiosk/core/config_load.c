/*
 * DESIGN: config_load, reading the site file from disk.
 *
 * What it is: the one piece of the configuration that does I/O: it reads
 * the file (at most FILE_MAX bytes, so the wrong file is refused instead of
 * parsed into a wall of problems), hands the text to config_parse, and makes
 * the file names in it relative to the file itself. Missing, unreadable and
 * oversized files are problems at line 0, in the technician's language.
 * Threading: any thread; strerror is only called at start-up.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "kiosk/config.h"
#include "kiosk/i18n.h"

/* A site file is a few hundred bytes; anything this big is the wrong file
 * (a log, an image) and would only produce a wall of problems. */
#define FILE_MAX (64 * 1024)

/* A relative file name in the configuration names a file beside it. */
static void resolve_beside(char *file, size_t cap, const char *config_path)
{
	const char *slash = strrchr(config_path, '/');
	if (!slash)
		return;
	char joined[512];
	int n = snprintf(joined, sizeof joined, "%.*s/%s", (int)(slash - config_path), config_path, file);
	if (n > 0 && (size_t)n < cap)
		memcpy(file, joined, (size_t)n + 1);
}

/* Reads at most FILE_MAX + 1 bytes so an oversized file is noticed even when
 * its size is not known in advance (a pipe, /dev/stdin). */
static enum kiosk_err read_file(int fd, char *buf, size_t *len, int *e)
{
	size_t got = 0;

	while (got < FILE_MAX + 1) {
		ssize_t n = read(fd, buf + got, FILE_MAX + 1 - got);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			*e = errno;
			return KIOSK_ERR_IO;
		}
		if (n == 0)
			break;
		got += (size_t)n;
	}
	*len = got;
	return KIOSK_OK;
}

enum kiosk_err config_load(const char *path, const struct i18n_catalog *tr, struct config *cfg,
			   struct config_report *rep)
{
	struct stat st;
	char *buf = NULL;
	size_t len = 0;
	enum kiosk_err err;
	int fd, e = 0;

	config_defaults(cfg);
	memset(rep, 0, sizeof *rep);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		e = errno;
		config_report_add(rep, tr, 0, N_("cannot read %s: %s"), path, strerror(e));
		return e == ENOENT ? KIOSK_ERR_NOT_FOUND : KIOSK_ERR_IO;
	}
	if (fstat(fd, &st) != 0) {
		e = errno;
		err = KIOSK_ERR_IO;
	} else if (S_ISDIR(st.st_mode)) {
		/* open() succeeds on a directory; say so instead of reading nothing. */
		e = EISDIR;
		err = KIOSK_ERR_IO;
	} else if (S_ISREG(st.st_mode) && st.st_size > FILE_MAX) {
		err = KIOSK_ERR_INVALID;
	} else {
		buf = malloc(FILE_MAX + 1);
		err = buf ? read_file(fd, buf, &len, &e) : KIOSK_ERR_NOMEM;
		if (err == KIOSK_OK && len > FILE_MAX)
			err = KIOSK_ERR_INVALID;
	}
	close(fd);
	if (err == KIOSK_OK)
		err = config_parse(buf, len, tr, cfg, rep);
	else if (err == KIOSK_ERR_INVALID)
		config_report_add(rep, tr, 0, N_("the file is larger than 64 KiB; is this the right file?"));
	else if (err == KIOSK_ERR_NOMEM)
		config_report_add(rep, tr, 0, N_("not enough memory to read %s"), path);
	else
		config_report_add(rep, tr, 0, N_("cannot read %s: %s"), path, strerror(e));
	free(buf);
	if (err == KIOSK_OK) {
		char *files[] = { cfg->services, cfg->server_ca_file, cfg->server_client_cert, cfg->server_client_key };
		size_t caps[] = { sizeof cfg->services, sizeof cfg->server_ca_file, sizeof cfg->server_client_cert,
				  sizeof cfg->server_client_key };

		for (size_t i = 0; i < sizeof files / sizeof files[0]; i++)
			if (files[i][0] && files[i][0] != '/')
				resolve_beside(files[i], caps[i], path);
	}
	return err;
}
