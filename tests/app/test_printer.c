/*
 * Tests of the printer service (kiosk/printer.c) against the CUPS test rig
 * (tests/cups/rig.sh): virtual IPP printers and a private cupsd, steered into
 * paper out, jams, open covers, slow or failing jobs. Replies are read the
 * way the UI reads them: SDL user events unpacked by post_receive. What was
 * printed is read back from the virtual printers' spool directories with
 * libcups (PWG raster) or zlib (PDF) and compared pixel for pixel with what
 * was sent.
 *
 * KIOSK_CUPS_RIG names the directory of a running rig (the CTest fixture
 * starts one). Without it the test starts a rig of its own and stops it at
 * the end. Every test starts from a reset rig: printers ready, queues enabled.
 */
#define _XOPEN_SOURCE 700 /* nftw(3) */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <cups/cups.h>
#include <cups/raster.h>
#include <dirent.h>
#include <fcntl.h>
#include <ftw.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <zlib.h>

#include <SDL2/SDL.h>

#include "post.h"
#include "kiosk/i18n.h"
#include "printer.h"
#include "temp_dir.h"
#include "text.h"
#include "ticket_render.h"

#define RIG_SH KIOSK_SOURCE_DIR "/tests/cups/rig.sh"
#define WAIT_MS 15000

/* The rig's env file: KEY=VALUE lines. */
struct rig {
	char dir[512];
	bool own; /* started by this test: stopped at the end */
	char keys[40][32];
	char values[40][512];
	int n;
};

static struct rig rig;

struct fixture {
	bool sdl;
	struct post post;
	struct printer *pr;
};

/* The page a test sent, kept to compare with what the printer received. */
struct sent {
	uint8_t *gray;
	int w, h, dpi;
	char job_name[64];
};

static long long monotonic_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static const char *env(const char *key)
{
	for (int i = 0; i < rig.n; i++)
		if (strcmp(rig.keys[i], key) == 0)
			return rig.values[i];
	fail_msg("the rig's env file has no %s", key);
	return "";
}

static int rig_run(const char *fmt, ...)
{
	char args[512], cmd[1200];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(args, sizeof(args), fmt, ap);
	va_end(ap);
	snprintf(cmd, sizeof(cmd), "sh '%s' %s", RIG_SH, args);
	return system(cmd);
}

static bool load_env(void)
{
	char path[600];
	snprintf(path, sizeof(path), "%s/env", rig.dir);
	FILE *f = fopen(path, "r");
	if (!f)
		return false;
	char line[512];
	rig.n = 0;
	while (fgets(line, sizeof(line), f) && rig.n < 40) {
		line[strcspn(line, "\n")] = '\0';
		char *eq = strchr(line, '=');
		if (!eq || (size_t)(eq - line) >= sizeof(rig.keys[0]))
			continue;
		memcpy(rig.keys[rig.n], line, (size_t)(eq - line));
		rig.keys[rig.n][eq - line] = '\0';
		snprintf(rig.values[rig.n], sizeof(rig.values[0]), "%s", eq + 1);
		rig.n++;
	}
	fclose(f);
	return rig.n > 0;
}

static int group_setup(void **state)
{
	(void)state;
	const char *dir = getenv("KIOSK_CUPS_RIG");
	if (dir && dir[0]) {
		snprintf(rig.dir, sizeof(rig.dir), "%s", dir);
	} else {
		if (!temp_dir_make(rig.dir, sizeof(rig.dir), "kiosk-cups-rig"))
			return -1;
		rig.own = true;
		if (rig_run("start %s", rig.dir) != 0) {
			fprintf(stderr, "test_printer: cannot start the CUPS rig in %s\n", rig.dir);
			return -1;
		}
	}
	if (!load_env()) {
		fprintf(stderr, "test_printer: no rig in %s (KIOSK_CUPS_RIG; start one with %s start DIR)\n", rig.dir,
			RIG_SH);
		return -1;
	}
	/* Every libcups call of the printer thread goes to the rig's cupsd. */
	setenv("CUPS_SERVER", env("CUPS_SERVER"), 1);
	return 0;
}

static int group_teardown(void **state)
{
	(void)state;
	if (rig.own) {
		rig_run("stop %s", rig.dir);
		temp_dir_remove(rig.dir);
	}
	return 0;
}

static int setup(void **state)
{
	struct fixture *fx = calloc(1, sizeof(*fx));
	/* SDL would turn SIGTERM into an SDL_QUIT event: a hung test must stay killable. */
	SDL_SetHint(SDL_HINT_NO_SIGNAL_HANDLERS, "1");
	if (!fx || SDL_Init(SDL_INIT_EVENTS) != 0) {
		free(fx);
		return -1;
	}
	fx->sdl = true;
	*state = fx;
	if (!post_init(&fx->post))
		return -1;
	if (rig_run("reset %s", rig.dir) != 0) {
		fprintf(stderr, "test_printer: cannot reset the rig\n");
		return -1;
	}
	return 0;
}

static int teardown(void **state)
{
	struct fixture *fx = *state;
	if (!fx)
		return 0;
	printer_stop(fx->pr); /* before SDL goes: the thread posts into it */
	if (fx->sdl) {
		post_fini(&fx->post);
		SDL_Quit();
	}
	free(fx);
	return 0;
}

