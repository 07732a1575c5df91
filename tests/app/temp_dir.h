/* A test's own temporary directory under $TMPDIR (or /tmp), and its removal
 * with everything in it. Include after the feature macros (nftw, mkdtemp). */
#ifndef TEST_TEMP_DIR_H
#define TEST_TEMP_DIR_H

#include <ftw.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>

/* Makes dir (cap bytes) as "$TMPDIR/NAME-XXXXXX"; false when it cannot. */
static inline bool temp_dir_make(char *dir, size_t cap, const char *name)
{
	const char *tmp = getenv("TMPDIR");
	snprintf(dir, cap, "%s/%s-XXXXXX", tmp && tmp[0] ? tmp : "/tmp", name);
	return mkdtemp(dir) != NULL;
}

static inline int temp_dir_remove_entry(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
	(void)sb;
	(void)flag;
	(void)ftw;
	return remove(path);
}

/* Removes dir and everything in it; 0 when all is gone. */
static inline int temp_dir_remove(const char *dir)
{
	return nftw(dir, temp_dir_remove_entry, 16, FTW_DEPTH | FTW_PHYS);
}

#endif
