/*
 * kiosk_bench: starts the real kiosk the way the board does and prints what
 * it costs in start-up time, memory, idle wake-ups and frame time.
 *
 *   kiosk_bench --kiosk PATH --assets DIR [--seconds 10] [--runs 5]
 *
 * What it is: a standalone driver (libc and Linux /proc, plus kiosk_core for
 * the figures measured in-process: availability, the guide library) run by
 * `make bench`. stdout carries figures only, one per line, "name value unit",
 * so scripts can diff or plot them; progress and errors go to stderr.
 * What it is not: a pass/fail gate. It compares nothing against targets. It
 * exits non-zero only when the kiosk fails to start or misbehaves (dies,
 * hangs, breaks the protocol, does not exit 0 on SIGTERM), when Xvfb is
 * installed but cannot be started, or when the shipped guides do not load
 * without problems.
 *
 * Threading: single-threaded. Every wait is a poll() with a CLOCK_MONOTONIC
 * deadline on the kiosk's bench pipe plus a self-pipe written by our signal
 * handlers: SIGCHLD wakes us as soon as a child exits (no polling loop that
 * would compete with the kiosk for the CPU while we measure it), and
 * SIGINT/SIGTERM/SIGHUP abort the run through the normal clean-up, so
 * children are always reaped and the data dir is always removed.
 *
 * DESIGN: the protocol. The kiosk is started as
 *   kiosk --config ASSETS/site/demo.ini --data-dir TMP \
 *         --panel 1080x1920:268x476 --start home \
 *         --bench-fd N [--bench-frames K]
 * with SDL_VIDEODRIVER=offscreen (x11 for the *_x11 figures). N is the write
 * end of a pipe; it is the only descriptor of ours the kiosk inherits
 * (FD_CLOEXEC is cleared on it in the child only). When the first frame is
 * presented the kiosk writes "first-frame <CLOCK_MONOTONIC ns>" and then
 * either idles until SIGTERM and exits 0, or, with --bench-frames K, draws K
 * forced full frames, writes "frame-p50-us X", "frame-p99-us Y" and
 * "frame-max-us Z" (started on guide.step: "guide-step-first-us",
 * "guide-step-first-n", "guide-step-p50-us", "guide-step-p99-us"), and
 * exits 0. The kiosk's stderr is ours; its stdout is sent to our stderr too,
 * so nothing it prints can pollute the figures.
 * One temporary data dir (mkdtemp under /tmp) serves all runs and is removed
 * at the end: the first run creates the store, later ones open it, as a kiosk
 * does when it reboots; the median absorbs the difference.
 *
 * DESIGN: the figures.
 *   first_frame_ms      Whole-process start-up: CLOCK_MONOTONIC taken just
 *                       before fork()+exec, subtracted from the timestamp the
 *                       kiosk writes when its first frame is on screen (so our
 *                       own delay in reading the pipe does not count). Covers
 *                       exec, dynamic linking, SDL and font init, config and
 *                       store loading, first layout and draw. Median of
 *                       --runs runs (mean of the middle two if even).
 *   first_frame_ms_max  The slowest of those runs (usually the first one:
 *                       cold page cache, empty data dir).
 *   peak_rss_kib        VmHWM from /proc/PID/status: the most resident memory
 *                       the process ever had. Read after the first frame and
 *                       again after the idle window; the later one is printed
 *                       (it is never smaller; the first goes to stderr).
 *   pss_kib             Pss from /proc/PID/smaps_rollup after the idle window:
 *                       resident memory with each shared page divided among
 *                       the processes that map it, i.e. what this process
 *                       really costs the board. Summed from /proc/PID/smaps on
 *                       kernels without smaps_rollup (before 4.14).
 *   pss_anon_kib        Pss_Anon and Pss_File from the same file, printed
 *   pss_file_kib        only when the kernel has them (recent 5.x): heap,
 *                       stacks and textures versus mapped code, fonts and
 *                       assets.
 *   idle_wakeups_per_s  Context switches per second while nobody touches the
 *                       kiosk. For every thread, voluntary_ctxt_switches +
 *                       nonvoluntary_ctxt_switches from
 *                       /proc/PID/task/TID/status are summed at both ends of a
 *                       --seconds window starting 1 s after the first frame;
 *                       the difference is divided by the window's measured
 *                       length (--seconds, plus the few microseconds it takes
 *                       to read /proc). A sleeping thread that wakes up counts
 *                       one voluntary switch per wake-up; a busy thread being
 *                       preempted counts non-voluntary ones. Threads count if
 *                       present at the END of the window: one born during it
 *                       counts in full (all its switches fall in the window);
 *                       one that exited during it is lost, because Linux keeps
 *                       no per-thread counters after exit and the process-level
 *                       status shows the main thread only. A short-lived worker
 *                       per event is thus under-counted here, but it still
 *                       shows in idle_cpu_ms; thread churn is noted on stderr.
 *   idle_cpu_ms         utime + stime from /proc/PID/stat over the same window,
 *                       in ms. Includes all threads, exited ones too.
 *                       Resolution is one clock tick (10 ms at USER_HZ 100).
 *   frame_p50_ms        From a separate run with --bench-frames 600: the
 *   frame_p99_ms        kiosk's own percentiles of the time to build and
 *   frame_max_ms        present one forced full frame, in ms, 3 decimals.
 *   idle_wakeups_per_s_x11  Same as above with SDL_VIDEODRIVER=x11 on a private
 *   idle_cpu_ms_x11         Xvfb (first free display of :90..:99, 1920x1920x24,
 *                           -nolisten tcp). Some SDL2 drivers cannot block and
 *                           poll every 1 ms; this shows it. Skipped, with a
 *                           note on stderr, when Xvfb is not on PATH.
 *   availability_50x90_ms  In this process, no kiosk: the free slots of 50
 *                       bookable services for the next 90 days, i.e. 50 calls
 *                       of booking_slots (kiosk/core/booking.c), the work the
 *                       central server does when every service's calendar is
 *                       asked for. Services differ in meeting length (15-45
 *                       min), buffer, capacity (1-4) and hours; the zone is
 *                       Copenhagen's, so the window crosses a change of
 *                       offset; a few closures; each service has about half
 *                       its capacity booked, so the busy lists hold a few
 *                       hundred to two thousand meetings each. Median of 51
 *                       timed rounds after 3 warm-up rounds (the product
 *                       target is 5 ms); the slot count goes to stderr.
 *   guide_step_first_ms From one more run, started as --panel 1280x800:217x136
 *   guide_step_cached_ms  (the demo site's 10.1" panel) --start guide.step
 *   guide_step_cached_p99_ms  --bench-frames 600: the kiosk draws, in the
 *                       office's language, the first step of the site's guides
 *                       that shows each illustration, each picture never drawn
 *                       before (a frame that read no picture file does not
 *                       count), and reports the median of those first frames
 *                       (the SVG rasterised, the step's lines rendered); then
 *                       the last of those steps 600 times with a button
 *                       pressed and released, all cached: median and p99.
 *                       The steps are shown as reached from the step before,
 *                       so the safety notes before a walk do not count.
 *   guide_library_*     In this process and one child forked from it before
 *                       anything else: the time and memory of loading and
 *                       checking assets/guides. See bench_guides.c.
 *
 * Timeouts: first frame within 10 s of the spawn; the frame run within 60 s
 * of the first frame; exit within 5 s of SIGTERM (or of the frame stats);
 * the Xvfb socket within 5 s. A child that misses one is killed with SIGKILL
 * and reaped, and the message says which wait it missed.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "kiosk/booking.h"
#include "bench_guides.h"

extern char **environ;

#define NS_PER_MS		INT64_C(1000000)
#define NS_PER_S		INT64_C(1000000000)

#define FIRST_FRAME_TIMEOUT_MS	10000
#define FRAMES_TIMEOUT_MS	60000
#define EXIT_TIMEOUT_MS		5000
#define XVFB_TIMEOUT_MS		5000
#define XVFB_POLL_MS		50
#define SETTLE_MS		1000	/* first frame to idle window */
#define BENCH_FRAMES		600