static void start(struct fixture *fx, const char *destination, int job_timeout_s)
{
	struct printer_cfg cfg;
	memset(&cfg, 0, sizeof(cfg));
	snprintf(cfg.destination, sizeof(cfg.destination), "%s", destination);
	/* The fonts, for the pages the printer thread renders itself (read only then). */
	snprintf(cfg.assets_dir, sizeof(cfg.assets_dir), "%s", KIOSK_ASSETS_DIR);
	cfg.job_timeout_s = job_timeout_s;
	fx->pr = printer_start(&cfg, &fx->post);
	assert_non_null(fx->pr);
}

/* The next message of that kind within timeout_ms (others are dropped). */
static bool wait_msg(struct fixture *fx, enum app_msg_kind kind, int timeout_ms, struct app_msg *out)
{
	long long end = monotonic_ms() + timeout_ms;
	for (;;) {
		long long left = end - monotonic_ms();
		if (left <= 0)
			return false;
		SDL_Event ev;
		if (!SDL_WaitEventTimeout(&ev, (int)left))
			continue;
		struct app_msg m;
		if (post_receive(&fx->post, &ev, &m) && m.kind == kind) {
			*out = m;
			return true;
		}
	}
}

static struct app_msg check_now(struct fixture *fx)
{
	struct app_msg m;
	printer_check(fx->pr);
	assert_true(wait_msg(fx, APP_MSG_PRINTER_STATE, WAIT_MS, &m));
	return m;
}

/* A test pattern with long runs, noise and gradients (PackBits both ways). */
static void make_page(struct sent *s, int w, int h, int dpi, const char *what)
{
	static unsigned counter;
	s->w = w;
	s->h = h;
	s->dpi = dpi;
	snprintf(s->job_name, sizeof(s->job_name), "kiosk-test-%d-%u-%s", (int)getpid(), ++counter, what);
	s->gray = malloc((size_t)w * (size_t)h);
	assert_non_null(s->gray);
	uint32_t x32 = 2463534242u ^ counter;
	for (int y = 0; y < h; y++) {
		for (int x = 0; x < w; x++) {
			uint8_t v;
			if (y % 97 < 40)
				v = 255; /* blank band */
			else if (y % 97 < 60)
				v = (uint8_t)(x * 255 / (w - 1));
			else if (x % 50 < 25)
				v = 0;
			else {
				x32 ^= x32 << 13;
				x32 ^= x32 >> 17;
				x32 ^= x32 << 5;
				v = (uint8_t)x32;
			}
			s->gray[(size_t)y * (size_t)w + (size_t)x] = v;
		}
	}
}

/* A copy of s for printer_submit, which consumes it. */
static struct printer_page *page_of(const struct sent *s, int tag)
{
	struct printer_page *p = calloc(1, sizeof(*p));
	assert_non_null(p);
	p->gray = malloc((size_t)s->w * (size_t)s->h);
	assert_non_null(p->gray);
	memcpy(p->gray, s->gray, (size_t)s->w * (size_t)s->h);
	p->w = s->w;
	p->h = s->h;
	p->dpi = s->dpi;
	snprintf(p->job_name, sizeof(p->job_name), "%s", s->job_name);
	p->tag = tag;
	return p;
}

/* Submits and waits for PRINT_DONE; returns its status, *ms the time taken. */
static int print_page(struct fixture *fx, const struct sent *s, int tag, long long *ms)
{
	long long t0 = monotonic_ms();
	printer_submit(fx->pr, page_of(s, tag));
	struct app_msg m;
	assert_true(wait_msg(fx, APP_MSG_PRINT_DONE, WAIT_MS + 30000, &m));
	assert_int_equal(m.arg, tag);
	if (ms)
		*ms = monotonic_ms() - t0;
	return m.status;
}

/* ippeveprinter keeps each document as "<job-id>-<job name>.<ext>" (lower
 * case, other characters as '_'); our job names are already like that. */
static bool find_spooled(const char *dir, const char *job_name, const char *ext, char *path, size_t size, int *job_id)
{
	char suffix[128];
	snprintf(suffix, sizeof(suffix), "-%s.%s", job_name, ext);
	DIR *d = opendir(dir);
	if (!d)
		return false;
	bool found = false;
	struct dirent *e;
	while (!found && (e = readdir(d)) != NULL) {
		size_t n = strlen(e->d_name), k = strlen(suffix);
		if (n > k && strcmp(e->d_name + n - k, suffix) == 0) {
			snprintf(path, size, "%s/%s", dir, e->d_name);
			if (job_id)
				*job_id = atoi(e->d_name);
			found = true;
		}
	}
	closedir(d);
	return found;
}

static int count_files(const char *dir)
{
	DIR *d = opendir(dir);
	assert_non_null(d);
	int n = 0;
	struct dirent *e;
	while ((e = readdir(d)) != NULL)
		n += e->d_name[0] != '.';
	closedir(d);
	return n;
}

