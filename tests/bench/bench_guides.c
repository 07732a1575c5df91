/*
 * DESIGN: kiosk_bench's guide library figures: what loading assets/guides
 * costs the kiosk at start (guide_library_load: every scheme.txt, .guide and
 * .po read, parsed and checked, docs/guides.md).
 *
 *   guide_library_first_load_ms  One load in a fresh child process (forked
 *                       before this process has loaded anything), timed with
 *                       CLOCK_MONOTONIC: the kiosk's case at start, malloc's
 *                       pages not yet touched. Files are in the page cache.
 *   guide_library_peak_kib  The same child's VmHWM after the load minus its
 *                       VmRSS just before (/proc/self/status): the most
 *                       memory the load added at once, file buffers and the
 *                       checker's scratch included.
 *   guide_library_kept_kib  VmRSS after the load minus before, the library
 *                       still held: what stays resident while the kiosk runs.
 *   guide_library_load_ms  Median of LOAD_ROUNDS loads in this process after
 *                       that, each destroyed before the next: the steady cost
 *                       of a reload (a new bundle from the central server).
 *
 * A load that reports any problem fails the run: a figure for a library
 * with guides left out would measure less than the kiosk ships.
 * Threading: single-threaded; the child writes one line to a pipe and exits.
 */
#include "bench_guides.h"

#include <errno.h>
#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "kiosk/guide.h"

#define LOAD_ROUNDS 21

static double now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1000.0 + (double)ts.tv_nsec / 1e6;
}

/* A "Key:   123 kB" line of /proc/self/status, in KiB; false if missing. */
static bool self_status_kib(const char *key, uint64_t *out)
{
	char line[256];
	size_t klen = strlen(key);
	bool found = false;
	FILE *fp = fopen("/proc/self/status", "re");

	if (!fp)
		return false;
	while (!found && fgets(line, sizeof(line), fp)) {
		if (strncmp(line, key, klen) == 0) {
			*out = strtoull(line + klen, NULL, 10);
			found = true;
		}
	}
	fclose(fp);
	return found;
}

/* One load; the time in ms, or < 0 (said on stderr) when it reports problems. */
static double timed_load(const char *dir, struct guide_library **lib, int *schemes, int *guides)
{
	struct guide_report rep;
	double t0 = now_ms();
	enum kiosk_err err = guide_library_load(dir, NULL, lib, &rep);
	double ms = now_ms() - t0;

	if (err != KIOSK_OK) {
		fprintf(stderr, "bench: %s: %s (%d problems; kiosk --check-guides %s lists them)\n", dir,
			kiosk_err_str(err), rep.count + rep.dropped, dir);
		return -1;
	}
	*schemes = (*lib)->nschemes;
	*guides = 0;
	for (int i = 0; i < (*lib)->nschemes; i++)
		*guides += (*lib)->schemes[i].nguides;
	return ms;
}

/* In the child: load once, write "MS PEAK_KIB KEPT_KIB SCHEMES GUIDES" to fd; exit 0, or 1. */
static void child_load(const char *dir, int fd)
{
	struct guide_library *lib = NULL;
	uint64_t rss0, rss1, hwm1;
	int schemes = 0, guides = 0;

	if (!self_status_kib("VmRSS:", &rss0)) {
		dprintf(STDERR_FILENO, "bench: /proc/self/status has no VmRSS\n");
		_exit(1);
	}
	double ms = timed_load(dir, &lib, &schemes, &guides);
	if (ms < 0 || !self_status_kib("VmHWM:", &hwm1) || !self_status_kib("VmRSS:", &rss1))
		_exit(1);
	dprintf(fd, "%.3f %" PRIu64 " %" PRIu64 " %d %d\n", ms, hwm1 - rss0, rss1 > rss0 ? rss1 - rss0 : 0,
		schemes, guides);
	guide_library_destroy(lib);
	_exit(0);
}

static void print_figure(const char *name, double v, int decimals, const char *unit)
{
	printf("%s %.*f %s\n", name, decimals, v, unit);
	fflush(stdout);
}

static int cmp_double(const void *pa, const void *pb)
{
	double a = *(const double *)pa, b = *(const double *)pb;

	return a < b ? -1 : a > b;
}

/* The fresh child's figures; false (said on stderr) when it failed. */
static bool first_load(const char *dir)
{
	char buf[128];
	size_t len = 0;
	ssize_t r;
	int p[2], status = 0, schemes = 0, guides = 0;
	double ms = 0;
	uint64_t peak = 0, kept = 0;
	pid_t pid;

	fflush(NULL); /* nothing buffered is written twice */
	if (pipe(p) != 0) {
		fprintf(stderr, "bench: pipe: %s\n", strerror(errno));
		return false;
	}
	pid = fork();
	if (pid == 0) {
		close(p[0]);
		child_load(dir, p[1]);
	}
	close(p[1]);
	if (pid < 0) {
		fprintf(stderr, "bench: fork: %s\n", strerror(errno));
		close(p[0]);
		return false;
	}
	while (len < sizeof(buf) - 1) {
		r = read(p[0], buf + len, sizeof(buf) - 1 - len);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		len += (size_t)r;
	}
	buf[len] = '\0';
	close(p[0]);
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0 ||
	    sscanf(buf, "%lf %" SCNu64 " %" SCNu64 " %d %d", &ms, &peak, &kept, &schemes, &guides) != 5) {
		fprintf(stderr, "bench: the guide library child failed (status %d, wrote \"%s\")\n", status, buf);
		return false;
	}
	fprintf(stderr, "bench: guide library %s: %d schemes, %d guides\n", dir, schemes, guides);
	print_figure("guide_library_first_load_ms", ms, 3, "ms");
	print_figure("guide_library_peak_kib", (double)peak, 0, "KiB");
	print_figure("guide_library_kept_kib", (double)kept, 0, "KiB");
	return true;
}

int bench_guide_library(const char *dir)
{
	double ms[LOAD_ROUNDS];
	int schemes, guides;

	if (!first_load(dir))
		return 1;
	for (int i = 0; i < LOAD_ROUNDS; i++) {
		struct guide_library *lib = NULL;

		ms[i] = timed_load(dir, &lib, &schemes, &guides);
		guide_library_destroy(lib);
		if (ms[i] < 0)
			return 1;
	}
	qsort(ms, LOAD_ROUNDS, sizeof(ms[0]), cmp_double);
	fprintf(stderr, "bench: guide library: %d loads, fastest %.3f ms, slowest %.3f ms\n", LOAD_ROUNDS, ms[0],
		ms[LOAD_ROUNDS - 1]);
	print_figure("guide_library_load_ms", ms[LOAD_ROUNDS / 2], 3, "ms");
	return 0;
}