#define LINE_CAP		256	/* longest protocol line we accept */
#define TASK_CAP		512	/* most kiosk threads we can count */
#define RUNS_CAP		100
#define SECONDS_CAP		3600

#define KIOSK_PANEL		"1080x1920:268x476"
#define KIOSK_START		"home"
/* The guide step figures: the demo site's own 10.1" panel (tests/panels.sh). */
#define GUIDE_PANEL		"1280x800:217x136"
#define GUIDE_START		"guide.step"
#define XVFB_FIRST_DISPLAY	90
#define XVFB_LAST_DISPLAY	99
#define XVFB_SCREEN		"1920x1920x24"

enum bench_err {
	BENCH_OK = 0,
	BENCH_ERR_USAGE,	/* bad command line or missing input file */
	BENCH_ERR_SYS,		/* a system call failed on our side */
	BENCH_ERR_SPAWN,	/* could not start the kiosk or Xvfb */
	BENCH_ERR_TIMEOUT,	/* a child did not do its part in time */
	BENCH_ERR_DIED,		/* a child exited too early */
	BENCH_ERR_PROTOCOL,	/* the kiosk wrote something unexpected */
	BENCH_ERR_PROC,		/* /proc did not have what we need */
	BENCH_ERR_INTERRUPTED,	/* we got SIGINT, SIGTERM or SIGHUP */
	BENCH_ERR_GUIDES,	/* the guide library did not load cleanly */
	BENCH_ERR_WOKEN,	/* internal: a signal arrived, look again */
};

static const char *bench_err_str(enum bench_err err)
{
	switch (err) {
	case BENCH_OK:			return "ok";
	case BENCH_ERR_USAGE:		return "usage error";
	case BENCH_ERR_SYS:		return "system error";
	case BENCH_ERR_SPAWN:		return "could not start a child";
	case BENCH_ERR_TIMEOUT:		return "timeout";
	case BENCH_ERR_DIED:		return "child died";
	case BENCH_ERR_PROTOCOL:	return "protocol error";
	case BENCH_ERR_PROC:		return "cannot read /proc";
	case BENCH_ERR_INTERRUPTED:	return "interrupted";
	case BENCH_ERR_GUIDES:		return "the guide library did not load cleanly";
	case BENCH_ERR_WOKEN:		return "woken";
	}
	return "unknown error";
}

struct bench_opts {
	const char *kiosk;
	const char *assets;
	const char *panel;	/* --panel and --start of the kiosk runs */
	const char *start;
	char config[PATH_MAX];
	char data_dir[32];
	int seconds;
	int runs;
};

/* A process we started, and the read end of its bench pipe if it has one. */
struct child {
	const char *what;	/* "kiosk" or "Xvfb", for messages */
	pid_t pid;		/* 0 once reaped */
	int status;		/* wait status, valid once reaped */
	int fd;			/* read end of the bench pipe, or -1 */
	bool eof;
	size_t len;
	char buf[LINE_CAP];
	int64_t spawn_ns;	/* CLOCK_MONOTONIC just before fork() */
};

struct idle_figures {
	double wakeups_per_s;
	uint64_t cpu_ms;
};

struct task_count {
	pid_t tid;
	uint64_t switches;
};

struct task_snapshot {
	size_t n;
	struct task_count t[TASK_CAP];
};

/*
 * The only mutable globals: a signal handler can reach nothing else. The
 * handler writes one byte to wake_w so that a poll() on wake_r never misses
 * a signal that lands just before it blocks.
 */
static volatile sig_atomic_t stop_signal;
static int wake_r = -1;
static int wake_w = -1;

static int64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * NS_PER_S + ts.tv_nsec;
}

static void on_signal(int sig)
{
	int saved = errno;
	char c = 0;
	ssize_t r;

	if (sig != SIGCHLD)
		stop_signal = sig;
	r = write(wake_w, &c, 1);
	(void)r;	/* a full pipe already guarantees a wake-up */
	errno = saved;
}

static bool set_cloexec(int fd, bool on)
{
	int flags = fcntl(fd, F_GETFD);

	if (flags < 0)
		return false;
	flags = on ? flags | FD_CLOEXEC : flags & ~FD_CLOEXEC;
	return fcntl(fd, F_SETFD, flags) == 0;
}

static enum bench_err signals_init(void)
{
	static const int sigs[] = { SIGCHLD, SIGINT, SIGTERM, SIGHUP };
	struct sigaction sa;
	int p[2];
	size_t i;

	if (pipe(p) != 0) {
		fprintf(stderr, "bench: pipe: %s\n", strerror(errno));
		return BENCH_ERR_SYS;
	}
	wake_r = p[0];
	wake_w = p[1];
	for (i = 0; i < 2; i++) {
		int fl = fcntl(p[i], F_GETFL);

		if (fl < 0 || fcntl(p[i], F_SETFL, fl | O_NONBLOCK) != 0 ||
		    !set_cloexec(p[i], true)) {
			fprintf(stderr, "bench: fcntl: %s\n", strerror(errno));
			return BENCH_ERR_SYS;
		}
	}
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	/* SA_RESTART keeps /proc reads simple; poll() still returns early. */
	sa.sa_flags = SA_RESTART | SA_NOCLDSTOP;
	for (i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++) {
		if (sigaction(sigs[i], &sa, NULL) != 0) {
			fprintf(stderr, "bench: sigaction: %s\n", strerror(errno));
			return BENCH_ERR_SYS;
		}
	}
	return BENCH_OK;
}

static void drain_wake_pipe(void)
{
	char buf[64];

	while (read(wake_r, buf, sizeof(buf)) > 0)
		;
}

/*
 * Sleep until fd (if >= 0) is readable, a signal arrives, or the deadline.
 * Returns BENCH_OK (fd readable), BENCH_ERR_WOKEN (some child may have
 * exited: look again), BENCH_ERR_TIMEOUT or BENCH_ERR_INTERRUPTED.
 */
static enum bench_err wait_fd(int fd, int64_t deadline)
{
	struct pollfd pfd[2];
	int64_t left;
	int timeout, n;

	if (stop_signal)
		return BENCH_ERR_INTERRUPTED;
	left = deadline - now_ns();
	if (left <= 0)
		return BENCH_ERR_TIMEOUT;
	/* Round up so we never wake just before the deadline and spin. */
	left = (left + NS_PER_MS - 1) / NS_PER_MS;
	timeout = left > INT_MAX ? INT_MAX : (int)left;

	pfd[0].fd = wake_r;
	pfd[0].events = POLLIN;
	pfd[1].fd = fd;		/* poll() ignores a negative fd */
	pfd[1].events = POLLIN;
	pfd[0].revents = pfd[1].revents = 0;
	n = poll(pfd, 2, timeout);
	if (n < 0 && errno != EINTR) {
		fprintf(stderr, "bench: poll: %s\n", strerror(errno));
		return BENCH_ERR_SYS;
	}
	if (pfd[0].revents) {
		drain_wake_pipe();
		return stop_signal ? BENCH_ERR_INTERRUPTED : BENCH_ERR_WOKEN;
	}
	if (n < 0)
		return BENCH_ERR_WOKEN;
	if (fd >= 0 && pfd[1].revents)
		return BENCH_OK;
	return now_ns() >= deadline ? BENCH_ERR_TIMEOUT : BENCH_ERR_WOKEN;
}

static void describe_status(int status, char *out, size_t cap)
{
	if (WIFEXITED(status))
		snprintf(out, cap, "exited with status %d",
			 WEXITSTATUS(status));
	else if (WIFSIGNALED(status))
		snprintf(out, cap, "was killed by signal %d (%s)",
			 WTERMSIG(status), strsignal(WTERMSIG(status)));
	else
		snprintf(out, cap, "ended with wait status 0x%x", status);
}