/* Reads the spooled PWG raster back with libcups and compares every pixel. */
static void assert_pwg_matches(const char *spool, const struct sent *s)
{
	char path[700];
	assert_true(find_spooled(spool, s->job_name, "pwg", path, sizeof(path), NULL));
	int fd = open(path, O_RDONLY);
	assert_true(fd >= 0);
	cups_raster_t *r = cupsRasterOpen(fd, CUPS_RASTER_READ);
	assert_non_null(r);
	cups_page_header2_t h;
	assert_true(cupsRasterReadHeader2(r, &h));
	assert_int_equal(h.cupsWidth, s->w);
	assert_int_equal(h.cupsHeight, s->h);
	assert_int_equal(h.cupsBitsPerPixel, 8);
	assert_int_equal(h.cupsColorSpace, CUPS_CSPACE_SW);
	assert_int_equal(h.HWResolution[0], s->dpi);
	assert_int_equal(h.HWResolution[1], s->dpi);
	assert_int_equal(h.cupsBytesPerLine, s->w);
	uint8_t *row = malloc((size_t)s->w);
	long differ = 0;
	for (int y = 0; y < s->h; y++) {
		assert_int_equal(cupsRasterReadPixels(r, row, (unsigned)s->w), (unsigned)s->w);
		const uint8_t *want = s->gray + (size_t)y * (size_t)s->w;
		for (int x = 0; x < s->w; x++)
			differ += row[x] != want[x];
	}
	free(row);
	assert_false(cupsRasterReadHeader2(r, &h)); /* one page only */
	cupsRasterClose(r);
	close(fd);
	if (differ)
		fail_msg("%ld of %d pixels differ in %s", differ, s->w * s->h, path);
}

static char *read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	assert_non_null(f);
	fseek(f, 0, SEEK_END);
	long n = ftell(f);
	fseek(f, 0, SEEK_SET);
	char *buf = malloc((size_t)n + 1);
	assert_non_null(buf);
	assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
	buf[n] = '\0';
	fclose(f);
	*len = (size_t)n;
	return buf;
}

static const char *find_in(const char *buf, size_t len, const char *what)
{
	size_t k = strlen(what);
	for (size_t i = 0; i + k <= len; i++)
		if (memcmp(buf + i, what, k) == 0)
			return buf + i;
	return NULL;
}

/* Checks the spooled PDF's structure (xref offsets, page size) and inflates
 * its image to compare every pixel. */
static void assert_pdf_matches(const char *spool, const struct sent *s)
{
	char path[700];
	assert_true(find_spooled(spool, s->job_name, "pdf", path, sizeof(path), NULL));
	size_t len;
	char *pdf = read_file(path, &len);
	assert_memory_equal(pdf, "%PDF-1.", 7);

	/* startxref -> xref table -> every object where the table says. */
	const char *sx = find_in(pdf, len, "startxref\n");
	assert_non_null(sx);
	long xref = strtol(sx + 10, NULL, 10);
	assert_true(xref > 0 && (size_t)xref < len);
	assert_memory_equal(pdf + xref, "xref\n0 ", 7);
	int count = atoi(pdf + xref + 7);
	assert_true(count >= 4);
	const char *entry = strchr(pdf + xref + 5, '\n') + 1;
	for (int i = 0; i < count; i++, entry += 20) {
		if (i == 0) {
			assert_memory_equal(entry, "0000000000 65535 f \n", 20);
			continue;
		}
		long off = strtol(entry, NULL, 10);
		char obj[32];
		snprintf(obj, sizeof(obj), "%d 0 obj", i);
		assert_memory_equal(pdf + off, obj, strlen(obj));
	}

	/* The page is exactly the image, in points. */
	const char *mb = find_in(pdf, len, "/MediaBox [0 0 ");
	assert_non_null(mb);
	double pw = strtod(mb + 15, NULL);
	double ph = strtod(strchr(mb + 15, ' ') + 1, NULL);
	assert_true(pw > s->w * 72.0 / s->dpi - 0.01 && pw < s->w * 72.0 / s->dpi + 0.01);
	assert_true(ph > s->h * 72.0 / s->dpi - 0.01 && ph < s->h * 72.0 / s->dpi + 0.01);

	const char *im = find_in(pdf, len, "/Subtype /Image");
	assert_non_null(im);
	assert_int_equal(atoi(find_in(im, len - (size_t)(im - pdf), "/Width ") + 7), s->w);
	assert_int_equal(atoi(find_in(im, len - (size_t)(im - pdf), "/Height ") + 8), s->h);
	assert_non_null(find_in(im, 200, "/ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /FlateDecode"));
	long zlen = atol(find_in(im, len - (size_t)(im - pdf), "/Length ") + 8);
	const char *data = find_in(im, len - (size_t)(im - pdf), "stream\n") + 7;
	assert_true(data + zlen <= pdf + len);
	uLongf n = (uLongf)s->w * (uLongf)s->h;
	uint8_t *pixels = malloc(n);
	assert_int_equal(uncompress(pixels, &n, (const Bytef *)data, (uLong)zlen), Z_OK);
	assert_int_equal(n, (uLongf)s->w * (uLongf)s->h);
	assert_memory_equal(pixels, s->gray, n);
	free(pixels);
	free(pdf);
}

/* job-state of job_id on a printer, asked with libcups directly. */
static int job_state(const char *uri, int job_id)
{
	char scheme[16], user[64], host[256], resource[256];
	int port;
	httpSeparateURI(HTTP_URI_CODING_ALL, uri, scheme, sizeof(scheme), user, sizeof(user), host, sizeof(host), &port,
			resource, sizeof(resource));
	http_t *http = httpConnect2(host, port, NULL, AF_UNSPEC, HTTP_ENCRYPTION_IF_REQUESTED, 1, 2000, NULL);
	assert_non_null(http);
	ipp_t *req = ippNewRequest(IPP_OP_GET_JOB_ATTRIBUTES);
	ippAddString(req, IPP_TAG_OPERATION, IPP_TAG_URI, "printer-uri", NULL, uri);
	ippAddInteger(req, IPP_TAG_OPERATION, IPP_TAG_INTEGER, "job-id", job_id);
	ipp_t *resp = cupsDoRequest(http, req, resource);
	ipp_attribute_t *a = ippFindAttribute(resp, "job-state", IPP_TAG_ENUM);
	int st = a ? ippGetInteger(a, 0) : 0;
	ippDelete(resp);
	httpClose(http);
	return st;
}

