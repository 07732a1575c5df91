/*
 * The printer service: checks the printer and prints tickets, on its own
 * thread, so that no CUPS call ever runs on the UI thread.
 *
 * DESIGN: the UI queues tasks (check, print) in a small ring under a mutex
 * and signals a condition variable; the printer thread sleeps on it while
 * idle (no polling) and replies through post.h. A print is: check (a ticket
 * is never promised when paper cannot come out), render a ticket or a
 * booking slip into its page with the thread's own text engine (made at the
 * first one, kept until the thread ends), encode the page (PWG raster
 * if the printer takes it at the page's resolution, else PDF), Print-Job,
 * then follow the job (every POLL_FAST_MS, later POLL_MS) until it completes,
 * fails, shows a lasting problem (paper out, jam, cover open, gone, stopped:
 * cancelled after TROUBLE_MS) or outlives job_timeout_s (cancelled, so a
 * printer brought back later never prints a stale ticket).
 *
 * Destination: an ipp:// or ipps:// URI is the printer itself; anything else
 * is a queue of the cupsd named by cupsServer(). cupsd does not poll idle
 * printers (cups.md 5.2), so a queue's printer, when its device-uri speaks
 * IPP, is asked directly for paper, jam and cover; the queue says whether it
 * is stopped or accepting.
 *
 * Connections live for one task and are closed when it ends: the next task,
 * maybe minutes later, starts with a fresh, bounded connect instead of a kept
 * one the printer has long dropped. All waits are bounded
 * (printer_private.h) and end early when printer_stop sets the stop flag.
 *
 * Threading: the ring, check_queued and stop are shared under the mutex
 * (stop is also atomic: libcups' timeout callback reads it); everything else,
 * the http_t handles above all, belongs to the printer thread.
 */
#define _GNU_SOURCE /* pthread_setname_np: "kiosk-printer" in top -H and /proc */
#include "printer_private.h"

#include "text.h"
#include "ticket_render.h"

#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define QUEUE_CAP 16
#define CHECK_MS 3000	/* Get-Printer-Attributes, connect included */
#define REQUEST_MS 3000 /* one request while following a job */
#define CANCEL_MS 2000
#define STOP_CANCEL_MS 1000 /* when the kiosk shuts down */
#define POLL_FAST_MS 100    /* job follow-up: most tickets are done within a second */
#define POLL_FAST_FOR_MS 2000
#define POLL_MS 250	/* ...then at this pace */
#define TROUBLE_MS 3000 /* a problem lasting this long ends the job */
#define DEFAULT_JOB_TIMEOUT_S 30

enum task_kind { TASK_CHECK, TASK_PRINT };

struct task {
	enum task_kind kind;
	struct printer_page *page; /* TASK_PRINT; owned by the ring, then by the thread */
};

struct printer {
	pthread_t thread;
	pthread_mutex_t lock;
	pthread_cond_t cond;
	atomic_bool stop;
	struct task ring[QUEUE_CAP]; /* [head, head + count) */
	int head, count;
	bool check_queued; /* one queued check answers every caller */
	struct printer_cfg cfg;
	struct post *post;

	/* Printer thread only. */
	enum { DEST_NONE, DEST_URI, DEST_QUEUE } kind;
	struct ipp_conn dest;	/* the printer, or the cupsd queue */
	struct ipp_conn device; /* a queue's printer, when its device-uri speaks IPP */
	bool has_device;
	bool device_refused;	   /* logged that the queue's printer will not answer us */
	enum printer_state logged; /* last state logged: a lasting failure is logged once */
	struct text_engine *te;    /* renders tickets; NULL until the first one */
};

/* What a check found. */
struct check {
	enum printer_state state;
	unsigned flags;			/* PRINTER_FLAG_* */
	struct ipp_printer_status dest; /* the formats come from where the job goes */
};