/* Reap the child if it has exited; true if it is gone. */
static bool child_exited(struct child *c)
{
	pid_t r;

	if (c->pid == 0)
		return true;
	do
		r = waitpid(c->pid, &c->status, WNOHANG);
	while (r < 0 && errno == EINTR);
	if (r == c->pid || (r < 0 && errno == ECHILD)) {
		c->pid = 0;
		return true;
	}
	return false;
}

/* Wait for the child to exit: BENCH_OK, BENCH_ERR_TIMEOUT or _INTERRUPTED. */
static enum bench_err child_wait_exit(struct child *c, int64_t deadline)
{
	enum bench_err err;

	for (;;) {
		if (child_exited(c))
			return BENCH_OK;
		err = wait_fd(-1, deadline);
		if (err == BENCH_ERR_TIMEOUT)
			return child_exited(c) ? BENCH_OK : BENCH_ERR_TIMEOUT;
		if (err != BENCH_ERR_WOKEN)
			return err;
	}
}

/* Kill the child if it still runs, reap it, close its pipe. Idempotent. */
static void child_release(struct child *c)
{
	if (c->pid > 0) {
		kill(c->pid, SIGKILL);
		while (waitpid(c->pid, &c->status, 0) < 0 && errno == EINTR)
			;
		c->pid = 0;
	}
	if (c->fd >= 0) {
		close(c->fd);
		c->fd = -1;
	}
}

/* Report a child that is gone when it should not be. Always BENCH_ERR_DIED. */
static enum bench_err child_died(const struct child *c, const char *when)
{
	char how[96];

	describe_status(c->status, how, sizeof(how));
	fprintf(stderr, "bench: %s %s %s\n", c->what, how, when);
	return BENCH_ERR_DIED;
}

/*
 * SIGTERM, then insist on a clean exit 0 within EXIT_TIMEOUT_MS: the kiosk
 * is stopped this way by the service manager, so a hang or a crash on the
 * way out is misbehaviour.
 */
static enum bench_err kiosk_stop(struct child *c)
{
	char how[96];
	enum bench_err err;

	if (child_exited(c))
		return child_died(c, "before we sent SIGTERM");
	kill(c->pid, SIGTERM);
	err = child_wait_exit(c, now_ns() + EXIT_TIMEOUT_MS * NS_PER_MS);
	if (err == BENCH_ERR_TIMEOUT)
		fprintf(stderr, "bench: %s did not exit within %d s of SIGTERM; killing it\n",
			c->what, EXIT_TIMEOUT_MS / 1000);
	if (err)
		return err;
	if (!WIFEXITED(c->status) || WEXITSTATUS(c->status) != 0) {
		describe_status(c->status, how, sizeof(how));
		fprintf(stderr, "bench: %s %s on SIGTERM (expected exit 0)\n",
			c->what, how);
		return BENCH_ERR_DIED;
	}
	return BENCH_OK;
}

/*
 * fork+exec path with argv and envp. stdin is /dev/null and stdout goes to
 * our stderr, so the child can neither block on a terminal nor mix text into
 * the figures. If bench_w >= 0 it is the only fd of ours the child keeps.
 */
static enum bench_err spawn(struct child *c, const char *path,
			    char *const argv[], char *const envp[], int bench_w)
{
	int devnull = open("/dev/null", O_RDONLY | O_CLOEXEC);
	pid_t pid;

	if (devnull < 0) {
		fprintf(stderr, "bench: /dev/null: %s\n", strerror(errno));
		return BENCH_ERR_SYS;
	}
	c->spawn_ns = now_ns();
	pid = fork();
	if (pid == 0) {
		/* Child. We are single-threaded: libc is safe here. */
		if (dup2(devnull, STDIN_FILENO) < 0 ||
		    dup2(STDERR_FILENO, STDOUT_FILENO) < 0 ||
		    (bench_w >= 0 && !set_cloexec(bench_w, false))) {
			dprintf(STDERR_FILENO, "bench: setting up %s: %s\n",
				c->what, strerror(errno));
			_exit(127);
		}
		execve(path, argv, envp);
		dprintf(STDERR_FILENO, "bench: cannot execute %s: %s\n", path,
			strerror(errno));
		_exit(127);
	}
	close(devnull);
	if (pid < 0) {
		fprintf(stderr, "bench: fork: %s\n", strerror(errno));
		return BENCH_ERR_SPAWN;
	}
	c->pid = pid;
	return BENCH_OK;
}

/* Our environment with SDL_VIDEODRIVER and DISPLAY replaced. Caller frees. */
static char **kiosk_env(char *driver_kv, char *display_kv)
{
	size_t n = 0, i, j = 0;
	char **envp;

	while (environ[n])
		n++;
	envp = calloc(n + 3, sizeof(*envp));
	if (!envp)
		return NULL;
	for (i = 0; i < n; i++) {
		if (strncmp(environ[i], "SDL_VIDEODRIVER=", 16) == 0)
			continue;
		if (display_kv && strncmp(environ[i], "DISPLAY=", 8) == 0)
			continue;
		envp[j++] = environ[i];
	}
	envp[j++] = driver_kv;
	if (display_kv)
		envp[j++] = display_kv;
	envp[j] = NULL;
	return envp;
}

/* Start the kiosk. frames > 0 adds --bench-frames; display NULL = none. */
static enum bench_err kiosk_spawn(struct child *c, const struct bench_opts *o,
				  const char *driver, const char *display,
				  int frames)
{
	char driver_kv[64], display_kv[32], fd_arg[16], frames_arg[16];
	char *argv[16];
	char **envp;
	enum bench_err err;
	int p[2], i = 0;

	memset(c, 0, sizeof(*c));
	c->what = "kiosk";
	c->fd = -1;
	snprintf(driver_kv, sizeof(driver_kv), "SDL_VIDEODRIVER=%s", driver);
	if (display)
		snprintf(display_kv, sizeof(display_kv), "DISPLAY=%s", display);
	envp = kiosk_env(driver_kv, display ? display_kv : NULL);
	if (!envp) {
		fprintf(stderr, "bench: out of memory\n");
		return BENCH_ERR_SYS;
	}
	if (pipe(p) != 0 || !set_cloexec(p[0], true) ||
	    !set_cloexec(p[1], true)) {
		fprintf(stderr, "bench: pipe: %s\n", strerror(errno));
		free(envp);
		return BENCH_ERR_SYS;
	}
	snprintf(fd_arg, sizeof(fd_arg), "%d", p[1]);
	snprintf(frames_arg, sizeof(frames_arg), "%d", frames);
	argv[i++] = (char *)o->kiosk;
	argv[i++] = "--config";
	argv[i++] = (char *)o->config;
	argv[i++] = "--data-dir";
	argv[i++] = (char *)o->data_dir;
	argv[i++] = "--panel";
	argv[i++] = (char *)o->panel;
	argv[i++] = "--start";
	argv[i++] = (char *)o->start;
	argv[i++] = "--bench-fd";
	argv[i++] = fd_arg;
	if (frames > 0) {
		argv[i++] = "--bench-frames";
		argv[i++] = frames_arg;
	}
	argv[i] = NULL;

	err = spawn(c, o->kiosk, argv, envp, p[1]);
	/* Only the child may hold the write end, or we would never see EOF. */
	close(p[1]);
	free(envp);
	if (err) {
		close(p[0]);
		return err;
	}
	c->fd = p[0];
	return BENCH_OK;
}

/*
 * The kiosk closed its end of the pipe. Give it a moment to become a zombie
 * so that we can say how it ended; closing the fd and living on is a
 * protocol error in its own right.
 */