/* Waits (up to 3 s) until the printer's copy of the job is cancelled: the
 * rig's print command notices a pending cancel within ~0.2 s. */
static void assert_cancelled_on_printer(const char *uri, const char *spool, const char *job_name)
{
	char path[700];
	int id = 0;
	assert_true(find_spooled(spool, job_name, "pwg", path, sizeof(path), &id));
	int st = 0;
	for (long long end = monotonic_ms() + 3000; monotonic_ms() < end; SDL_Delay(50)) {
		st = job_state(uri, id);
		if (st >= IPP_JSTATE_CANCELED)
			break;
	}
	assert_int_equal(st, IPP_JSTATE_CANCELED);
}

static void free_sent(struct sent *s)
{
	free(s->gray);
	s->gray = NULL;
}

/* What a test that renders here needs: the shipped translation of lang
 * into *cat, and a text engine over the shipped fonts. */
static struct text_engine *render_setup(const char *lang, struct i18n_catalog **cat)
{
	char path[300], why[200];
	struct i18n_diag diag;
	snprintf(path, sizeof(path), "%s/po/%s.po", KIOSK_ASSETS_DIR, lang);
	assert_int_equal(i18n_catalog_load(path, cat, &diag), KIOSK_OK);
	struct text_engine *te = text_engine_create(KIOSK_ASSETS_DIR, why, sizeof(why));
	assert_non_null(te);
	return te;
}

/* Submits page (consumed) as s's job with tag, waits for PRINT_DONE, and
 * finds on the receipt printer exactly the pixels rendered into s (freed). */
static void assert_printed_as_rendered(struct fixture *fx, struct printer_page *page, int tag, struct sent *s)
{
	snprintf(page->job_name, sizeof(page->job_name), "%s", s->job_name);
	page->tag = tag;
	printer_submit(fx->pr, page);
	struct app_msg m;
	assert_true(wait_msg(fx, APP_MSG_PRINT_DONE, WAIT_MS + 30000, &m));
	assert_int_equal(m.arg, tag);
	assert_int_equal(m.status, PRINTER_READY);
	assert_pwg_matches(env("RECEIPT_SPOOL"), s);
	free_sent(s);
}

/* ---- The tests ---------------------------------------------------------- */

static void a_ready_printer_prints_a_ticket_sent_to_its_uri(void **state)
{
	struct fixture *fx = *state;
	start(fx, env("RECEIPT_URI"), 10);
	struct app_msg m = check_now(fx);
	assert_int_equal(m.status, PRINTER_READY);
	assert_int_equal(m.arg, 0);

	for (int i = 0; i < 3; i++) {
		struct sent s;
		make_page(&s, 576, 800, 203, "direct");
		long long ms;
		assert_int_equal(print_page(fx, &s, 1 + i, &ms), PRINTER_READY);
		fprintf(stderr, "    direct, submit -> completed: %lld ms\n", ms);
		assert_pwg_matches(env("RECEIPT_SPOOL"), &s);
		free_sent(&s);
	}
}

static void a_ticket_is_rendered_on_the_printer_thread_exactly_as_the_preview(void **state)
{
	struct fixture *fx = *state;
	start(fx, env("RECEIPT_URI"), 10);

	struct i18n_catalog *ar = NULL;
	struct text_engine *te = render_setup("ar", &ar);
	struct sent s;
	memset(&s, 0, sizeof(s));
	snprintf(s.job_name, sizeof(s.job_name), "kiosk-test-%d-rendered", (int)getpid());
	const struct ticket_paper *paper = ticket_paper_find("receipt80");
	/* Arabic with a Latin office name and number: bidi runs, two scripts, a QR code. */
	char office[] = "Borgerservice Demo", service[] = "Pas og kørekort", number[] = "A042", qr[] = "A042 2026-11-22";
	struct ticket t = {
		.office_name = office, .service = service, .number = number,
		.year = 2026, .month = 11, .day = 22, .hour = 9, .minute = 5,
		.ahead = 4, .wait_min = 10, .wait_max = 25, .qr = qr,
		.visitor_lang = {ar, "ar", true}, .office_lang = {NULL, "en", false},
	};
	int overflow = -1;
	assert_int_equal(ticket_render(te, &t, paper, &s.gray, &s.w, &s.h, &overflow), KIOSK_OK);
	assert_int_equal(overflow, 0);
	s.dpi = paper->dpi;

	struct printer_page *page = calloc(1, sizeof(*page));
	assert_non_null(page);
	page->ticket = ticket_job_create(&t, paper);
	assert_non_null(page->ticket);
	/* The job owns its texts: the caller's buffers may change at once. */
	memset(office, 'x', sizeof(office) - 1);
	memset(number, 'x', sizeof(number) - 1);
	assert_printed_as_rendered(fx, page, 42, &s);
	text_engine_destroy(te);
	i18n_catalog_destroy(ar);
}

/* A booking confirmation: the printer thread lays it out and renders it
 * itself, from its own copy, exactly as the same slip rendered here. */