static void log_state(struct printer *p, enum printer_state s, const char *fmt, ...)
{
	/* Requests cut short by printer_stop are not the printer's fault. */
	if (s == p->logged || atomic_load(&p->stop))
		return;
	p->logged = s;
	if (s == PRINTER_READY)
		return;
	char msg[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	fprintf(stderr, "kiosk: printer: %s: %s\n", printer_state_str(s), msg);
}

static void reply(struct printer *p, enum app_msg_kind kind, int status, int arg)
{
	/* After printer_stop nobody is listening (the UI may be gone). */
	if (atomic_load(&p->stop))
		return;
	struct app_msg m = {kind, status, arg};
	post_send(p->post, &m);
}

static void free_page(struct printer_page *page)
{
	if (!page)
		return;
	free(page->gray);
	free(page->ticket);
	if (page->slip)
		explicit_bzero(page->slip, sizeof(*page->slip)); /* what a visitor booked */
	free(page->slip);
	free(page);
}

/* Sleeps ms, or less when printer_stop is called. */
static void pause_ms(struct printer *p, int ms)
{
	struct timespec until = printer_after_ms(ms);
	pthread_mutex_lock(&p->lock);
	while (!atomic_load(&p->stop) && pthread_cond_timedwait(&p->cond, &p->lock, &until) != ETIMEDOUT)
		;
	pthread_mutex_unlock(&p->lock);
}

static long long now_ms(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (long long)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

/* How bad a state is, to combine what the queue and its printer say: the
 * physical cause first (staff can fix it at the kiosk; a printer that stops
 * itself on a jam reports both), then the queue's own state. */
static int severity(enum printer_state s)
{
	switch (s) {
	case PRINTER_READY:
		return 0;
	case PRINTER_NOT_ACCEPTING:
		return 1;
	case PRINTER_STOPPED:
		return 2;
	case PRINTER_NO_PAPER:
		return 3;
	case PRINTER_JAM:
		return 4;
	case PRINTER_COVER_OPEN:
		return 5;
	case PRINTER_UNREACHABLE:
		return 7;
	default:
		return 6;
	}
}

static enum printer_state worse(enum printer_state a, enum printer_state b)
{
	return severity(b) > severity(a) ? b : a;
}

static enum printer_state state_of(const struct ipp_printer_status *s, unsigned reasons)
{
	if (s->reach != PRINTER_READY)
		return s->reach;
	if (reasons & IPP_R_OFFLINE)
		return PRINTER_UNREACHABLE;
	if (reasons & IPP_R_COVER)
		return PRINTER_COVER_OPEN;
	if (reasons & IPP_R_JAM)
		return PRINTER_JAM;
	if (reasons & IPP_R_NO_PAPER)
		return PRINTER_NO_PAPER;
	if (s->state == IPP_PSTATE_STOPPED || (reasons & IPP_R_PAUSED))
		return PRINTER_STOPPED;
	if (!s->accepting)
		return PRINTER_NOT_ACCEPTING;
	return PRINTER_READY;
}

/* A lasting one of these ends a job that is being followed. */
static bool is_trouble(enum printer_state s)
{
	return s == PRINTER_NO_PAPER || s == PRINTER_JAM || s == PRINTER_COVER_OPEN || s == PRINTER_UNREACHABLE ||
	       s == PRINTER_STOPPED;
}

static void log_check(struct printer *p, enum printer_state state, const struct ipp_conn *c,
		      const struct ipp_printer_status *s)
{
	if (s->reach != PRINTER_READY)
		log_state(p, state, "%s", c->error);
	else
		log_state(p, state, "%s: state %d, reasons %s, accepting %s%s%s%s", c->uri, s->state,
			  s->reasons_text[0] ? s->reasons_text : "none", s->accepting ? "yes" : "no",
			  s->message[0] ? " (" : "", s->message, s->message[0] ? ")" : "");
}

static void check(struct printer *p, struct check *out)
{
	memset(out, 0, sizeof(*out));
	if (p->kind == DEST_NONE) {
		out->state = PRINTER_NOT_CONFIGURED;
		return;
	}
	ipp_get_printer(&p->dest, CHECK_MS, &out->dest);
	if (p->kind == DEST_URI || out->dest.reach != PRINTER_READY) {
		out->state = state_of(&out->dest, out->dest.reasons);
		out->flags =
		    out->dest.reach == PRINTER_READY && (out->dest.reasons & IPP_R_LOW) ? PRINTER_FLAG_PAPER_LOW : 0;
		log_check(p, out->state, &p->dest, &out->dest);
		return;
	}

	/* A queue: ask its printer too, when it can be asked. */
	ipp_conn_close(&p->device);
	p->has_device = ipp_conn_set_uri(&p->device, out->dest.device_uri, &p->stop);
	struct ipp_printer_status dev;
	if (p->has_device) {
		ipp_get_printer(&p->device, CHECK_MS, &dev);
		if (dev.reach == PRINTER_OTHER_ERROR) {
			/* It answers but will not tell us (a login, a path it
			 * does not serve): cupsd's view is all there is. */
			if (!p->device_refused)
				fprintf(stderr, "kiosk: printer: using the queue's state only: %s\n", p->device.error);
			p->device_refused = true;
			p->has_device = false;
		}
	}
	if (!p->has_device) {
		out->state = state_of(&out->dest, out->dest.reasons);
		out->flags = out->dest.reasons & IPP_R_LOW ? PRINTER_FLAG_PAPER_LOW : 0;
		log_check(p, out->state, &p->dest, &out->dest);
		return;
	}
	/* cupsd's copy of the printer's reasons is a snapshot from the last
	 * job (cups.md 5.2): the printer's own answer replaces it. */
	unsigned hw = IPP_R_NO_PAPER | IPP_R_JAM | IPP_R_COVER | IPP_R_LOW;
	enum printer_state q = state_of(&out->dest, out->dest.reasons & ~hw);
	enum printer_state d = state_of(&dev, dev.reasons);
	out->state = worse(q, d);
	out->flags = dev.reach == PRINTER_READY && (dev.reasons & IPP_R_LOW) ? PRINTER_FLAG_PAPER_LOW : 0;
	if (out->state == d && d != PRINTER_READY)
		log_check(p, out->state, &p->device, &dev);
	else
		log_check(p, out->state, &p->dest, &out->dest);
}

/* While a job runs: what the printer says now (for a queue, its device). */
static enum printer_state probe(struct printer *p)
{
	struct ipp_printer_status s;
	if (p->kind == DEST_QUEUE && p->has_device) {
		ipp_get_printer(&p->device, REQUEST_MS, &s);
		return state_of(&s, s.reasons);
	}
	ipp_get_printer(&p->dest, REQUEST_MS, &s);
	return state_of(&s, s.reasons);
}

static bool dpi_supported(const struct ipp_printer_status *s, int dpi)
{
	if (s->ndpi == 0)
		return true;
	for (int i = 0; i < s->ndpi; i++)
		if (s->dpi[i] == dpi)
			return true;
	return false;
}

static const char *choose_format(const struct ipp_printer_status *s, int dpi)
{
	if ((s->formats & IPP_FMT_PWG) && s->sgray8 && dpi_supported(s, dpi))
		return "image/pwg-raster";
	if (s->formats & IPP_FMT_PDF)
		return "application/pdf";
	return NULL;
}

static void cancel(struct printer *p, int job_id, int timeout_ms)
{
	if (!ipp_cancel_job(&p->dest, job_id, timeout_ms))
		fprintf(stderr, "kiosk: printer: cannot cancel job %d: %s\n", job_id, p->dest.error);
}

/* Follows job_id until it ends; the outcome. */
static enum printer_state follow(struct printer *p, int job_id, long long deadline_ms, const char *job_name)
{
	enum printer_state trouble = PRINTER_READY;
	long long trouble_since = 0, started = now_ms();
	for (;;) {
		if (atomic_load(&p->stop)) {
			/* Shutting down: a ticket nobody waits for must not come out
			 * later. This one request may not be interrupted (it is short). */
			p->dest.stop = NULL;
			cancel(p, job_id, STOP_CANCEL_MS);
			p->dest.stop = &p->stop;
			return PRINTER_JOB_FAILED;
		}
		enum printer_state reach;
		int js = ipp_get_job_state(&p->dest, job_id, REQUEST_MS, &reach);
		if (js == IPP_JSTATE_COMPLETED)
			return PRINTER_READY;
		enum printer_state now = probe(p);
		if (js == IPP_JSTATE_CANCELED || js == IPP_JSTATE_ABORTED) {
			enum printer_state s = is_trouble(now) ? now : PRINTER_JOB_FAILED;
			fprintf(stderr, "kiosk: printer: job %d (%s) %s by the printer; printer: %s\n", job_id,
				job_name, js == IPP_JSTATE_CANCELED ? "cancelled" : "aborted", printer_state_str(now));
			return s;
		}
		if (js == 0 && reach != PRINTER_UNREACHABLE) {
			fprintf(stderr, "kiosk: printer: job %d (%s): %s\n", job_id, job_name, p->dest.error);
			return PRINTER_JOB_FAILED;
		}
		if (js == 0)
			now = PRINTER_UNREACHABLE;

		long long t = now_ms();
		if (!is_trouble(now)) {
			trouble = PRINTER_READY;
		} else if (now != trouble) {
			trouble = now;
			trouble_since = t;
		} else if (t - trouble_since >= TROUBLE_MS) {
			fprintf(stderr, "kiosk: printer: job %d (%s) cancelled: printer %s for %d s\n", job_id,
				job_name, printer_state_str(now), TROUBLE_MS / 1000);
			cancel(p, job_id, CANCEL_MS);
			return now;
		}
		if (t >= deadline_ms) {
			fprintf(stderr, "kiosk: printer: job %d (%s) cancelled: not done after %d s\n", job_id,
				job_name, p->cfg.job_timeout_s);
			cancel(p, job_id, CANCEL_MS);
			return PRINTER_JOB_TIMEOUT;
		}
		pause_ms(p, t - started < POLL_FAST_FOR_MS ? POLL_FAST_MS : POLL_MS);
	}
}

/* Turns a page's ticket or slip into its pixels, on this thread. */
static enum printer_state render(struct printer *p, struct printer_page *page)
{
	char why[256];
	if (!p->te && !(p->te = text_engine_create(p->cfg.assets_dir, why, sizeof(why)))) {
		fprintf(stderr, "kiosk: printer: cannot render tickets: %s\n", why);
		return PRINTER_OTHER_ERROR;
	}
	int overflow = 0;
	if (page->slip) {
		const struct slip_job *slip = page->slip;
		enum kiosk_err err =
		    ticket_render_slip(p->te, &slip->s, slip->paper, &page->gray, &page->w, &page->h, &overflow);
		if (err != KIOSK_OK) {
			fprintf(stderr, "kiosk: printer: cannot render slip %s: %s\n", page->job_name,
				kiosk_err_str(err));
			return PRINTER_OTHER_ERROR;
		}
		page->dpi = slip->paper->dpi;
		return PRINTER_READY;
	}
	const struct ticket_job *job = page->ticket;
	enum kiosk_err err = ticket_render(p->te, &job->t, job->paper, &page->gray, &page->w, &page->h, &overflow);
	if (err != KIOSK_OK) {
		fprintf(stderr, "kiosk: printer: cannot render ticket %s: %s\n", job->t.number, kiosk_err_str(err));
		return PRINTER_OTHER_ERROR;
	}
	page->dpi = job->paper->dpi;
	return PRINTER_READY;
}

static enum printer_state print(struct printer *p, struct printer_page *page)
{
	struct check c;
	check(p, &c);
	if (c.state != PRINTER_READY)
		return c.state;
	if (!page->gray && (page->ticket || page->slip)) {
		enum printer_state r = render(p, page);
		if (r != PRINTER_READY)
			return r;
	}

	const char *format = choose_format(&c.dest, page->dpi);
	if (!format) {
		fprintf(stderr, "kiosk: printer: %s takes neither PWG raster (sgray_8, %d dpi) nor PDF\n", p->dest.uri,
			page->dpi);
		return PRINTER_JOB_FAILED;
	}
	struct pwg_doc doc = {0};
	enum kiosk_err err = strcmp(format, "image/pwg-raster") == 0
				 ? pwg_write_gray(page->gray, page->w, page->h, page->dpi, &doc)
				 : printer_pdf_write(page->gray, page->w, page->h, page->dpi, &doc);
	if (err != KIOSK_OK) {
		fprintf(stderr, "kiosk: printer: cannot encode a %dx%d page as %s: %s\n", page->w, page->h, format,
			kiosk_err_str(err));
		pwg_doc_fini(&doc);
		return PRINTER_OTHER_ERROR;
	}

	long long deadline = now_ms() + (long long)p->cfg.job_timeout_s * 1000;
	enum printer_state why;
	long long left = deadline - now_ms();
	int job_id = ipp_print_job(&p->dest, page->job_name, format, &doc, left > 1000 ? (int)left : 1000, &why);
	pwg_doc_fini(&doc);
	if (job_id == 0) {
		fprintf(stderr, "kiosk: printer: %s\n", p->dest.error);
		return why;
	}
	/* The printer has the job: tell the UI at once (the visitor's progress,
	 * the benchmark's "tap to job accepted"), then follow it to the end. */
	reply(p, APP_MSG_PRINT_ACCEPTED, PRINTER_READY, page->tag);
	return follow(p, job_id, deadline, page->job_name);
}

static void setup(struct printer *p)
{
	const char *d = p->cfg.destination;
	if (!d[0]) {
		p->kind = DEST_NONE;
	} else if (strncmp(d, "ipp://", 6) == 0 || strncmp(d, "ipps://", 7) == 0) {
		p->kind = ipp_conn_set_uri(&p->dest, d, &p->stop) ? DEST_URI : DEST_NONE;
	} else {
		p->kind = ipp_conn_set_queue(&p->dest, d, &p->stop) ? DEST_QUEUE : DEST_NONE;
	}
	if (d[0] && p->kind == DEST_NONE)
		fprintf(stderr, "kiosk: printer: \"%s\" is neither a printer URI nor a queue name\n", d);
}

static const char *no_password(const char *prompt, http_t *http, const char *method, const char *resource, void *data)
{
	(void)prompt;
	(void)http;
	(void)method;
	(void)resource;
	(void)data;
	return NULL;
}

static void *run(void *arg)
{
	struct printer *p = arg;
	/* A printer that drops the connection must not kill the kiosk with SIGPIPE;
	 * blocked here, the write fails with EPIPE instead. This thread only. */
	sigset_t pipe;
	sigemptyset(&pipe);
	sigaddset(&pipe, SIGPIPE);
	pthread_sigmask(SIG_BLOCK, &pipe, NULL);
	/* A kiosk has nobody to type a password: a server that asks for one
	 * gets no answer (libcups would prompt on the terminal). This thread only. */
	cupsSetPasswordCB2(no_password, NULL);
	setup(p);

	pthread_mutex_lock(&p->lock);
	for (;;) {
		while (!atomic_load(&p->stop) && p->count == 0)
			pthread_cond_wait(&p->cond, &p->lock);
		if (atomic_load(&p->stop))
			break;
		struct task t = p->ring[p->head];
		p->head = (p->head + 1) % QUEUE_CAP;
		p->count--;
		if (t.kind == TASK_CHECK)
			p->check_queued = false;
		pthread_mutex_unlock(&p->lock);

		if (t.kind == TASK_CHECK) {
			struct check c;
			check(p, &c);
			reply(p, APP_MSG_PRINTER_STATE, c.state, (int)c.flags);
		} else {
			enum printer_state s = print(p, t.page);
			reply(p, APP_MSG_PRINT_DONE, s, t.page->tag);
			free_page(t.page);
		}
		ipp_conn_close(&p->dest);
		ipp_conn_close(&p->device);

		pthread_mutex_lock(&p->lock);
	}
	/* Stopped: what is still queued will not be printed, nor answered. */
	int dropped = 0;
	for (; p->count > 0; p->count--, p->head = (p->head + 1) % QUEUE_CAP) {
		if (p->ring[p->head].kind == TASK_PRINT) {
			free_page(p->ring[p->head].page);
			dropped++;
		}
	}
	pthread_mutex_unlock(&p->lock);
	if (dropped)
		fprintf(stderr, "kiosk: printer: %d queued tickets dropped at shutdown\n", dropped);
	text_engine_destroy(p->te);
	return NULL;
}

struct printer *printer_start(const struct printer_cfg *cfg, struct post *post)
{
	struct printer *p = calloc(1, sizeof(*p));
	if (!p)
		return NULL;
	p->cfg = *cfg;
	p->cfg.destination[sizeof(p->cfg.destination) - 1] = '\0';
	if (p->cfg.job_timeout_s <= 0)
		p->cfg.job_timeout_s = DEFAULT_JOB_TIMEOUT_S;
	p->post = post;
	p->logged = PRINTER_READY;
	atomic_init(&p->stop, false);
	pthread_mutex_init(&p->lock, NULL);
	pthread_condattr_t ca;
	pthread_condattr_init(&ca);
	pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
	pthread_cond_init(&p->cond, &ca);
	pthread_condattr_destroy(&ca);
	if (pthread_create(&p->thread, NULL, run, p) != 0) {
		pthread_cond_destroy(&p->cond);
		pthread_mutex_destroy(&p->lock);
		free(p);
		return NULL;
	}
	pthread_setname_np(p->thread, "kiosk-printer");
	return p;
}

/* Queues t; false when the ring is full. Prints leave the last slot free:
 * a check is always answered. Caller holds the lock. */
static bool push(struct printer *p, struct task t)
{
	if (p->count >= QUEUE_CAP - (t.kind == TASK_PRINT))
		return false;
	p->ring[(p->head + p->count++) % QUEUE_CAP] = t;
	pthread_cond_signal(&p->cond);
	return true;
}

void printer_check(struct printer *p)
{
	pthread_mutex_lock(&p->lock);
	if (!p->check_queued && push(p, (struct task){TASK_CHECK, NULL}))
		p->check_queued = true;
	pthread_mutex_unlock(&p->lock);
}

void printer_submit(struct printer *p, struct printer_page *page)
{
	pthread_mutex_lock(&p->lock);
	bool queued = push(p, (struct task){TASK_PRINT, page});
	pthread_mutex_unlock(&p->lock);
	if (!queued) {
		/* Tickets come from visitors' taps, one at a time: fifteen waiting
		 * means the printer thread is stuck, not a busy lobby. */
		fprintf(stderr, "kiosk: printer: %d tickets waiting; ticket %d refused\n", QUEUE_CAP - 1, page->tag);
		struct app_msg m = {APP_MSG_PRINT_DONE, PRINTER_OTHER_ERROR, page->tag};
		post_send(p->post, &m);
		free_page(page);
	}
}

void printer_stop(struct printer *p)
{
	if (!p)
		return;
	pthread_mutex_lock(&p->lock);
	atomic_store(&p->stop, true);
	pthread_cond_broadcast(&p->cond);
	pthread_mutex_unlock(&p->lock);
	pthread_join(p->thread, NULL);
	pthread_cond_destroy(&p->cond);
	pthread_mutex_destroy(&p->lock);
	free(p);
}

const char *printer_state_str(enum printer_state s)
{
	switch (s) {
	case PRINTER_READY:
		return "ready";
	case PRINTER_NO_PAPER:
		return "out of paper";
	case PRINTER_JAM:
		return "paper jam";
	case PRINTER_COVER_OPEN:
		return "cover open";
	case PRINTER_UNREACHABLE:
		return "unreachable";
	case PRINTER_STOPPED:
		return "stopped";
	case PRINTER_NOT_ACCEPTING:
		return "not accepting jobs";
	case PRINTER_JOB_FAILED:
		return "job failed";
	case PRINTER_JOB_TIMEOUT:
		return "job timed out";
	case PRINTER_NOT_CONFIGURED:
		return "not configured";
	case PRINTER_OTHER_ERROR:
		return "error";
	}
	return "unknown";
}