static enum bench_err kiosk_eof(struct child *c, const char *waiting_for)
{
	char when[96];
	enum bench_err err;

	err = child_wait_exit(c, now_ns() + 1000 * NS_PER_MS);
	if (err == BENCH_OK) {
		snprintf(when, sizeof(when), "while we waited for %s",
			 waiting_for);
		return child_died(c, when);
	}
	if (err == BENCH_ERR_TIMEOUT) {
		fprintf(stderr, "bench: kiosk closed its bench fd while we waited for %s\n",
			waiting_for);
		return BENCH_ERR_PROTOCOL;
	}
	return err;
}

/* Move one complete line out of the child's buffer; false if none yet. */
static bool take_line(struct child *c, char *line, size_t cap)
{
	char *nl = memchr(c->buf, '\n', c->len);
	size_t n;

	if (!nl)
		return false;
	n = (size_t)(nl - c->buf);
	if (n >= cap)
		n = cap - 1;
	memcpy(line, c->buf, n);
	line[n] = '\0';
	n = (size_t)(nl - c->buf) + 1;
	memmove(c->buf, c->buf + n, c->len - n);
	c->len -= n;
	return true;
}

/*
 * Next line from the kiosk, without '\n', by the deadline. Only EOF counts
 * as death here, never SIGCHLD: a kiosk that writes its last lines and exits
 * must have them read first.
 */
static enum bench_err kiosk_read_line(struct child *c, char *line, size_t cap,
				      int64_t deadline, const char *waiting_for)
{
	enum bench_err err;
	ssize_t r;

	for (;;) {
		if (take_line(c, line, cap))
			return BENCH_OK;
		if (c->len == sizeof(c->buf)) {
			fprintf(stderr, "bench: kiosk wrote a line longer than %zu bytes on its bench fd\n",
				sizeof(c->buf));
			return BENCH_ERR_PROTOCOL;
		}
		if (c->eof)
			return kiosk_eof(c, waiting_for);
		err = wait_fd(c->fd, deadline);
		if (err == BENCH_ERR_WOKEN)
			continue;	/* a dead kiosk reaches EOF */
		if (err == BENCH_ERR_TIMEOUT)
			fprintf(stderr, "bench: kiosk gave no %s within %.1f s of its start; killing it\n",
				waiting_for,
				(double)(deadline - c->spawn_ns) / NS_PER_S);
		if (err)
			return err;
		r = read(c->fd, c->buf + c->len, sizeof(c->buf) - c->len);
		if (r < 0 && errno != EINTR) {
			fprintf(stderr, "bench: reading bench fd: %s\n",
				strerror(errno));
			return BENCH_ERR_SYS;
		}
		if (r == 0)
			c->eof = true;
		else if (r > 0)
			c->len += (size_t)r;
	}
}

/* Wait for "first-frame <ns>" and check the stamp is on our clock. */
static enum bench_err kiosk_first_frame(struct child *c, int64_t *ff_ns)
{
	int64_t deadline = c->spawn_ns + FIRST_FRAME_TIMEOUT_MS * NS_PER_MS;
	char line[LINE_CAP], *end;
	enum bench_err err;
	long long v;
	int64_t now;

	for (;;) {
		err = kiosk_read_line(c, line, sizeof(line), deadline,
				      "first frame");
		if (err)
			return err;
		if (strncmp(line, "first-frame ", 12) == 0)
			break;
		fprintf(stderr, "bench: ignoring unexpected line from kiosk: %s\n",
			line);
	}
	now = now_ns();
	errno = 0;
	v = strtoll(line + 12, &end, 10);
	if (errno || end == line + 12 || *end != '\0') {
		fprintf(stderr, "bench: bad first-frame line from kiosk: %s\n",
			line);
		return BENCH_ERR_PROTOCOL;
	}
	if (v < c->spawn_ns || v > now) {
		fprintf(stderr, "bench: first-frame time %lld ns is not between the spawn (%" PRId64
			") and now (%" PRId64 "): is the kiosk using CLOCK_MONOTONIC?\n",
			v, c->spawn_ns, now);
		return BENCH_ERR_PROTOCOL;
	}
	*ff_ns = v;
	return BENCH_OK;
}

/*
 * Sleep until the deadline while the kiosk idles; fail if it dies. Anything
 * it writes meanwhile is off-protocol but harmless: logged, not fatal.
 */
static enum bench_err kiosk_idle_until(struct child *c, int64_t deadline)
{
	char line[LINE_CAP];
	enum bench_err err;
	ssize_t r;

	for (;;) {
		err = wait_fd(c->eof ? -1 : c->fd, deadline);
		if (err == BENCH_ERR_TIMEOUT) {
			if (child_exited(c))
				return child_died(c, "while idle");
			return BENCH_OK;
		}
		if (err == BENCH_ERR_WOKEN) {
			if (child_exited(c))
				return child_died(c, "while idle");
			continue;
		}
		if (err)
			return err;
		r = read(c->fd, c->buf + c->len, sizeof(c->buf) - c->len);
		if (r < 0 && errno != EINTR) {
			fprintf(stderr, "bench: reading bench fd: %s\n",
				strerror(errno));
			return BENCH_ERR_SYS;
		}
		if (r == 0) {
			/* Dead, or just done with the fd: wake-ups tell. */
			c->eof = true;
			continue;
		}
		if (r > 0)
			c->len += (size_t)r;
		while (take_line(c, line, sizeof(line)))
			fprintf(stderr, "bench: kiosk wrote while idle: %s\n",
				line);
		if (c->len == sizeof(c->buf))
			c->len = 0;	/* an endless line: drop it */
	}
}

/*
 * Sum the values of the lines starting with each key (e.g. "Pss:") in a
 * /proc text file; hits counts matching lines. Returns 0 or an errno value,
 * so that a caller can tell a thread that just exited (ENOENT, ESRCH) from a
 * real failure.
 */
struct proc_field {
	const char *key;
	uint64_t value;
	unsigned hits;
};

static int proc_scan(const char *path, struct proc_field *f, size_t nf)
{
	char line[512];
	size_t i, klen;
	FILE *fp;
	int fd, err = 0;

	for (i = 0; i < nf; i++) {
		f[i].value = 0;
		f[i].hits = 0;
	}
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return errno;
	fp = fdopen(fd, "r");
	if (!fp) {
		err = errno;
		close(fd);
		return err;
	}
	while (fgets(line, sizeof(line), fp)) {
		for (i = 0; i < nf; i++) {
			klen = strlen(f[i].key);
			if (strncmp(line, f[i].key, klen) == 0) {
				f[i].value += strtoull(line + klen, NULL, 10);
				f[i].hits++;
			}
		}
	}
	if (ferror(fp))
		err = errno ? errno : EIO;
	fclose(fp);
	return err;
}

/* One /proc value that must be there, e.g. VmHWM of a live kiosk. */
static enum bench_err proc_value(pid_t pid, const char *file, const char *key,
				 uint64_t *out)
{
	struct proc_field f = { .key = key };
	char path[64];
	int err;

	snprintf(path, sizeof(path), "/proc/%d/%s", (int)pid, file);
	err = proc_scan(path, &f, 1);
	if (err) {
		fprintf(stderr, "bench: %s: %s\n", path, strerror(err));
		return BENCH_ERR_PROC;
	}
	if (f.hits == 0) {
		fprintf(stderr, "bench: %s has no %s line\n", path, key);
		return BENCH_ERR_PROC;
	}
	*out = f.value;
	return BENCH_OK;
}

/* utime + stime of the whole process (live and exited threads), in ticks. */
static enum bench_err proc_cpu_ticks(pid_t pid, uint64_t *ticks)
{
	char path[64], buf[1024], *p, *end;
	uint64_t utime, stime;
	ssize_t n;
	int fd, i;