static void a_booking_slip_comes_out_of_the_printer_exactly_as_rendered(void **state)
{
	struct fixture *fx = *state;
	start(fx, env("RECEIPT_URI"), 10);

	struct i18n_catalog *da = NULL;
	struct text_engine *te = render_setup("da", &da);
	struct ticket_slip slip;
	memset(&slip, 0, sizeof(slip));
	snprintf(slip.office_name, sizeof(slip.office_name), "Borgerservice Demo");
	snprintf(slip.title, sizeof(slip.title), "Din aftale");
	snprintf(slip.big, sizeof(slip.big), "K7R-49X");
	static const char *const rows[][2] = {
	    {"Dato", "mandag 23. november 2026"},
	    {"Tid", "10:00–10:20"},
	    {"Hvordan", "Personligt fremmøde"},
	    {"Hvor", "Skranke 4, første sal"},
	    {"Medbring", "Dit sundhedskort"},
	};
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		snprintf(slip.row[i].label, sizeof(slip.row[i].label), "%s", rows[i][0]);
		snprintf(slip.row[i].value, sizeof(slip.row[i].value), "%s", rows[i][1]);
	}
	slip.nrows = (int)(sizeof(rows) / sizeof(rows[0]));
	snprintf(slip.note, sizeof(slip.note), "%s",
		 "Aflys eller flyt aftalen på kiosken med koden og de sidste fire cifre af dit telefonnummer.");
	snprintf(slip.qr, sizeof(slip.qr), "K7R49X");
	slip.year = 2026, slip.month = 11, slip.day = 20, slip.hour = 14, slip.minute = 5;
	slip.visitor_lang = (struct ticket_lang){da, "da", false};
	slip.office_lang = (struct ticket_lang){da, "da", false};
	const struct ticket_paper *paper = ticket_paper_find("receipt80");
	struct sent s;
	memset(&s, 0, sizeof(s));
	snprintf(s.job_name, sizeof(s.job_name), "kiosk-test-%d-slip", (int)getpid());
	int overflow = -1;
	assert_int_equal(ticket_render_slip(te, &slip, paper, &s.gray, &s.w, &s.h, &overflow), KIOSK_OK);
	assert_int_equal(overflow, 0);
	s.dpi = paper->dpi;
	assert_int_equal(s.w, paper->width_px);

	struct printer_page *page = calloc(1, sizeof(*page));
	assert_non_null(page);
	page->slip = ticket_slip_job_create(&slip, paper);
	assert_non_null(page->slip);
	/* The job is a copy: what the UI does with its slip next cannot change it. */
	memset(&slip, 'x', offsetof(struct ticket_slip, visitor_lang));
	assert_printed_as_rendered(fx, page, 0, &s);
	text_engine_destroy(te);
	i18n_catalog_destroy(da);
}

static void a_ready_queue_prints_a_ticket_through_cupsd(void **state)
{
	struct fixture *fx = *state;
	start(fx, env("RECEIPT_QUEUE"), 10);
	assert_int_equal(check_now(fx).status, PRINTER_READY);

	for (int i = 0; i < 3; i++) {
		struct sent s;
		make_page(&s, 576, 1200, 203, "queue");
		long long ms;
		assert_int_equal(print_page(fx, &s, 4 + i, &ms), PRINTER_READY);
		fprintf(stderr, "    through cupsd, submit -> completed: %lld ms\n", ms);
		/* cupsd passes PWG raster through untouched (cups.md 3.3). */
		assert_pwg_matches(env("RECEIPT_SPOOL"), &s);
		free_sent(&s);
	}
}

static void the_office_printer_gets_an_a4_page_at_300_dpi(void **state)
{
	struct fixture *fx = *state;
	start(fx, env("OFFICE_URI"), 10);
	struct sent s;
	make_page(&s, 2480, 3508, 300, "a4"); /* 210 x 297 mm at 300 dpi */
	long long ms;
	assert_int_equal(print_page(fx, &s, 7, &ms), PRINTER_READY);
	fprintf(stderr, "    A4 300 dpi direct: %lld ms\n", ms);
	assert_pwg_matches(env("OFFICE_SPOOL"), &s);
	free_sent(&s);
}

static void a_page_at_a_resolution_the_printer_lacks_goes_as_pdf(void **state)
{
	struct fixture *fx = *state;
	/* The receipt printer takes PWG raster at 203 dpi and PDF: a 300 dpi
	 * page must come as PDF (its own page size), not as a raster the
	 * printer would print at the wrong size. */
	start(fx, env("RECEIPT_URI"), 10);
	struct sent s;
	make_page(&s, 600, 300, 300, "res");
	assert_int_equal(print_page(fx, &s, 8, NULL), PRINTER_READY);
	char path[700];
	assert_false(find_spooled(env("RECEIPT_SPOOL"), s.job_name, "pwg", path, sizeof(path), NULL));
	assert_pdf_matches(env("RECEIPT_SPOOL"), &s);
	free_sent(&s);
}

static void a_printer_without_pwg_raster_gets_the_page_as_pdf(void **state)
{
	struct fixture *fx = *state;
	start(fx, env("PDF_URI"), 10);
	struct sent s;
	make_page(&s, 576, 700, 203, "pdf");
	assert_int_equal(print_page(fx, &s, 9, NULL), PRINTER_READY);
	assert_pdf_matches(env("PDF_SPOOL"), &s);
	free_sent(&s);
}

static void a_queue_that_takes_neither_pwg_raster_nor_pdf_fails_the_job_unsent(void **state)
{
	struct fixture *fx = *state;
	/* lpadmin -m everywhere gives the legacy office printer a URF queue
	 * (cups.md pitfall 4), and without cups-filters cupsd takes no PDF. */
	start(fx, env("OFFICE_QUEUE"), 10);
	assert_int_equal(check_now(fx).status, PRINTER_READY);
	const char *spool = env("OFFICE_SPOOL");
	int before = count_files(spool);
	struct sent s;
	make_page(&s, 600, 600, 300, "urf");
	assert_int_equal(print_page(fx, &s, 99, NULL), PRINTER_JOB_FAILED);
	assert_int_equal(count_files(spool), before);
	free_sent(&s);
}

static void paper_out_refuses_the_ticket_before_sending_it(void **state)
{
	struct fixture *fx = *state;
	assert_int_equal(rig_run("media %s 0", rig.dir), 0);
	start(fx, env("RECEIPT_URI"), 10);
	assert_int_equal(check_now(fx).status, PRINTER_NO_PAPER);

	const char *spool = env("RECEIPT_SPOOL");
	int before = count_files(spool);
	struct sent s;
	make_page(&s, 576, 400, 203, "nopaper");
	assert_int_equal(print_page(fx, &s, 10, NULL), PRINTER_NO_PAPER);
	assert_int_equal(count_files(spool), before);
	free_sent(&s);
}

static void paper_out_shows_through_the_queue_although_cupsd_does_not_poll(void **state)
{
	struct fixture *fx = *state;
	assert_int_equal(rig_run("media %s 0", rig.dir), 0);
	start(fx, env("RECEIPT_QUEUE"), 10);
	assert_int_equal(check_now(fx).status, PRINTER_NO_PAPER);

	const char *spool = env("RECEIPT_SPOOL");
	int before = count_files(spool);
	struct sent s;
	make_page(&s, 576, 400, 203, "qnopaper");
	assert_int_equal(print_page(fx, &s, 11, NULL), PRINTER_NO_PAPER);
	assert_int_equal(count_files(spool), before);
	free_sent(&s);
}

static void paper_low_prints_and_raises_the_flag(void **state)
{
	struct fixture *fx = *state;
	assert_int_equal(rig_run("media %s 10", rig.dir), 0);
	start(fx, env("RECEIPT_URI"), 10);
	struct app_msg m = check_now(fx);
	assert_int_equal(m.status, PRINTER_READY);
	assert_int_equal(m.arg, PRINTER_FLAG_PAPER_LOW);

	struct sent s;
	make_page(&s, 576, 400, 203, "low");
	assert_int_equal(print_page(fx, &s, 12, NULL), PRINTER_READY);
	assert_pwg_matches(env("RECEIPT_SPOOL"), &s);
	free_sent(&s);

	printer_stop(fx->pr);
	fx->pr = NULL;
	start(fx, env("RECEIPT_QUEUE"), 10);
	m = check_now(fx);
	assert_int_equal(m.status, PRINTER_READY);
	assert_int_equal(m.arg, PRINTER_FLAG_PAPER_LOW);
}

static void a_jammed_printer_refuses_the_ticket(void **state)
{
	struct fixture *fx = *state;
	assert_int_equal(rig_run("state %s receipt +media-jam", rig.dir), 0);
	start(fx, env("RECEIPT_URI"), 10);
	assert_int_equal(check_now(fx).status, PRINTER_JAM);
	const char *spool = env("RECEIPT_SPOOL");
	int before = count_files(spool);
	struct sent s;
	make_page(&s, 576, 400, 203, "jam");
	assert_int_equal(print_page(fx, &s, 13, NULL), PRINTER_JAM);
	assert_int_equal(count_files(spool), before);
	free_sent(&s);
}

static void an_open_cover_refuses_the_ticket(void **state)
{
	struct fixture *fx = *state;
	assert_int_equal(rig_run("state %s receipt +cover-open", rig.dir), 0);
	start(fx, env("RECEIPT_QUEUE"), 10);
	assert_int_equal(check_now(fx).status, PRINTER_COVER_OPEN);
	const char *spool = env("RECEIPT_SPOOL");
	int before = count_files(spool);
	struct sent s;
	make_page(&s, 576, 400, 203, "cover");
	assert_int_equal(print_page(fx, &s, 14, NULL), PRINTER_COVER_OPEN);
	assert_int_equal(count_files(spool), before);
	free_sent(&s);
}

static void a_jam_while_printing_cancels_the_job_after_three_seconds(void **state)
{
	struct fixture *fx = *state;
	/* The job jams the printer as it starts and would then take 20 s. */
	assert_int_equal(rig_run("state-next %s receipt +media-jam", rig.dir), 0);
	assert_int_equal(rig_run("delay %s receipt 20", rig.dir), 0);
	start(fx, env("RECEIPT_URI"), 15);
	struct sent s;
	make_page(&s, 576, 400, 203, "jamlater");
	long long ms;
	assert_int_equal(print_page(fx, &s, 15, &ms), PRINTER_JAM);
	assert_in_range(ms, 3000, 6000);
	assert_cancelled_on_printer(env("RECEIPT_URI"), env("RECEIPT_SPOOL"), s.job_name);
	free_sent(&s);
}