	snprintf(path, sizeof(path), "/proc/%d/stat", (int)pid);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		fprintf(stderr, "bench: %s: %s\n", path, strerror(errno));
		return BENCH_ERR_PROC;
	}
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0) {
		fprintf(stderr, "bench: %s: cannot read\n", path);
		return BENCH_ERR_PROC;
	}
	buf[n] = '\0';
	/* comm may hold spaces and ')': fields start after the last ')'. */
	p = strrchr(buf, ')');
	/* After ')': state, then fields 4..13; utime is 14, stime 15. */
	for (i = 0; p && i < 12; i++)
		p = strchr(p + 1, ' ');
	if (!p) {
		fprintf(stderr, "bench: %s: unexpected format\n", path);
		return BENCH_ERR_PROC;
	}
	utime = strtoull(p, &end, 10);
	stime = strtoull(end, NULL, 10);
	*ticks = utime + stime;
	return BENCH_OK;
}

static bool is_number(const char *s)
{
	if (!*s)
		return false;
	for (; *s; s++) {
		if (*s < '0' || *s > '9')
			return false;
	}
	return true;
}

/* Switch counts of every thread of pid right now. */
static enum bench_err task_snapshot_take(pid_t pid, struct task_snapshot *s)
{
	struct proc_field f[2] = {
		{ .key = "voluntary_ctxt_switches:" },
		{ .key = "nonvoluntary_ctxt_switches:" },
	};
	char dir[64], path[96];
	struct dirent *e;
	enum bench_err err = BENCH_OK;
	DIR *d;
	int r, tid;

	s->n = 0;
	snprintf(dir, sizeof(dir), "/proc/%d/task", (int)pid);
	d = opendir(dir);
	if (!d) {
		fprintf(stderr, "bench: %s: %s\n", dir, strerror(errno));
		return BENCH_ERR_PROC;
	}
	for (;;) {
		e = readdir(d);
		if (!e)
			break;
		if (!is_number(e->d_name))
			continue;
		tid = atoi(e->d_name);
		snprintf(path, sizeof(path), "%s/%d/status", dir, tid);
		r = proc_scan(path, f, 2);
		if (r == ENOENT || r == ESRCH)
			continue;	/* exited since readdir: not present */
		if (r || f[0].hits != 1 || f[1].hits != 1) {
			fprintf(stderr, "bench: %s: %s\n", path,
				r ? strerror(r) : "no ctxt_switches lines");
			err = BENCH_ERR_PROC;
			break;
		}
		if (s->n == TASK_CAP) {
			fprintf(stderr, "bench: kiosk has more than %d threads\n",
				TASK_CAP);
			err = BENCH_ERR_PROC;
			break;
		}
		s->t[s->n].tid = (pid_t)tid;
		s->t[s->n].switches = f[0].value + f[1].value;
		s->n++;
	}
	closedir(d);
	return err;
}

/*
 * Switches during the window by the threads present at its end. A thread
 * born inside the window counts in full; see DESIGN for exited ones.
 */
static uint64_t task_switches_between(const struct task_snapshot *a,
				      const struct task_snapshot *b)
{
	uint64_t sum = 0, before;
	size_t i, j, born = 0, gone;

	for (i = 0; i < b->n; i++) {
		before = 0;
		for (j = 0; j < a->n; j++) {
			if (a->t[j].tid == b->t[i].tid) {
				before = a->t[j].switches;
				break;
			}
		}
		if (j == a->n)
			born++;
		if (b->t[i].switches >= before)
			sum += b->t[i].switches - before;
	}
	gone = a->n + born - b->n;
	if (born || gone)
		fprintf(stderr, "bench: thread churn during the window: %zu started, %zu exited (not counted)\n",
			born, gone);
	return sum;
}

/*
 * The idle window: wait until SETTLE_MS after the first frame, snapshot,
 * sleep --seconds, snapshot. The kiosk must stay alive throughout.
 */
static enum bench_err measure_idle(struct child *c, int64_t ff_ns,
				   const char *driver, int seconds,
				   struct idle_figures *out)
{
	struct task_snapshot a, b;
	uint64_t cpu_a, cpu_b;
	int64_t t_a, t_b;
	enum bench_err err;
	long tck = sysconf(_SC_CLK_TCK);

	err = kiosk_idle_until(c, ff_ns + SETTLE_MS * NS_PER_MS);
	if (err)
		return err;
	fprintf(stderr, "bench: idle window of %d s with SDL_VIDEODRIVER=%s...\n",
		seconds, driver);
	t_a = now_ns();
	err = task_snapshot_take(c->pid, &a);
	if (!err)
		err = proc_cpu_ticks(c->pid, &cpu_a);
	if (err)
		return err;
	err = kiosk_idle_until(c, t_a + seconds * NS_PER_S);
	if (err)
		return err;
	err = task_snapshot_take(c->pid, &b);
	if (!err)
		err = proc_cpu_ticks(c->pid, &cpu_b);
	t_b = now_ns();
	if (err)
		return err;
	if (child_exited(c))
		return child_died(c, "during the idle window");
	fprintf(stderr, "bench: %zu threads at the start of the window, %zu at the end\n",
		a.n, b.n);
	out->wakeups_per_s = (double)task_switches_between(&a, &b) /
			     ((double)(t_b - t_a) / NS_PER_S);
	if (tck <= 0)
		tck = 100;
	out->cpu_ms = (cpu_b >= cpu_a ? cpu_b - cpu_a : 0) * 1000 /
		      (uint64_t)tck;
	return BENCH_OK;
}

static void print_figure(const char *name, const char *value,
			 const char *unit)
{
	printf("%s %s %s\n", name, value, unit);
	fflush(stdout);
}

static void print_double(const char *name, double v, int decimals,
			 const char *unit)
{
	char buf[64];

	snprintf(buf, sizeof(buf), "%.*f", decimals, v);
	print_figure(name, buf, unit);
}

static void print_u64(const char *name, uint64_t v, const char *unit)
{
	char buf[32];

	snprintf(buf, sizeof(buf), "%" PRIu64, v);
	print_figure(name, buf, unit);
}

static int cmp_double(const void *pa, const void *pb)
{
	double a = *(const double *)pa, b = *(const double *)pb;

	return (a > b) - (a < b);
}

/* Pss figures after the idle window; smaps_rollup, or smaps on old kernels. */
static enum bench_err print_pss(pid_t pid)
{
	struct proc_field f[3] = {
		{ .key = "Pss:" },
		{ .key = "Pss_Anon:" },
		{ .key = "Pss_File:" },
	};
	char path[64];
	int r;

	snprintf(path, sizeof(path), "/proc/%d/smaps_rollup", (int)pid);
	r = proc_scan(path, f, 3);
	if (r == ENOENT) {
		snprintf(path, sizeof(path), "/proc/%d/smaps", (int)pid);
		r = proc_scan(path, f, 1);
		f[1].hits = f[2].hits = 0;	/* no per-mapping split */
	}
	if (r || f[0].hits == 0) {
		fprintf(stderr, "bench: %s: %s\n", path,
			r ? strerror(r) : "no Pss line");
		return BENCH_ERR_PROC;
	}
	print_u64("pss_kib", f[0].value, "KiB");
	if (f[1].hits)
		print_u64("pss_anon_kib", f[1].value, "KiB");
	if (f[2].hits)
		print_u64("pss_file_kib", f[2].value, "KiB");
	return BENCH_OK;
}

#define AVAIL_SERVICES		50
#define AVAIL_DAYS		90
#define AVAIL_ROUNDS		51
#define AVAIL_BUSY_CAP		4096

struct avail_service {
	struct booking_rules rules;
	struct booking_busy busy[AVAIL_BUSY_CAP];
	int nbusy;
};

/* Deterministic, so two runs measure the same work. */
static uint32_t avail_rand(uint32_t *state)
{
	*state = *state * 1664525u + 1013904223u;
	return *state >> 8;
}