static void a_killed_printer_is_unreachable_at_once(void **state)
{
	struct fixture *fx = *state;
	assert_int_equal(rig_run("kill %s receipt", rig.dir), 0);
	start(fx, env("RECEIPT_URI"), 10);
	long long t0 = monotonic_ms();
	assert_int_equal(check_now(fx).status, PRINTER_UNREACHABLE);
	assert_true(monotonic_ms() - t0 < 3000);
	struct sent s;
	make_page(&s, 576, 400, 203, "gone");
	assert_int_equal(print_page(fx, &s, 16, NULL), PRINTER_UNREACHABLE);
	free_sent(&s);

	/* cupsd's queue still says idle; its printer does not answer. */
	printer_stop(fx->pr);
	fx->pr = NULL;
	start(fx, env("RECEIPT_QUEUE"), 10);
	t0 = monotonic_ms();
	assert_int_equal(check_now(fx).status, PRINTER_UNREACHABLE);
	assert_true(monotonic_ms() - t0 < 3000);
}

static void a_printer_that_accepts_but_never_answers_is_unreachable_in_bounded_time(void **state)
{
	struct fixture *fx = *state;
	/* A listening socket nobody accepts on: the kernel completes the
	 * connection, the request goes out, no answer ever comes. */
	int fd = socket(AF_INET, SOCK_STREAM, 0);
	assert_true(fd >= 0);
	struct sockaddr_in a;
	memset(&a, 0, sizeof(a));
	a.sin_family = AF_INET;
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	assert_int_equal(bind(fd, (struct sockaddr *)&a, sizeof(a)), 0);
	assert_int_equal(listen(fd, 4), 0);
	socklen_t alen = sizeof(a);
	assert_int_equal(getsockname(fd, (struct sockaddr *)&a, &alen), 0);
	char uri[64];
	snprintf(uri, sizeof(uri), "ipp://127.0.0.1:%d/ipp/print", ntohs(a.sin_port));

	start(fx, uri, 10);
	long long t0 = monotonic_ms();
	assert_int_equal(check_now(fx).status, PRINTER_UNREACHABLE);
	long long ms = monotonic_ms() - t0;
	fprintf(stderr, "    silent printer: unreachable after %lld ms\n", ms);
	assert_in_range(ms, 2500, 5000);
	close(fd);
}

static void a_disabled_queue_is_stopped(void **state)
{
	struct fixture *fx = *state;
	assert_int_equal(rig_run("disable %s %s", rig.dir, env("RECEIPT_QUEUE")), 0);
	start(fx, env("RECEIPT_QUEUE"), 10);
	assert_int_equal(check_now(fx).status, PRINTER_STOPPED);
	struct sent s;
	make_page(&s, 576, 400, 203, "disabled");
	assert_int_equal(print_page(fx, &s, 17, NULL), PRINTER_STOPPED);
	free_sent(&s);
}

static void a_rejecting_queue_is_not_accepting(void **state)
{
	struct fixture *fx = *state;
	assert_int_equal(rig_run("reject %s %s", rig.dir, env("RECEIPT_QUEUE")), 0);
	start(fx, env("RECEIPT_QUEUE"), 10);
	assert_int_equal(check_now(fx).status, PRINTER_NOT_ACCEPTING);
	struct sent s;
	make_page(&s, 576, 400, 203, "rejecting");
	assert_int_equal(print_page(fx, &s, 18, NULL), PRINTER_NOT_ACCEPTING);
	free_sent(&s);
}

static void a_job_that_never_completes_times_out_and_is_cancelled(void **state)
{
	struct fixture *fx = *state;
	assert_int_equal(rig_run("delay %s receipt 30", rig.dir), 0);
	start(fx, env("RECEIPT_URI"), 2);
	struct sent s;
	make_page(&s, 576, 400, 203, "slow");
	long long ms;
	assert_int_equal(print_page(fx, &s, 19, &ms), PRINTER_JOB_TIMEOUT);
	assert_in_range(ms, 2000, 4000);
	assert_cancelled_on_printer(env("RECEIPT_URI"), env("RECEIPT_SPOOL"), s.job_name);
	free_sent(&s);
}

static void a_job_the_printer_aborts_is_a_failed_job(void **state)
{
	struct fixture *fx = *state;
	assert_int_equal(rig_run("fail %s receipt on", rig.dir), 0);
	start(fx, env("RECEIPT_URI"), 10);
	struct sent s;
	make_page(&s, 576, 400, 203, "aborted");
	assert_int_equal(print_page(fx, &s, 20, NULL), PRINTER_JOB_FAILED);
	free_sent(&s);
}

static void stopping_the_service_cancels_the_job_in_flight(void **state)
{
	struct fixture *fx = *state;
	assert_int_equal(rig_run("delay %s receipt 30", rig.dir), 0);
	start(fx, env("RECEIPT_URI"), 20);
	struct sent s;
	make_page(&s, 576, 400, 203, "shutdown");
	printer_submit(fx->pr, page_of(&s, 21));
	char path[700];
	long long end = monotonic_ms() + 5000;
	while (!find_spooled(env("RECEIPT_SPOOL"), s.job_name, "pwg", path, sizeof(path), NULL) && monotonic_ms() < end)
		SDL_Delay(20);
	long long t0 = monotonic_ms();
	printer_stop(fx->pr);
	fx->pr = NULL;
	assert_true(monotonic_ms() - t0 < 2000);
	assert_cancelled_on_printer(env("RECEIPT_URI"), env("RECEIPT_SPOOL"), s.job_name);
	/* No reply after stop: the UI may already be gone. */
	struct app_msg m;
	assert_false(wait_msg(fx, APP_MSG_PRINT_DONE, 300, &m));
	free_sent(&s);
}