static void avail_rules(struct booking_rules *r, int i)
{
	static const int duration[] = { 15, 20, 30, 45 };
	static const int buffer[] = { 0, 5, 10 };
	int d;

	memset(r, 0, sizeof(*r));
	r->offered = true;
	r->duration_min = duration[i % 4];
	r->buffer_min = buffer[i % 3];
	r->notice_min = 60;
	r->horizon_days = AVAIL_DAYS;
	r->capacity = 1 + i % 4;
	for (d = 0; d < 5; d++) {
		r->hours[d][0][0] = 8 * 60 + (i % 2) * 30;
		r->hours[d][0][1] = 12 * 60;
		r->hours[d][1][0] = 12 * 60 + 30;
		r->hours[d][1][1] = (d == 3 ? 18 : 15) * 60 + 30;
		r->spans[d] = 2;
	}
	r->mode_days[BOOKING_IN_PERSON] = 0x1f;
	r->mode_days[BOOKING_PHONE] = 0x1f;
	r->mode_days[BOOKING_VIDEO] = 0x01;
}

static double avail_round_ms(const struct avail_service *sv,
			     const struct booking_calendar *closed,
			     const struct tz *zone, int64_t now,
			     struct booking_slot *out, long *slots)
{
	int64_t t0 = now_ns(), to = now + (int64_t)AVAIL_DAYS * 86400;
	int i;

	*slots = 0;
	for (i = 0; i < AVAIL_SERVICES; i++)
		*slots += booking_slots(&sv[i].rules, closed, BOOKING_IN_PERSON,
					zone, now, now, to, sv[i].busy,
					sv[i].nbusy, out, BOOKING_MAX_SLOTS);
	return (double)(now_ns() - t0) / NS_PER_MS;
}

/* availability_50x90_ms: see the DESIGN comment. */
static enum bench_err bench_availability(void)
{
	static struct avail_service sv[AVAIL_SERVICES];
	static struct booking_slot out[BOOKING_MAX_SLOTS];
	struct booking_calendar closed;
	double ms[AVAIL_ROUNDS];
	struct tz zone;
	struct tz_rule rule;
	uint32_t seed = 12345;
	long slots = 0, busy = 0;
	int64_t now, day;
	int i, k, n, b;

	if (!tz_rule_parse(&rule, "CET-1CEST,M3.5.0,M10.5.0/3"))
		return BENCH_ERR_SYS;
	tz_fixed(&zone, "Europe/Copenhagen", rule.std_offset_s);
	zone.rule = rule;
	zone.has_rule = true;
	/* Thursday 1 October 2026, 08:00 UTC: the window crosses 25 October. */
	now = tz_days_from_civil(2026, 10, 1) * 86400 + 8 * 3600;
	memset(&closed, 0, sizeof(closed));
	day = tz_days_from_civil(2026, 12, 24);
	closed.c[closed.n++] = (struct booking_closure){ day, day + 2, 0, 1440 };
	day = tz_days_from_civil(2026, 12, 31);
	closed.c[closed.n++] = (struct booking_closure){ day, day + 1, 0, 1440 };
	day = tz_days_from_civil(2026, 11, 27);
	closed.c[closed.n++] = (struct booking_closure){ day, day, 720, 960 };
	for (i = 0; i < AVAIL_SERVICES; i++) {
		avail_rules(&sv[i].rules, i);
		/* About half the capacity booked: each slot gets 0..capacity. */
		n = booking_slots(&sv[i].rules, &closed, BOOKING_IN_PERSON,
				  &zone, now, now, now + AVAIL_DAYS * 86400LL,
				  NULL, 0, out, BOOKING_MAX_SLOTS);
		sv[i].nbusy = 0;
		for (k = 0; k < n; k++) {
			int take = (int)(avail_rand(&seed) %
					 (uint32_t)(sv[i].rules.capacity + 1));

			for (b = 0; b < take && sv[i].nbusy < AVAIL_BUSY_CAP; b++)
				sv[i].busy[sv[i].nbusy++] = (struct booking_busy){
					out[k].start, out[k].end };
		}
		busy += sv[i].nbusy;
	}
	for (i = 0; i < 3; i++)
		avail_round_ms(sv, &closed, &zone, now, out, &slots);
	for (i = 0; i < AVAIL_ROUNDS; i++)
		ms[i] = avail_round_ms(sv, &closed, &zone, now, out, &slots);
	qsort(ms, AVAIL_ROUNDS, sizeof(ms[0]), cmp_double);
	fprintf(stderr, "bench: availability: %ld free slots of %d services, "
		"%ld busy meetings, %d rounds, fastest %.3f ms, slowest %.3f ms\n",
		slots, AVAIL_SERVICES, busy, AVAIL_ROUNDS, ms[0],
		ms[AVAIL_ROUNDS - 1]);
	print_double("availability_50x90_ms", ms[AVAIL_ROUNDS / 2], 3, "ms");
	return BENCH_OK;
}

/* guide_library_*: see bench_guides.c. */
static enum bench_err bench_guide_library_in(const struct bench_opts *o)
{
	char dir[PATH_MAX];

	if ((size_t)snprintf(dir, sizeof(dir), "%s/guides", o->assets) >= sizeof(dir))
		return BENCH_ERR_USAGE;
	return bench_guide_library(dir) == 0 ? BENCH_OK : BENCH_ERR_GUIDES;
}

/*
 * --runs start-ups timed to the first frame; the last one is kept running for
 * the memory and idle figures, then every one is stopped with SIGTERM.
 */
static enum bench_err bench_offscreen(const struct bench_opts *o)
{
	double ms[RUNS_CAP], sorted[RUNS_CAP], median;
	uint64_t hwm_first = 0, hwm_end = 0;
	struct idle_figures idle = { 0 };
	enum bench_err err = BENCH_OK;
	struct child c;
	int64_t ff;
	int i, n;

	for (i = 0; i < o->runs; i++) {
		bool last = i == o->runs - 1;

		err = kiosk_spawn(&c, o, "offscreen", NULL, 0);
		if (err)
			return err;
		err = kiosk_first_frame(&c, &ff);
		if (err)
			goto out;
		ms[i] = (double)(ff - c.spawn_ns) / NS_PER_MS;
		fprintf(stderr, "bench: run %d/%d: first frame after %.1f ms\n",
			i + 1, o->runs, ms[i]);
		if (last) {
			err = proc_value(c.pid, "status", "VmHWM:", &hwm_first);
			if (!err)
				err = measure_idle(&c, ff, "offscreen",
						   o->seconds, &idle);
			if (!err)
				err = proc_value(c.pid, "status", "VmHWM:",
						 &hwm_end);
			if (err == BENCH_ERR_PROC && child_exited(&c))
				err = child_died(&c, "while we read /proc");
			if (err)
				goto out;
			fprintf(stderr, "bench: VmHWM %" PRIu64 " KiB after the first frame, %" PRIu64
				" KiB after the idle window\n", hwm_first,
				hwm_end);
			n = o->runs;
			memcpy(sorted, ms, (size_t)n * sizeof(ms[0]));
			qsort(sorted, (size_t)n, sizeof(sorted[0]), cmp_double);
			median = n % 2 ? sorted[n / 2] :
				 (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
			print_double("first_frame_ms", median, 1, "ms");
			print_double("first_frame_ms_max", sorted[n - 1], 1,
				     "ms");
			print_u64("peak_rss_kib", hwm_end, "KiB");
			err = print_pss(c.pid);
			if (err == BENCH_ERR_PROC && child_exited(&c))
				err = child_died(&c, "while we read /proc");
			if (err)
				goto out;
			print_double("idle_wakeups_per_s", idle.wakeups_per_s,
				     2, "wakeups/s");
			print_u64("idle_cpu_ms", idle.cpu_ms, "ms");
		}
		err = kiosk_stop(&c);
		if (err)
			goto out;
		child_release(&c);
	}
	return BENCH_OK;
out:
	child_release(&c);
	return err;
}

/* A line a --bench-frames run reports, "KEY VALUE" (µs, or a count). */
struct frame_key {
	const char *key;
	double v;
	bool seen;
};

/* Parse one such line into its key; false if not one of ours. */
static bool parse_frame_line(const char *line, struct frame_key *k, size_t nk)
{
	size_t i, klen;
	char *end;
	double v;

	for (i = 0; i < nk; i++) {
		klen = strlen(k[i].key);
		if (strncmp(line, k[i].key, klen) != 0 || line[klen] != ' ')
			continue;
		v = strtod(line + klen + 1, &end);
		if (end == line + klen + 1 || *end != '\0' || v < 0)
			return false;
		k[i].v = v;
		k[i].seen = true;
		return true;
	}
	return false;
}

static bool all_seen(const struct frame_key *k, size_t nk)
{
	size_t i;

	for (i = 0; i < nk; i++) {
		if (!k[i].seen)
			return false;
	}
	return true;
}

/* A separate run with --bench-frames (on o's panel and start screen): the
 * value of every key, then exit 0. */
static enum bench_err frame_run(const struct bench_opts *o, struct frame_key *k, size_t nk)
{
	char line[LINE_CAP];
	enum bench_err err;
	struct child c;
	int64_t ff, deadline;