/* Voluntary context switches of the printer thread, found by its name. */
static long printer_thread_switches(void)
{
	DIR *d = opendir("/proc/self/task");
	assert_non_null(d);
	long switches = -1;
	struct dirent *e;
	while (switches < 0 && (e = readdir(d)) != NULL) {
		char path[300], line[128];
		snprintf(path, sizeof(path), "/proc/self/task/%s/comm", e->d_name);
		FILE *f = fopen(path, "r");
		if (!f)
			continue;
		bool ours = fgets(line, sizeof(line), f) && strcmp(line, "kiosk-printer\n") == 0;
		fclose(f);
		if (!ours)
			continue;
		snprintf(path, sizeof(path), "/proc/self/task/%s/status", e->d_name);
		f = fopen(path, "r");
		assert_non_null(f);
		while (fgets(line, sizeof(line), f))
			if (sscanf(line, "voluntary_ctxt_switches: %ld", &switches) == 1)
				break;
		fclose(f);
	}
	closedir(d);
	assert_true(switches >= 0);
	return switches;
}

static void an_idle_service_sleeps_without_waking_up(void **state)
{
	struct fixture *fx = *state;
	start(fx, env("RECEIPT_QUEUE"), 10);
	assert_int_equal(check_now(fx).status, PRINTER_READY);
	SDL_Delay(100); /* let it go back to sleep after the reply */
	long before = printer_thread_switches();
	SDL_Delay(1500);
	assert_int_equal(printer_thread_switches(), before);
}

static void a_queue_cupsd_does_not_know_is_an_error(void **state)
{
	struct fixture *fx = *state;
	start(fx, "NoSuchQueue", 10);
	assert_int_equal(check_now(fx).status, PRINTER_OTHER_ERROR);
}

static void no_destination_answers_not_configured(void **state)
{
	struct fixture *fx = *state;
	start(fx, "", 10);
	assert_int_equal(check_now(fx).status, PRINTER_NOT_CONFIGURED);
	struct sent s;
	make_page(&s, 16, 16, 203, "none");
	assert_int_equal(print_page(fx, &s, 22, NULL), PRINTER_NOT_CONFIGURED);
	free_sent(&s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(a_ready_printer_prints_a_ticket_sent_to_its_uri, setup, teardown),
	    cmocka_unit_test_setup_teardown(a_ticket_is_rendered_on_the_printer_thread_exactly_as_the_preview, setup,
					    teardown),
	    cmocka_unit_test_setup_teardown(a_booking_slip_comes_out_of_the_printer_exactly_as_rendered, setup,
					    teardown),
	    cmocka_unit_test_setup_teardown(a_ready_queue_prints_a_ticket_through_cupsd, setup, teardown),
	    cmocka_unit_test_setup_teardown(the_office_printer_gets_an_a4_page_at_300_dpi, setup, teardown),
	    cmocka_unit_test_setup_teardown(a_page_at_a_resolution_the_printer_lacks_goes_as_pdf, setup, teardown),
	    cmocka_unit_test_setup_teardown(a_printer_without_pwg_raster_gets_the_page_as_pdf, setup, teardown),
	    cmocka_unit_test_setup_teardown(a_queue_that_takes_neither_pwg_raster_nor_pdf_fails_the_job_unsent, setup,
					    teardown),
	    cmocka_unit_test_setup_teardown(paper_out_refuses_the_ticket_before_sending_it, setup, teardown),
	    cmocka_unit_test_setup_teardown(paper_out_shows_through_the_queue_although_cupsd_does_not_poll, setup,
					    teardown),
	    cmocka_unit_test_setup_teardown(paper_low_prints_and_raises_the_flag, setup, teardown),
	    cmocka_unit_test_setup_teardown(a_jammed_printer_refuses_the_ticket, setup, teardown),
	    cmocka_unit_test_setup_teardown(an_open_cover_refuses_the_ticket, setup, teardown),
	    cmocka_unit_test_setup_teardown(a_jam_while_printing_cancels_the_job_after_three_seconds, setup, teardown),
	    cmocka_unit_test_setup_teardown(a_killed_printer_is_unreachable_at_once, setup, teardown),
	    cmocka_unit_test_setup_teardown(a_printer_that_accepts_but_never_answers_is_unreachable_in_bounded_time,
					    setup, teardown),
	    cmocka_unit_test_setup_teardown(a_disabled_queue_is_stopped, setup, teardown),
	    cmocka_unit_test_setup_teardown(a_rejecting_queue_is_not_accepting, setup, teardown),
	    cmocka_unit_test_setup_teardown(a_job_that_never_completes_times_out_and_is_cancelled, setup, teardown),
	    cmocka_unit_test_setup_teardown(a_job_the_printer_aborts_is_a_failed_job, setup, teardown),
	    cmocka_unit_test_setup_teardown(stopping_the_service_cancels_the_job_in_flight, setup, teardown),
	    cmocka_unit_test_setup_teardown(an_idle_service_sleeps_without_waking_up, setup, teardown),
	    cmocka_unit_test_setup_teardown(a_queue_cupsd_does_not_know_is_an_error, setup, teardown),
	    cmocka_unit_test_setup_teardown(no_destination_answers_not_configured, setup, teardown),
	};
	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