	fprintf(stderr, "bench: frame run on %s, %s: %d forced frames...\n",
		o->start, o->panel, BENCH_FRAMES);
	err = kiosk_spawn(&c, o, "offscreen", NULL, BENCH_FRAMES);
	if (err)
		return err;
	err = kiosk_first_frame(&c, &ff);
	if (err)
		goto out;
	deadline = ff + FRAMES_TIMEOUT_MS * NS_PER_MS;
	while (!all_seen(k, nk)) {
		err = kiosk_read_line(&c, line, sizeof(line), deadline,
				      "frame statistics");
		if (err)
			goto out;
		if (!parse_frame_line(line, k, nk))
			fprintf(stderr, "bench: ignoring unexpected line from kiosk: %s\n",
				line);
	}
	err = child_wait_exit(&c, now_ns() + EXIT_TIMEOUT_MS * NS_PER_MS);
	if (err == BENCH_ERR_TIMEOUT)
		fprintf(stderr, "bench: kiosk did not exit within %d s of writing frame statistics; killing it\n",
			EXIT_TIMEOUT_MS / 1000);
	if (err)
		goto out;
	if (!WIFEXITED(c.status) || WEXITSTATUS(c.status) != 0)
		err = child_died(&c, "after the frame run (expected exit 0)");
out:
	child_release(&c);
	return err;
}

/* The kiosk's frame-time percentiles on the home screen, and ticket renders. */
static enum bench_err bench_frames(const struct bench_opts *o)
{
	struct frame_key k[] = {
		{ "frame-p50-us" }, { "frame-p99-us" }, { "frame-max-us" },
		{ "ticket-receipt80-p50-us" }, { "ticket-a4-p50-us" },
	};
	enum bench_err err = frame_run(o, k, sizeof(k) / sizeof(k[0]));

	if (err)
		return err;
	print_double("frame_p50_ms", k[0].v / 1000, 3, "ms");
	print_double("frame_p99_ms", k[1].v / 1000, 3, "ms");
	print_double("frame_max_ms", k[2].v / 1000, 3, "ms");
	print_double("ticket_render_receipt80_ms", k[3].v / 1000, 3, "ms");
	print_double("ticket_render_a4_300dpi_ms", k[4].v / 1000, 3, "ms");
	return BENCH_OK;
}

/* guide_step_*: the kiosk started on guide.step at 1280x800 (see DESIGN). */
static enum bench_err bench_guide_step(const struct bench_opts *o)
{
	struct frame_key k[] = {
		{ "guide-step-first-us" }, { "guide-step-first-n" },
		{ "guide-step-p50-us" }, { "guide-step-p99-us" },
	};
	struct bench_opts g = *o;
	enum bench_err err;

	g.panel = GUIDE_PANEL;
	g.start = GUIDE_START;
	err = frame_run(&g, k, sizeof(k) / sizeof(k[0]));
	if (err)
		return err;
	fprintf(stderr, "bench: guide step: first frames of %.0f steps, each with a picture not drawn before\n",
		k[1].v);
	print_double("guide_step_first_ms", k[0].v / 1000, 3, "ms");
	print_double("guide_step_cached_ms", k[2].v / 1000, 3, "ms");
	print_double("guide_step_cached_p99_ms", k[3].v / 1000, 3, "ms");
	return BENCH_OK;
}

/* Full path of prog in $PATH, or false. */
static bool find_in_path(const char *prog, char *out, size_t cap)
{
	const char *path = getenv("PATH"), *p, *colon;
	size_t len;

	if (!path)
		path = "/usr/bin:/bin";
	for (p = path;; p = colon + 1) {
		colon = strchr(p, ':');
		len = colon ? (size_t)(colon - p) : strlen(p);
		if (len == 0)
			snprintf(out, cap, "./%s", prog);
		else
			snprintf(out, cap, "%.*s/%s", (int)len, p, prog);
		if (access(out, X_OK) == 0)
			return true;
		if (!colon)
			return false;
	}
}

/*
 * Start Xvfb on the first display of :90..:99 with neither socket nor lock
 * file, and wait for its socket. If it exits at once (display taken behind
 * our back), try the next one.
 */
static enum bench_err xvfb_start(struct child *x, const char *xvfb,
				 int *display)
{
	char disp[16], sock[64], lock[64];
	char *argv[] = {
		(char *)xvfb, disp, "-screen", "0", XVFB_SCREEN,
		"-nolisten", "tcp", NULL,
	};
	struct stat st;
	enum bench_err err;
	int64_t deadline, step;
	int n;

	for (n = XVFB_FIRST_DISPLAY; n <= XVFB_LAST_DISPLAY; n++) {
		snprintf(disp, sizeof(disp), ":%d", n);
		snprintf(sock, sizeof(sock), "/tmp/.X11-unix/X%d", n);
		snprintf(lock, sizeof(lock), "/tmp/.X%d-lock", n);
		if (lstat(sock, &st) == 0 || lstat(lock, &st) == 0)
			continue;
		memset(x, 0, sizeof(*x));
		x->what = "Xvfb";
		x->fd = -1;
		err = spawn(x, xvfb, argv, environ, -1);
		if (err)
			return err;
		deadline = x->spawn_ns + XVFB_TIMEOUT_MS * NS_PER_MS;
		for (;;) {
			if (lstat(sock, &st) == 0) {
				*display = n;
				return BENCH_OK;
			}
			if (child_exited(x)) {
				child_died(x, "at start; trying the next display");
				break;
			}
			/* Nothing wakes us when the socket appears: look. */
			step = now_ns() + XVFB_POLL_MS * NS_PER_MS;
			err = wait_fd(-1, step < deadline ? step : deadline);
			if (err == BENCH_ERR_TIMEOUT && now_ns() >= deadline) {
				fprintf(stderr, "bench: Xvfb %s made no socket within %d s\n",
					disp, XVFB_TIMEOUT_MS / 1000);
				child_release(x);
				return BENCH_ERR_TIMEOUT;
			}
			if (err == BENCH_ERR_INTERRUPTED ||
			    err == BENCH_ERR_SYS) {
				child_release(x);
				return err;
			}
		}
	}
	fprintf(stderr, "bench: no free X display in :%d..:%d\n",
		XVFB_FIRST_DISPLAY, XVFB_LAST_DISPLAY);
	return BENCH_ERR_SPAWN;
}

static void xvfb_stop(struct child *x)
{
	if (x->pid > 0) {
		kill(x->pid, SIGTERM);
		if (child_wait_exit(x, now_ns() + EXIT_TIMEOUT_MS * NS_PER_MS))
			fprintf(stderr, "bench: Xvfb ignored SIGTERM; killing it\n");
	}
	child_release(x);
}

/* Idle figures with the x11 driver on a private Xvfb, if Xvfb is there. */
static enum bench_err bench_x11(const struct bench_opts *o)
{
	struct idle_figures idle = { 0 };
	struct child x, c;
	char xvfb[PATH_MAX], disp[16];
	enum bench_err err;
	int display;
	int64_t ff;

	if (!find_in_path("Xvfb", xvfb, sizeof(xvfb))) {
		fprintf(stderr, "bench: note: Xvfb is not on PATH; skipping the x11 figures\n");
		return BENCH_OK;
	}
	err = xvfb_start(&x, xvfb, &display);
	if (err)
		return err;
	snprintf(disp, sizeof(disp), ":%d", display);
	fprintf(stderr, "bench: Xvfb on display %s\n", disp);
	err = kiosk_spawn(&c, o, "x11", disp, 0);
	if (err)
		goto out_xvfb;
	c.what = "kiosk (x11)";
	err = kiosk_first_frame(&c, &ff);
	if (err)
		goto out;
	fprintf(stderr, "bench: x11: first frame after %.1f ms\n",
		(double)(ff - c.spawn_ns) / NS_PER_MS);
	err = measure_idle(&c, ff, "x11", o->seconds, &idle);
	if (err == BENCH_ERR_PROC && child_exited(&c))
		err = child_died(&c, "while we read /proc");
	if (err)
		goto out;
	err = kiosk_stop(&c);
	if (err)
		goto out;
	print_double("idle_wakeups_per_s_x11", idle.wakeups_per_s, 2,
		     "wakeups/s");
	print_u64("idle_cpu_ms_x11", idle.cpu_ms, "ms");
out:
	child_release(&c);
out_xvfb:
	xvfb_stop(&x);
	return err;
}

/* rm -rf without following symlinks; returns 0 or the first errno. */
static int remove_tree_at(int at, const char *name, int depth)
{
	struct dirent *e;
	DIR *d;
	int fd, r, err = 0;

	if (unlinkat(at, name, 0) == 0)
		return 0;
	if (errno != EISDIR && errno != EPERM)
		return errno;
	if (depth > 32)
		return ELOOP;
	fd = openat(at, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0)
		return errno;
	d = fdopendir(fd);
	if (!d) {
		err = errno;
		close(fd);
		return err;
	}
	for (;;) {
		e = readdir(d);
		if (!e)
			break;
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		r = remove_tree_at(dirfd(d), e->d_name, depth + 1);
		if (r && !err)
			err = r;
	}
	closedir(d);
	if (unlinkat(at, name, AT_REMOVEDIR) != 0 && !err)
		err = errno;
	return err;
}

static bool parse_int(const char *s, int lo, int hi, int *out)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (errno || end == s || *end != '\0' || v < lo || v > hi)
		return false;
	*out = (int)v;
	return true;
}

static void usage(void)
{
	fprintf(stderr,
		"usage: kiosk_bench --kiosk PATH --assets DIR [--seconds N] [--runs N]\n"
		"  --kiosk PATH    kiosk binary to measure\n"
		"  --assets DIR    assets directory (DIR/site/demo.ini is used)\n"
		"  --seconds N     idle window length, 1..%d (default 10)\n"
		"  --runs N        start-ups timed to the first frame, 1..%d (default 5)\n"
		"Prints \"name value unit\" lines on stdout; see the DESIGN comment in\n"
		"tests/bench/bench.c for what each figure means.\n",
		SECONDS_CAP, RUNS_CAP);
}

static enum bench_err parse_args(int argc, char **argv, struct bench_opts *o)
{
	const char *opt, *val;
	int i;

	o->seconds = 10;
	o->runs = 5;
	o->panel = KIOSK_PANEL;
	o->start = KIOSK_START;
	for (i = 1; i < argc; i++) {
		opt = argv[i];
		if (strcmp(opt, "--help") == 0 || strcmp(opt, "-h") == 0) {
			usage();
			return BENCH_ERR_USAGE;
		}
		if (i + 1 >= argc) {
			fprintf(stderr, "bench: %s: missing value or unknown option\n",
				opt);
			usage();
			return BENCH_ERR_USAGE;
		}
		val = argv[++i];
		if (strcmp(opt, "--kiosk") == 0) {
			o->kiosk = val;
		} else if (strcmp(opt, "--assets") == 0) {
			o->assets = val;
		} else if (strcmp(opt, "--seconds") == 0) {
			if (!parse_int(val, 1, SECONDS_CAP, &o->seconds)) {
				fprintf(stderr, "bench: --seconds: want 1..%d, got %s\n",
					SECONDS_CAP, val);
				return BENCH_ERR_USAGE;
			}
		} else if (strcmp(opt, "--runs") == 0) {
			if (!parse_int(val, 1, RUNS_CAP, &o->runs)) {
				fprintf(stderr, "bench: --runs: want 1..%d, got %s\n",
					RUNS_CAP, val);
				return BENCH_ERR_USAGE;
			}
		} else {
			fprintf(stderr, "bench: unknown option %s\n", opt);
			usage();
			return BENCH_ERR_USAGE;
		}
	}
	if (!o->kiosk || !o->assets) {
		usage();
		return BENCH_ERR_USAGE;
	}
	if (access(o->kiosk, X_OK) != 0) {
		fprintf(stderr, "bench: kiosk %s: %s\n", o->kiosk,
			strerror(errno));
		return BENCH_ERR_USAGE;
	}
	if ((size_t)snprintf(o->config, sizeof(o->config), "%s/site/demo.ini",
			     o->assets) >= sizeof(o->config)) {
		fprintf(stderr, "bench: --assets path too long\n");
		return BENCH_ERR_USAGE;
	}
	if (access(o->config, R_OK) != 0) {
		fprintf(stderr, "bench: config %s: %s\n", o->config,
			strerror(errno));
		return BENCH_ERR_USAGE;
	}
	return BENCH_OK;
}

int main(int argc, char **argv)
{
	struct bench_opts o;
	enum bench_err err;
	int fd, r;

	/* With 0..2 closed, our pipes could land there and be clobbered. */
	for (;;) {
		fd = open("/dev/null", O_RDWR);
		if (fd < 0)
			return 1;
		if (fd > STDERR_FILENO) {
			close(fd);
			break;
		}
	}
	memset(&o, 0, sizeof(o));
	err = parse_args(argc, argv, &o);
	if (err)
		return 2;
	err = signals_init();
	if (err)
		return 1;
	snprintf(o.data_dir, sizeof(o.data_dir), "/tmp/kiosk-bench-XXXXXX");
	if (!mkdtemp(o.data_dir)) {
		fprintf(stderr, "bench: mkdtemp: %s\n", strerror(errno));
		return 1;
	}
	fprintf(stderr, "bench: kiosk %s, data dir %s, %d runs, %d s idle\n",
		o.kiosk, o.data_dir, o.runs, o.seconds);

	/* First: its memory child is forked from this process before anything else allocates much. */
	err = bench_guide_library_in(&o);
	if (!err)
		err = bench_availability();
	if (!err)
		err = bench_offscreen(&o);
	if (!err)
		err = bench_frames(&o);
	if (!err)
		err = bench_guide_step(&o);
	if (!err)
		err = bench_x11(&o);

	r = remove_tree_at(AT_FDCWD, o.data_dir, 0);
	if (r)
		fprintf(stderr, "bench: removing %s: %s\n", o.data_dir,
			strerror(r));
	if (err) {
		fprintf(stderr, "bench: failed: %s\n", bench_err_str(err));
		return 1;
	}
	return 0;
}
